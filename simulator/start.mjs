// `npm run sim`: runs simulator/main.ts under plain node, as one ES module bundled by esbuild (the simulator's own
// files; packages stay imports). The bundle is kept in node_modules/.cache/actions-console-sim and rebuilt when a
// file it was built from changes (or appears in the import graph through a changed file).
//
// Why not `tsx simulator/main.ts`: on Node 20 tsx's loader hooks run on a separate thread with a round trip per
// imported module, the tsx CLI starts a second node process, and its keepNames transform wraps every closure the
// seed creates; together about a second of a 2-core machine's start-up (see bench/README.md, Simulator). When
// esbuild cannot be loaded or the build fails, this falls back to tsx's loader, so `npm run sim` still starts.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const entry = path.join(here, "main.ts");
// Per checkout, in case several share one node_modules (a symlink): each keeps its own bundle.
const cacheDir = path.join(root, "node_modules", ".cache", "actions-console-sim", createHash("sha1").update(root).digest("hex").slice(0, 12));
const bundle = path.join(cacheDir, "main.mjs");
const manifestFile = path.join(cacheDir, "inputs.json");
/** Bumped when the build options change, so an old bundle is not reused. */
const BUILD_VERSION = 1;

/** "mtime:size" of a file, or null when it is gone. */
function signature(file) {
  try {
    const st = statSync(path.join(root, file));
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}

/** Whether the cached bundle was built from the files as they are now. */
function upToDate() {
  try {
    if (!existsSync(bundle)) return false;
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    if (manifest.version !== BUILD_VERSION || manifest.node !== process.version) return false;
    return Object.entries(manifest.inputs).every(([file, sig]) => signature(file) === sig);
  } catch {
    return false;
  }
}

async function build() {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    metafile: true,
    write: false,
    outfile: bundle,
    sourcemap: "linked",
    logLevel: "silent",
  });
  mkdirSync(cacheDir, { recursive: true });
  // Written beside and renamed, so a second `npm run sim` starting at the same time never reads half a file.
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = signature(file);
  const tmp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: BUILD_VERSION, node: process.version, inputs }));
  renameSync(tmp, manifestFile);
}

let runBundle = upToDate();
if (!runBundle) {
  try {
    await build();
    runBundle = true;
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    process.stderr.write(`sim: could not bundle the simulator with esbuild (${why}); starting it through tsx instead\n`);
  }
}
if (runBundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
