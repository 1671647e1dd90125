/** The commands GitHub's "New self-hosted runner" page shows, built from `/runners/downloads`. */

export interface RunnerDownload {
  os: string;
  architecture: string;
  download_url: string;
  filename: string;
  sha256_checksum?: string | undefined;
}

export interface CommandStep {
  id: "folder" | "download" | "verify" | "extract" | "configure" | "run";
  title: string;
  command: string;
}

export interface ConfigureOptions {
  url: string;
  token: string;
  group?: string | undefined;
  labels?: readonly string[] | undefined;
}

export const isWindows = (os: string) => os === "win";

export const OS_NAMES: Record<string, string> = { linux: "Linux", osx: "macOS", win: "Windows" };

/** Quotes for POSIX sh when needed. */
export function shQuote(value: string): string {
  return /^[A-Za-z0-9._\-/:@,+=%]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Quotes for PowerShell when needed. */
export function psQuote(value: string): string {
  return /^[A-Za-z0-9._\-/:@,+=%]+$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

export function configureCommand(os: string, o: ConfigureOptions): string {
  const win = isWindows(os);
  const q = win ? psQuote : shQuote;
  const parts = [win ? "./config.cmd" : "./config.sh", "--url", q(o.url), "--token", q(o.token)];
  if (o.group) parts.push("--runnergroup", q(o.group));
  const labels = (o.labels ?? []).map((l) => l.trim()).filter((l) => l !== "");
  if (labels.length > 0) parts.push("--labels", q(labels.join(",")));
  return parts.join(" ");
}

export function removeCommand(os: string, token: string): string {
  return isWindows(os) ? `./config.cmd remove --token ${psQuote(token)}` : `./config.sh remove --token ${shQuote(token)}`;
}

/** Download, verify, extract, configure and run, for one OS/architecture asset. */
export function installSteps(d: RunnerDownload, o: ConfigureOptions): CommandStep[] {
  const win = isWindows(d.os);
  const sha = d.sha256_checksum;
  const steps: CommandStep[] = [];
  if (win) {
    steps.push({ id: "folder", title: "Create a folder under the drive root", command: "mkdir actions-runner; cd actions-runner" });
    steps.push({
      id: "download",
      title: "Download the latest runner package",
      command: `Invoke-WebRequest -Uri ${psQuote(d.download_url)} -OutFile ${psQuote(d.filename)}`,
    });
    if (sha) {
      steps.push({
        id: "verify",
        title: "Validate the hash",
        command: `if((Get-FileHash -Path ${psQuote(d.filename)} -Algorithm SHA256).Hash.ToUpper() -ne '${sha.toUpperCase()}'){ throw 'Computed checksum did not match' }`,
      });
    }
    steps.push({
      id: "extract",
      title: "Extract the installer",
      command: `Add-Type -AssemblyName System.IO.Compression.FileSystem ; [System.IO.Compression.ZipFile]::ExtractToDirectory("$PWD/${d.filename}", "$PWD")`,
    });
    steps.push({ id: "configure", title: "Create the runner and start the configuration experience", command: configureCommand(d.os, o) });
    steps.push({ id: "run", title: "Run it", command: "./run.cmd" });
    return steps;
  }
  steps.push({ id: "folder", title: "Create a folder", command: "mkdir actions-runner && cd actions-runner" });
  steps.push({
    id: "download",
    title: "Download the latest runner package",
    command: `curl -o ${shQuote(d.filename)} -L ${shQuote(d.download_url)}`,
  });
  if (sha) {
    steps.push({
      id: "verify",
      title: "Validate the hash",
      command: `echo "${sha}  ${d.filename}" | shasum -a 256 -c`,
    });
  }
  steps.push({ id: "extract", title: "Extract the installer", command: `tar xzf ./${shQuote(d.filename)}` });
  steps.push({ id: "configure", title: "Create the runner and start the configuration experience", command: configureCommand(d.os, o) });
  steps.push({ id: "run", title: "Run it", command: "./run.sh" });
  return steps;
}

/** "59:58", "1:02:03", or "expired", from an ISO expiry and the current time. */
export function countdown(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (Number.isNaN(ms)) return "unknown";
  if (ms <= 0) return "expired";
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}
