// The seed's start-up shortcuts give the same world as doing the work eagerly, and the seed options
// (`SeedOptions.runners`: a larger acme fleet) through `seed()`, `createSim`, the CLI parser and `POST /_sim/seed`.
import { describe, expect, it } from "vitest";
import { iso, ms, parseWorkflow } from "./actions/model.js";
import { artifactZip, artifactZipSize } from "./logs/zip.js";
import { createRng } from "./store/rng.js";
import { MAX_SEEDED_RUNNERS, parseSeedOptions, seed } from "./store/seed.js";
import { artifactFiles, GENERIC_CI, GENERIC_REPOS, skipArtifactDraws, type ArtifactRun } from "./store/seed-actions.js";
import { DEFAULT_ACME_RUNNERS } from "./store/seed-fleet.js";
import type { State } from "./store/types.js";
import { withSimulator } from "./testing/harness.js";

const NOW = new Date("2026-11-21T09:30:00.000Z");
const acmeRunners = (state: State) => [...state.runners.values()].filter((r) => r.org === "acme");

describe("seed start-up shortcuts", () => {
  it("iso() and ms() agree with Date for every kind of instant", () => {
    const rng = createRng(7);
    const samples = [0, 1, 999, 1000, 86_399_999, 86_400_000, Date.parse("2026-02-28T23:59:59.999Z"), Date.parse("2028-02-29T12:00:00Z")];
    for (let i = 0; i < 5000; i++) samples.push(Math.floor(rng.next() * 4e12) + rng.next());
    for (const t of samples) {
      const want = `${new Date(t).toISOString().slice(0, 19)}Z`;
      expect(iso(t)).toBe(want);
      expect(ms(want)).toBe(Date.parse(want));
    }
    // Outside the fast path: negative and far-future instants, other formats, impossible times.
    expect(iso(-1500)).toBe("1969-12-31T23:59:58Z");
    for (const s of ["2026-11-21T09:30:00.123Z", "2026-11-21T24:00:00Z", "2026-02-30T10:00:00Z", "2026-11-21T0a:00:00Z", "nonsense", ""]) {
      expect(Object.is(ms(s), Date.parse(s))).toBe(true);
    }
  });

  it("skipping an artifact's draws leaves the generator where building its files does", () => {
    const run: ArtifactRun = { id: 4242, head_sha: "0123456789abcdef0123456789abcdef01234567", created_at: "2026-11-20T10:00:00Z", head_branch: "main" };
    const names = ["coverage-node-18", "web-dist", "playwright-report-firefox", "tfplan", "nightly-summary", "deploy-manifest", "image-digest"];
    for (let s = 1; s <= 60; s++) {
      for (const name of names) {
        const built = createRng(s * 7919);
        artifactFiles(name, run, built);
        const skipped = createRng(s * 7919);
        skipArtifactDraws(name, skipped);
        expect(skipped.state(), name).toBe(built.state());
      }
    }
  });

  it("seeded artifacts build their files on first use, with the size listed and the zip's own", async () => {
    const state = await seed(3, NOW);
    const arts = [...state.artifacts.values()];
    expect(arts.length).toBeGreaterThan(1000);
    const kinds = new Set<string>();
    for (const a of arts) {
      const kind = a.name.replace(/-[^-]*$/, "");
      if (kinds.has(kind)) continue;
      kinds.add(kind);
      const size = a.size_in_bytes;
      expect(Object.keys(a.files).length).toBeGreaterThan(0);
      expect(artifactZip(a.files, a.created_at).length).toBe(size);
      expect(artifactZipSize(a.files)).toBe(size);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(6);
  });

  it("the generic CI files parse as their own YAML does", () => {
    for (const [, name] of GENERIC_REPOS) {
      const text = GENERIC_CI(name);
      // A trailing newline makes a different cache key, so this one goes through the YAML parser.
      expect(parseWorkflow(text, "x")).toEqual(parseWorkflow(`${text}\n`, "x"));
    }
  });
});

describe("seed options", () => {
  it("parseSeedOptions accepts whole numbers of runners and says what is wrong otherwise", () => {
    expect(parseSeedOptions(undefined)).toEqual({});
    expect(parseSeedOptions({})).toEqual({});
    expect(parseSeedOptions({ runners: 500 })).toEqual({ runners: 500 });
    expect(parseSeedOptions({ runners: "500" })).toEqual({ runners: 500 });
    expect(parseSeedOptions({ runners: 0 })).toEqual({ runners: 0 });
    for (const bad of [-1, 1.5, "abc", "", MAX_SEEDED_RUNNERS + 1, true]) {
      expect(parseSeedOptions({ runners: bad })).toMatch(/runners must be a whole number from 0 to 5000/);
    }
    expect(parseSeedOptions({ repos: 3 })).toMatch(/unknown seed option "repos"/);
    expect(parseSeedOptions([1])).toMatch(/must be an object/);
  });

  it("runners: 500 gives acme 500 runners, mixed and deterministic, with real jobs on the busy ones", async () => {
    const base = await seed(1, NOW);
    const big = await seed(1, NOW, { runners: 500 });
    const fleet = acmeRunners(big);
    expect(fleet).toHaveLength(500);
    expect(new Set(fleet.map((r) => r.name)).size).toBe(500);
    // The default 34 come first, unchanged but for ids; the others continue their per-OS numbering.
    const before = acmeRunners(base);
    expect(before).toHaveLength(DEFAULT_ACME_RUNNERS);
    expect(fleet.slice(0, DEFAULT_ACME_RUNNERS).map((r) => [r.name, r.os, r.status, r.labels.map((l) => l.name)])).toEqual(
      before.map((r) => [r.name, r.os, r.status, r.labels.map((l) => l.name)]),
    );
    expect(fleet.map((r) => r.name)).toContain("acme-linux-100");
    // Mixed: every OS, every group of acme, online and offline, custom labels, some busy with an in-progress job.
    expect(new Set(fleet.map((r) => r.os))).toEqual(new Set(["Linux", "Windows", "macOS"]));
    const groups = [...big.runnerGroups.values()].filter((g) => g.org === "acme").map((g) => g.id);
    for (const g of groups) expect(fleet.filter((r) => r.runner_group_id === g).length).toBeGreaterThan(20);
    const online = fleet.filter((r) => r.status === "online").length;
    expect(online).toBeGreaterThan(300);
    expect(online).toBeLessThan(450);
    expect(fleet.filter((r) => r.labels.some((l) => l.type === "custom")).length).toBeGreaterThan(250);
    const busy = fleet.filter((r) => r.jobId !== null);
    expect(busy.length).toBeGreaterThanOrEqual(25);
    for (const r of busy) {
      const job = big.jobs.get(r.jobId ?? -1);
      expect(job?.status).toBe("in_progress");
      expect(job?.runner_id).toBe(r.id);
    }
    const added = new Set(fleet.slice(DEFAULT_ACME_RUNNERS).map((r) => r.id));
    expect(busy.filter((r) => added.has(r.id)).length).toBeGreaterThan(5);
    // The rest of the world: same users, repositories and workflows, more runs in progress.
    expect([...big.repos.values()].map((r) => r.name)).toEqual([...base.repos.values()].map((r) => r.name));
    expect([...big.workflows.values()].map((w) => w.path)).toEqual([...base.workflows.values()].map((w) => w.path));
    expect(big.runs.size).toBe(base.runs.size + Math.round((500 - DEFAULT_ACME_RUNNERS) / 10));
    // Same seed and options, same fleet.
    const again = await seed(1, NOW, { runners: 500 });
    expect(acmeRunners(again).map((r) => [r.id, r.name, r.status, r.jobId, r.runner_group_id])).toEqual(
      fleet.map((r) => [r.id, r.name, r.status, r.jobId, r.runner_group_id]),
    );
  });

  it("fewer runners keeps the first ones; the default count is the default world", async () => {
    const base = await seed(2, NOW);
    const small = await seed(2, NOW, { runners: 5 });
    expect(acmeRunners(small).map((r) => r.name)).toEqual(acmeRunners(base).slice(0, 5).map((r) => r.name));
    expect([...small.runners.values()].filter((r) => r.org !== "acme").map((r) => r.name)).toEqual(
      [...base.runners.values()].filter((r) => r.org !== "acme").map((r) => r.name),
    );
    const same = await seed(2, NOW, { runners: DEFAULT_ACME_RUNNERS });
    expect([...same.runs.values()].map((r) => [r.id, r.status, r.conclusion])).toEqual([...base.runs.values()].map((r) => [r.id, r.status, r.conclusion]));
    expect([...same.runners.values()]).toEqual([...base.runners.values()]);
  });

  describe("through the simulator", () => {
    const sim = withSimulator({ seedOptions: { runners: 120 } });

    it("createSim takes them, the API lists them, POST /_sim/seed changes or keeps them", async () => {
      const list = await sim.api<{ total_count: number }>("GET", "/orgs/acme/actions/runners?per_page=1");
      expect(list.body.total_count).toBe(120);
      const health = await sim.raw<{ seedOptions: unknown }>("GET", "/_sim/health");
      expect(health.body.seedOptions).toEqual({ runners: 120 });

      const refused = await sim.raw<{ message: string }>("POST", "/_sim/seed", { body: { seed: 1, options: { runners: "many" } } });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/runners must be a whole number/);

      const reseeded = await sim.raw<{ options: unknown }>("POST", "/_sim/seed", { body: { seed: 1, options: { runners: 60 } } });
      expect(reseeded.status).toBe(200);
      expect(reseeded.body.options).toEqual({ runners: 60 });
      expect((await sim.api<{ total_count: number }>("GET", "/orgs/acme/actions/runners?per_page=1")).body.total_count).toBe(60);

      // Without options (and on reset) the current ones stay.
      await sim.raw("POST", "/_sim/reset");
      expect((await sim.api<{ total_count: number }>("GET", "/orgs/acme/actions/runners?per_page=1")).body.total_count).toBe(60);
      await sim.raw("POST", "/_sim/seed", { body: { seed: 1, options: {} } });
      expect((await sim.api<{ total_count: number }>("GET", "/orgs/acme/actions/runners?per_page=1")).body.total_count).toBe(DEFAULT_ACME_RUNNERS);
    });
  });
});
