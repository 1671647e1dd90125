import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "../tests/security/xss-payloads.js";
import { withSimulator } from "./testing/harness.js";
import { expectValid } from "./testing/openapi.js";
import type { HostileSummary } from "./store/seed-hostile.js";
import { validArtifactName, validBranch, validLabel } from "./store/seed-hostile.js";

const PAYLOADS = XSS_PAYLOADS.map((p) => p.text);
const isPayload = (s: unknown) => typeof s === "string" && PAYLOADS.includes(s);

describe("control: the hostile organisation (POST /_sim/seed/hostile)", () => {
  const sim = withSimulator();
  let h: HostileSummary;

  it("refuses a body without payloads", async () => {
    expect((await sim.raw("POST", "/_sim/seed/hostile", { body: {} })).status).toBe(400);
    expect((await sim.raw("POST", "/_sim/seed/hostile", { body: { payloads: [1] } })).status).toBe(400);
    expect((await sim.raw("GET", "/_sim/seed/hostile")).status).toBe(404);
  });

  it("creates evil with payloads in its free-text fields, served by the API in GitHub's shapes", async () => {
    const made = await sim.raw<HostileSummary>("POST", "/_sim/seed/hostile", {
      body: { payloads: PAYLOADS },
    });
    expect(made.status).toBe(201);
    h = made.body;
    expect(h.org).toBe("evil");

    const org = await sim.api<{ name: string; description: string }>("GET", "/orgs/evil");
    expect(isPayload(org.body.name) && isPayload(org.body.description)).toBe(true);

    const repo = await sim.api<{ description: string }>("GET", `/repos/${h.lab}`);
    expectValid("GET", "/repos/{owner}/{repo}", repo.status, repo.body);
    expect(isPayload(repo.body.description)).toBe(true);

    const runs = await sim.api<{
      workflow_runs: {
        display_title: string;
        head_branch: string;
        head_commit: { message: string };
        name: string;
      }[];
    }>("GET", `/repos/${h.lab}/actions/runs?per_page=100`);
    expectValid("GET", "/repos/{owner}/{repo}/actions/runs", runs.status, runs.body);
    expect(runs.body.workflow_runs).toHaveLength(h.runs.length);
    for (const r of runs.body.workflow_runs) {
      expect(isPayload(r.display_title) && isPayload(r.head_commit.message) && isPayload(r.name)).toBe(true);
      expect(validBranch(r.head_branch)).toBe(true);
    }
    expect(runs.body.workflow_runs.some((r) => isPayload(r.head_branch))).toBe(true);

    const jobs = await sim.api<{
      jobs: { name: string; runner_name: string; runner_group_name: string; steps: { name: string }[] }[];
    }>("GET", `/repos/${h.lab}/actions/runs/${h.runs[0]}/jobs`);
    expectValid("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs", jobs.status, jobs.body);
    for (const j of jobs.body.jobs) {
      expect(isPayload(j.name) && isPayload(j.runner_name)).toBe(true);
      expect(j.steps.filter((s) => isPayload(s.name)).length).toBe(2);
    }

    const runners = await sim.api<{ runners: { name: string; labels: { name: string; type: string }[] }[] }>(
      "GET",
      "/orgs/evil/actions/runners?per_page=100",
    );
    expectValid("GET", "/orgs/{org}/actions/runners", runners.status, runners.body);
    for (const r of runners.body.runners) {
      expect(isPayload(r.name)).toBe(true);
      const custom = r.labels.filter((l) => l.type === "custom").map((l) => l.name);
      expect(custom.length).toBeGreaterThan(0);
      for (const l of custom) expect(isPayload(l) && validLabel(l)).toBe(true);
    }

    const groups = await sim.api<{ runner_groups: { name: string; default: boolean }[] }>(
      "GET",
      "/orgs/evil/actions/runner-groups",
    );
    expect(groups.body.runner_groups.filter((g) => !g.default).every((g) => isPayload(g.name))).toBe(true);

    const arts = await sim.api<{ artifacts: { name: string }[] }>(
      "GET",
      `/repos/${h.lab}/actions/runs/${h.mainRun}/artifacts`,
    );
    expectValid("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", arts.status, arts.body);
    expect(arts.body.artifacts).toHaveLength(10);
    for (const a of arts.body.artifacts) expect(isPayload(a.name) && validArtifactName(a.name)).toBe(true);

    const secrets = await sim.api<{ secrets: { name: string }[] }>("GET", "/orgs/evil/actions/secrets");
    expect(secrets.body.secrets.map((s) => s.name)).toContain("__PROTO__");
    for (const s of secrets.body.secrets) expect(s.name).toMatch(/^[A-Z_][A-Z0-9_]*$/);

    const wf = await sim.api<{ content: string }>(
      "GET",
      `/repos/${h.lab}/contents/.github/workflows/${h.dispatchFile}`,
    );
    expect(wf.status).toBe(200);
  });

  it("serves a job log holding every payload, raw and wrapped", async () => {
    const log = await sim.api("GET", `/repos/${h.lab}/actions/jobs/${h.logJob}/logs`, { follow: true });
    expect(log.status).toBe(200);
    const lines = log.text.split("\n").map((l) => l.replace(/^\ufeff?\d{4}-\d\d-\d\dT[\d:.]+Z /, ""));
    const text = lines.join("\n");
    // (a lone surrogate cannot be written as UTF-8: it arrives as U+FFFD)
    const wellFormed = (s: string) =>
      s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
    for (const p of PAYLOADS)
      for (const part of wellFormed(p).split(/\r?\n|\r/)) expect(lines).toContain(part);
    expect(text).toContain("\u001b]8;;javascript:");
    expect(lines.filter((l) => l.startsWith("##[error]")).length).toBeGreaterThan(30);
    // the whole run's archive too
    const zip = await sim.api("GET", `/repos/${h.lab}/actions/runs/${h.mainRun}/logs`, { follow: true });
    expect(zip.status).toBe(200);
  });

  it("evil/broken answers its runs and workflows with a hostile 422", async () => {
    for (const path of ["actions/runs", "actions/workflows"]) {
      const r = await sim.api<{ message: string; documentation_url: string; errors: { message: string }[] }>(
        "GET",
        `/repos/${h.broken}/${path}`,
      );
      expect(r.status).toBe(422);
      expect(isPayload(r.body.message)).toBe(true);
      expect(r.body.documentation_url).toMatch(/^\s*(javascript|data|vbscript):/i);
      expect(r.body.errors[0]?.message).toBe(r.body.message);
    }
    // other repositories are untouched
    expect((await sim.api("GET", "/repos/acme/web/actions/runs?per_page=1")).status).toBe(200);
  });

  it("DELETE removes all of it", async () => {
    const state = sim.sim?.state;
    expect(state).toBeDefined();
    expect((await sim.raw("DELETE", "/_sim/seed/hostile")).status).toBe(204);
    expect((await sim.api("GET", "/orgs/evil")).status).toBe(404);
    expect((await sim.api("GET", `/repos/${h.lab}`)).status).toBe(404);
    expect((await sim.api("GET", `/repos/${h.broken}/actions/runs`)).status).toBe(404);
    for (const id of h.runs) expect(state?.runs.has(id)).toBe(false);
    for (const id of h.runners) expect(state?.runners.has(id)).toBe(false);
    for (const id of h.artifacts) expect(state?.artifacts.has(id)).toBe(false);
    expect((await sim.raw("DELETE", "/_sim/seed/hostile")).status).toBe(404);
  });
});
