// Runners, runner groups, secrets and Actions permissions: every endpoint with a success and an error case,
// each response validated against the OpenAPI description, plus the libsodium secret round trip.
// Response bodies are checked against the OpenAPI schema (expectValid) before the assertions read them untyped.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call */
import sodium from "libsodium-wrappers";
import { beforeAll, describe, expect, it } from "vitest";
import { findSecret } from "./routes/secrets.js";
import { DEFAULT_GROUP_ID, getRunnerGroup, seedSecretValue } from "./store/fleet.js";
import type { Runner, State } from "./store/types.js";
import { TOKENS, withSimulator, type ApiMethod, type ApiOptions } from "./testing/harness.js";
import { expectValid, expectValidError } from "./testing/openapi.js";

const sim = withSimulator();
const NO_ADMIN_ORG = "ghp_monaNoAdminOrg".padEnd(40, "0");

function state(): State {
  const s = sim.sim?.state;
  if (!s) throw new Error("simulator state not exposed");
  return s;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing ${k}`);
    return encodeURIComponent(String(v));
  });
}

/** Calls the route, expects `status`, validates the response against the description; returns the body. */
async function call<T = any>(
  method: ApiMethod,
  template: string,
  params: Record<string, string | number>,
  status: number,
  opts: ApiOptions & { query?: string } = {},
): Promise<{ body: T; headers: Record<string, string> }> {
  const path = fill(template, params) + (opts.query ? `?${opts.query}` : "");
  const res = await sim.api<T>(method, path, opts);
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
  if (method !== "HEAD") {
    if (status >= 400) expectValidError(method, template, status, res.body, res.headers);
    else expectValid(method, template, status, res.body === "" ? undefined : res.body, res.headers);
  }
  return { body: res.body, headers: res.headers };
}

function seal(publicKey: string, value: string): string {
  return Buffer.from(sodium.crypto_box_seal(new TextEncoder().encode(value), new Uint8Array(Buffer.from(publicKey, "base64")))).toString("base64");
}

const repoId = (owner: string, name: string) => {
  const r = [...state().repos.values()].find((x) => x.owner === owner && x.name === name);
  if (!r) throw new Error(`no repo ${owner}/${name}`);
  return r.id;
};

const idle = (pred: (r: Runner) => boolean) => {
  const r = [...state().runners.values()].find((x) => pred(x) && x.jobId === null);
  if (!r) throw new Error("no idle runner");
  return r;
};

beforeAll(async () => {
  await sodium.ready;
});

describe("seeded fleet", () => {
  it("has 50+ runners across orgs and repos, with groups per org and secrets", () => {
    const runners = [...state().runners.values()];
    expect(runners.length).toBeGreaterThanOrEqual(50);
    expect(runners.some((r) => r.org === "acme")).toBe(true);
    expect(runners.some((r) => r.org === "globex")).toBe(true);
    expect(runners.some((r) => r.repoId === repoId("acme", "web"))).toBe(true);
    expect(runners.some((r) => r.repoId === repoId("acme", "api"))).toBe(true);
    expect(new Set(runners.map((r) => r.os))).toEqual(new Set(["Linux", "Windows", "macOS"]));
    expect(runners.some((r) => r.status === "offline")).toBe(true);
    for (const r of runners) {
      expect(r.labels.filter((l) => l.type === "read-only").map((l) => l.name)[0]).toBe("self-hosted");
    }
    expect(runners.some((r) => r.labels.some((l) => l.type === "custom"))).toBe(true);
    for (const org of ["acme", "globex"]) {
      const groups = [...state().runnerGroups.values()].filter((g) => g.org === org);
      expect(getRunnerGroup(state(), org, DEFAULT_GROUP_ID)?.default).toBe(true);
      expect(groups.map((g) => g.visibility).sort()).toEqual(["all", "all", "private", "selected"]);
      expect(groups.some((g) => g.inherited)).toBe(true);
    }
    const npm = findSecret(state(), { org: "acme" }, "npm_token");
    expect(npm?.decrypted).toBe(seedSecretValue("acme", "NPM_TOKEN"));
    // The seeded ciphertext really is a sealed box of the plaintext for the org key.
    const key = state().orgs.get("acme")!.secretsKey;
    const opened = sodium.crypto_box_seal_open(
      new Uint8Array(Buffer.from(npm!.encrypted_value, "base64")),
      new Uint8Array(Buffer.from(key.publicKey, "base64")),
      new Uint8Array(Buffer.from(key.privateKey, "base64")),
    );
    expect(sodium.to_string(opened)).toBe(npm!.decrypted);
  });
});

for (const scope of [
  { kind: "org", base: "/orgs/{org}", params: { org: "acme" } as Record<string, string>, owns: (r: Runner) => r.org === "acme" },
  {
    kind: "repo",
    base: "/repos/{owner}/{repo}",
    params: { owner: "acme", repo: "web" } as Record<string, string>,
    owns: (r: Runner) => r.repoId === repoId("acme", "web"),
  },
] as const) {
  describe(`${scope.kind} runners`, () => {
    const T = (p: string) => `${scope.base}/actions/runners${p}`;

    it("lists runners with total_count, pagination and the name filter", async () => {
      const { body, headers } = await call("GET", T(""), scope.params, 200, { query: "per_page=2" });
      expect(body.runners).toHaveLength(2);
      expect(body.total_count).toBe([...state().runners.values()].filter(scope.owns).length);
      expect(headers.link).toContain('rel="next"');
      const name = body.runners[0].name as string;
      const filtered = await call("GET", T(""), scope.params, 200, { query: `name=${encodeURIComponent(name)}` });
      expect(filtered.body.runners.map((r: { name: string }) => r.name)).toEqual([name]);
    });

    it("refuses callers without the scope or role", async () => {
      await call("GET", T(""), scope.params, 401, { token: null });
      if (scope.kind === "org") {
        await call("GET", T(""), scope.params, 403, { token: NO_ADMIN_ORG });
        await call("GET", T(""), scope.params, 403, { token: TOKENS.octocat });
        await call("GET", T(""), { org: "no-such-org" }, 404);
      } else {
        await call("GET", T(""), scope.params, 403, { token: TOKENS.octocat });
        await call("GET", T(""), { owner: "acme", repo: "nope" }, 404);
      }
    });

    it("gets a runner, 404 for another scope's runner", async () => {
      const r = idle(scope.owns);
      const { body } = await call("GET", T("/{runner_id}"), { ...scope.params, runner_id: r.id }, 200);
      expect(body).toMatchObject({ id: r.id, name: r.name, busy: false });
      const other = idle((x) => !scope.owns(x));
      await call("GET", T("/{runner_id}"), { ...scope.params, runner_id: other.id }, 404);
    });

    it("lists runner downloads", async () => {
      const { body } = await call("GET", T("/downloads"), scope.params, 200);
      expect(body.map((d: { os: string; architecture: string }) => `${d.os}-${d.architecture}`)).toEqual(
        expect.arrayContaining(["osx-x64", "osx-arm64", "linux-x64", "linux-arm64", "linux-arm", "win-x64", "win-arm64"]),
      );
      for (const d of body) expect(d.sha256_checksum).toMatch(/^[0-9a-f]{64}$/);
      await call("GET", T("/downloads"), scope.params, 401, { token: null });
    });

    it("creates registration and remove tokens", async () => {
      for (const kind of ["registration", "remove"]) {
        const before = sim.sim!.writes.get(`POST ${T(`/${kind}-token`)}`) ?? 0;
        const { body } = await call("POST", T(`/${kind}-token`), scope.params, 201);
        expect(state().runnerTokens.get(body.token)?.kind).toBe(kind);
        const ms = Date.parse(body.expires_at) - sim.sim!.now().getTime();
        expect(ms).toBeGreaterThan(3500_000);
        expect(ms).toBeLessThanOrEqual(3600_000);
        expect(sim.sim!.writes.get(`POST ${T(`/${kind}-token`)}`)).toBe(before + 1);
        await call("POST", T(`/${kind}-token`), scope.params, 403, { token: TOKENS.octocat });
      }
    });

    it("manages labels", async () => {
      const r = idle(scope.owns);
      const p = { ...scope.params, runner_id: r.id };
      const list = await call("GET", T("/{runner_id}/labels"), p, 200);
      expect(list.body.total_count).toBe(r.labels.length);
      await call("GET", T("/{runner_id}/labels"), { ...scope.params, runner_id: 999999999 }, 404);

      const added = await call("POST", T("/{runner_id}/labels"), p, 200, { body: { labels: ["fleet-test", "fleet-extra"] } });
      expect(added.body.labels.map((l: { name: string }) => l.name)).toEqual(expect.arrayContaining(["fleet-test", "fleet-extra"]));
      await call("POST", T("/{runner_id}/labels"), p, 422, { body: { labels: [] } });

      const set = await call("PUT", T("/{runner_id}/labels"), p, 200, { body: { labels: ["only-this"] } });
      expect(set.body.labels.filter((l: { type: string }) => l.type === "custom").map((l: { name: string }) => l.name)).toEqual(["only-this"]);
      await call("PUT", T("/{runner_id}/labels"), p, 422, { body: { labels: "nope" } });

      const removed = await call("DELETE", T("/{runner_id}/labels/{name}"), { ...p, name: "only-this" }, 200);
      expect(removed.body.labels.every((l: { type: string }) => l.type === "read-only")).toBe(true);
      await call("DELETE", T("/{runner_id}/labels/{name}"), { ...p, name: "only-this" }, 404);
      await call("DELETE", T("/{runner_id}/labels/{name}"), { ...p, name: "self-hosted" }, 422);

      await call("POST", T("/{runner_id}/labels"), p, 200, { body: { labels: ["a1", "a2"] } });
      const cleared = await call("DELETE", T("/{runner_id}/labels"), p, 200);
      expect(cleared.body.labels.map((l: { name: string }) => l.name)).toEqual(r.labels.filter((l) => l.type === "read-only").map((l) => l.name));
      await call("DELETE", T("/{runner_id}/labels"), { ...scope.params, runner_id: 999999999 }, 404);
    });

    it("deletes an idle runner (204) and refuses a busy one (422)", async () => {
      const busy = idle(scope.owns);
      busy.jobId = 424242;
      try {
        await call("DELETE", T("/{runner_id}"), { ...scope.params, runner_id: busy.id }, 422);
      } finally {
        busy.jobId = null;
      }
      const r = [...state().runners.values()].filter(scope.owns).filter((x) => x.jobId === null).at(-1)!;
      await call("DELETE", T("/{runner_id}"), { ...scope.params, runner_id: r.id }, 204);
      expect(state().runners.has(r.id)).toBe(false);
      await call("DELETE", T("/{runner_id}"), { ...scope.params, runner_id: r.id }, 404);
    });
  });
}

describe("runner groups", () => {
  const G = "/orgs/{org}/actions/runner-groups";
  const acme = { org: "acme" };

  it("lists groups, Default (id 1) first, and filters by visible_to_repository", async () => {
    const { body } = await call("GET", G, acme, 200);
    expect(body.runner_groups[0]).toMatchObject({ id: 1, name: "Default", default: true, visibility: "all" });
    expect(body.runner_groups.some((g: { inherited: boolean }) => g.inherited)).toBe(true);
    expect(body.total_count).toBe(body.runner_groups.length);
    // acme/web is public: the private-only group is not visible to it.
    const web = await call("GET", G, acme, 200, { query: "visible_to_repository=web" });
    expect(web.body.runner_groups.some((g: { visibility: string }) => g.visibility === "private")).toBe(false);
    const api = await call("GET", G, acme, 200, { query: "visible_to_repository=api" });
    expect(api.body.runner_groups.some((g: { visibility: string }) => g.visibility === "private")).toBe(true);
    await call("GET", G, acme, 403, { token: TOKENS.hubot });
  });

  it("creates, gets, updates and deletes a group", async () => {
    const runner = idle((r) => r.org === "acme");
    const created = await call("POST", G, acme, 201, {
      body: { name: "fleet-test-group", visibility: "selected", selected_repository_ids: [repoId("acme", "api")], runners: [runner.id] },
    });
    const id = created.body.id as number;
    expect(created.body.selected_repositories_url).toContain(`/runner-groups/${id}/repositories`);
    expect(state().runners.get(runner.id)?.runner_group_id).toBe(id);
    await call("POST", G, acme, 422, { body: { name: "fleet-test-group" } });
    await call("POST", G, acme, 422, { body: { visibility: "all" } });

    await call("GET", `${G}/{runner_group_id}`, { ...acme, runner_group_id: id }, 200);
    await call("GET", `${G}/{runner_group_id}`, { ...acme, runner_group_id: 987654321 }, 404);

    const patched = await call("PATCH", `${G}/{runner_group_id}`, { ...acme, runner_group_id: id }, 200, {
      body: { name: "fleet-renamed", visibility: "all", allows_public_repositories: true },
    });
    expect(patched.body).toMatchObject({ name: "fleet-renamed", visibility: "all", allows_public_repositories: true });
    expect(patched.body.selected_repositories_url).toBeUndefined();
    await call("PATCH", `${G}/{runner_group_id}`, { ...acme, runner_group_id: id }, 422, { body: { visibility: "everyone", name: "x" } });

    await call("DELETE", `${G}/{runner_group_id}`, { ...acme, runner_group_id: id }, 204);
    expect(state().runners.get(runner.id)?.runner_group_id).toBe(DEFAULT_GROUP_ID);
    await call("DELETE", `${G}/{runner_group_id}`, { ...acme, runner_group_id: id }, 404);
    await call("DELETE", `${G}/{runner_group_id}`, { ...acme, runner_group_id: 1 }, 409);
  });

  it("manages repository access of a selected group; 409 for other visibilities", async () => {
    const groups = [...state().runnerGroups.values()].filter((g) => g.org === "acme");
    const sel = groups.find((g) => g.visibility === "selected" && !g.inherited)!;
    const p = { ...acme, runner_group_id: sel.id };
    const R = `${G}/{runner_group_id}/repositories`;
    const list = await call("GET", R, p, 200);
    expect(list.body.total_count).toBe(sel.selectedRepoIds.length);
    await call("GET", R, { ...acme, runner_group_id: 987654321 }, 404);

    const infra = repoId("acme", "infra");
    await call("PUT", R, p, 204, { body: { selected_repository_ids: [repoId("acme", "web")] } });
    expect(sel.selectedRepoIds).toEqual([repoId("acme", "web")]);
    await call("PUT", R, p, 422, { body: { selected_repository_ids: [repoId("globex", "portal")] } });

    await call("PUT", `${R}/{repository_id}`, { ...p, repository_id: infra }, 204);
    expect(sel.selectedRepoIds).toContain(infra);
    await call("DELETE", `${R}/{repository_id}`, { ...p, repository_id: infra }, 204);
    expect(sel.selectedRepoIds).not.toContain(infra);

    const def = { ...acme, runner_group_id: 1 };
    await call("PUT", `${R}/{repository_id}`, { ...def, repository_id: infra }, 409);
    await call("DELETE", `${R}/{repository_id}`, { ...def, repository_id: infra }, 409);
    await call("PUT", R, def, 409, { body: { selected_repository_ids: [] } });
  });

  it("manages the runners of a group; removed runners go back to Default", async () => {
    const priv = [...state().runnerGroups.values()].find((g) => g.org === "acme" && g.visibility === "private")!;
    const p = { ...acme, runner_group_id: priv.id };
    const R = `${G}/{runner_group_id}/runners`;
    const list = await call("GET", R, p, 200);
    expect(list.body.total_count).toBe([...state().runners.values()].filter((r) => r.org === "acme" && r.runner_group_id === priv.id).length);
    await call("GET", R, { ...acme, runner_group_id: 987654321 }, 404);

    const [a, b] = [...state().runners.values()].filter((r) => r.org === "acme" && r.runner_group_id === DEFAULT_GROUP_ID);
    const previous = list.body.runners.map((r: { id: number }) => r.id) as number[];
    await call("PUT", R, p, 204, { body: { runners: [a!.id] } });
    expect(a!.runner_group_id).toBe(priv.id);
    for (const id of previous) expect(state().runners.get(id)?.runner_group_id).toBe(DEFAULT_GROUP_ID);
    await call("PUT", R, p, 422, { body: { runners: [idle((r) => r.org === "globex").id] } });

    await call("PUT", `${R}/{runner_id}`, { ...p, runner_id: b!.id }, 204);
    expect(b!.runner_group_id).toBe(priv.id);
    await call("PUT", `${R}/{runner_id}`, { ...p, runner_id: 987654321 }, 404);
    await call("DELETE", `${R}/{runner_id}`, { ...p, runner_id: b!.id }, 204);
    expect(b!.runner_group_id).toBe(DEFAULT_GROUP_ID);
    await call("DELETE", `${R}/{runner_id}`, { ...p, runner_id: b!.id }, 404);
  });
});

describe("organization secrets", () => {
  const S = "/orgs/{org}/actions/secrets";
  const acme = { org: "acme" };

  it("lists, gets and serves the public key", async () => {
    const list = await call("GET", S, acme, 200);
    expect(list.body.total_count).toBe(state().orgSecrets.get("acme")!.size);
    expect(JSON.stringify(list.body)).not.toContain("sim-acme");
    const key = await call("GET", `${S}/public-key`, acme, 200);
    expect(key.body.key_id).toBe(state().orgs.get("acme")!.secretsKey.key_id);
    await call("GET", `${S}/public-key`, acme, 403, { token: TOKENS.hubot });
    const sec = await call("GET", `${S}/{secret_name}`, { ...acme, secret_name: "AWS_ACCESS_KEY_ID" }, 200);
    expect(sec.body.visibility).toBe("selected");
    expect(sec.body.selected_repositories_url).toContain("/orgs/acme/actions/secrets/AWS_ACCESS_KEY_ID/repositories");
    await call("GET", `${S}/{secret_name}`, { ...acme, secret_name: "NOPE" }, 404);
    await call("GET", S, acme, 403, { token: NO_ADMIN_ORG });
  });

  it("round-trips a sealed value: create 201, update 204, decrypted in state", async () => {
    const { body: key } = await call("GET", `${S}/public-key`, acme, 200);
    const before = sim.sim!.writes.get(`PUT ${S}/{secret_name}`) ?? 0;
    await call("PUT", `${S}/{secret_name}`, { ...acme, secret_name: "fleet_round_trip" }, 201, {
      body: { encrypted_value: seal(key.key, "first value ✓"), key_id: key.key_id, visibility: "private" },
    });
    expect(findSecret(state(), acme, "FLEET_ROUND_TRIP")?.decrypted).toBe("first value ✓");
    await call("PUT", `${S}/{secret_name}`, { ...acme, secret_name: "FLEET_ROUND_TRIP" }, 204, {
      body: { encrypted_value: seal(key.key, "second"), key_id: key.key_id, visibility: "selected", selected_repository_ids: [repoId("acme", "web")] },
    });
    const s = findSecret(state(), acme, "FLEET_ROUND_TRIP")!;
    expect(s.decrypted).toBe("second");
    expect(s.selectedRepoIds).toEqual([repoId("acme", "web")]);
    expect(sim.sim!.writes.get(`PUT ${S}/{secret_name}`)).toBe(before + 2);
    const got = await call("GET", `${S}/{secret_name}`, { ...acme, secret_name: "FLEET_ROUND_TRIP" }, 200);
    expect(JSON.stringify(got.body)).not.toContain("second");
  });

  it("refuses bad names, key ids, ciphertexts and oversized values with 422", async () => {
    const { body: key } = await call("GET", `${S}/public-key`, acme, 200);
    const put = (name: string, body: unknown) => call("PUT", `${S}/{secret_name}`, { ...acme, secret_name: name }, 422, { body });
    const good = { encrypted_value: seal(key.key, "v"), key_id: key.key_id, visibility: "all" };
    await put("GITHUB_TOKEN2", good);
    await put("1PASSWORD", good);
    await put("BAD-NAME", good);
    await put("OK_NAME", { ...good, key_id: "0000" });
    await put("OK_NAME", { ...good, encrypted_value: Buffer.from("not a sealed box at all, really not").toString("base64") });
    await put("OK_NAME", { ...good, encrypted_value: "%%%" });
    await put("OK_NAME", { ...good, encrypted_value: seal(key.key, "x".repeat(48 * 1024 + 1)) });
    await put("OK_NAME", { ...good, visibility: "everyone" });
    await put("OK_NAME", { ...good, selected_repository_ids: [repoId("acme", "web")] });
    expect(findSecret(state(), acme, "OK_NAME")).toBeUndefined();
    // Exactly 48 KB is accepted.
    await call("PUT", `${S}/{secret_name}`, { ...acme, secret_name: "BIG_ONE" }, 201, {
      body: { ...good, encrypted_value: seal(key.key, "x".repeat(48 * 1024)) },
    });
  });

  it("deletes a secret", async () => {
    const { body: key } = await call("GET", `${S}/public-key`, acme, 200);
    await call("PUT", `${S}/{secret_name}`, { ...acme, secret_name: "TO_DELETE" }, 201, {
      body: { encrypted_value: seal(key.key, "bye"), key_id: key.key_id, visibility: "all" },
    });
    await call("DELETE", `${S}/{secret_name}`, { ...acme, secret_name: "to_delete" }, 204);
    await call("DELETE", `${S}/{secret_name}`, { ...acme, secret_name: "TO_DELETE" }, 404);
  });

  it("manages selected repositories; 409 unless visibility is selected", async () => {
    const R = `${S}/{secret_name}/repositories`;
    const p = { ...acme, secret_name: "AWS_ACCESS_KEY_ID" };
    const list = await call("GET", R, p, 200);
    expect(list.body.total_count).toBe(findSecret(state(), acme, "AWS_ACCESS_KEY_ID")!.selectedRepoIds!.length);
    const web = repoId("acme", "web");
    const api = repoId("acme", "api");
    await call("PUT", R, p, 204, { body: { selected_repository_ids: [web] } });
    await call("PUT", `${R}/{repository_id}`, { ...p, repository_id: api }, 204);
    expect(findSecret(state(), acme, "AWS_ACCESS_KEY_ID")!.selectedRepoIds).toEqual([web, api]);
    await call("DELETE", `${R}/{repository_id}`, { ...p, repository_id: web }, 204);
    expect(findSecret(state(), acme, "AWS_ACCESS_KEY_ID")!.selectedRepoIds).toEqual([api]);

    const all = { ...acme, secret_name: "NPM_TOKEN" };
    await call("GET", R, all, 409);
    await call("PUT", R, all, 409, { body: { selected_repository_ids: [web] } });
    await call("PUT", `${R}/{repository_id}`, { ...all, repository_id: web }, 409);
    await call("DELETE", `${R}/{repository_id}`, { ...all, repository_id: web }, 409);
    await call("PUT", `${R}/{repository_id}`, { ...p, repository_id: 987654321 }, 404);
  });
});

describe("repository secrets", () => {
  const S = "/repos/{owner}/{repo}/actions/secrets";
  const web = { owner: "acme", repo: "web" };

  it("lists, gets and serves the public key", async () => {
    const list = await call("GET", S, web, 200);
    expect(list.body.secrets.map((s: { name: string }) => s.name)).toContain("DEPLOY_TOKEN");
    await call("GET", S, web, 403, { token: TOKENS.octocat });
    const key = await call("GET", `${S}/public-key`, web, 200, { token: TOKENS.octocat });
    expect(key.body.key_id).toBe(state().repos.get(repoId("acme", "web"))!.secretsKey.key_id);
    await call("GET", `${S}/public-key`, { owner: "acme", repo: "api" }, 200, { token: TOKENS.octocat }); // read collaborator
    await call("GET", `${S}/public-key`, { owner: "octocat", repo: "secret-notes" }, 404, { token: TOKENS.hubot });
    await call("GET", `${S}/{secret_name}`, { ...web, secret_name: "deploy_token" }, 200);
    await call("GET", `${S}/{secret_name}`, { ...web, secret_name: "MISSING" }, 404);
  });

  it("round-trips a sealed value as a repo admin, and deletes it", async () => {
    const api = { owner: "acme", repo: "api" };
    const { body: key } = await call("GET", `${S}/public-key`, api, 200, { token: TOKENS.hubot });
    await call("PUT", `${S}/{secret_name}`, { ...api, secret_name: "hubot_secret" }, 201, {
      token: TOKENS.hubot,
      body: { encrypted_value: seal(key.key, "hubot's value"), key_id: key.key_id },
    });
    expect(findSecret(state(), { repoId: repoId("acme", "api") }, "HUBOT_SECRET")?.decrypted).toBe("hubot's value");
    await call("PUT", `${S}/{secret_name}`, { ...api, secret_name: "HUBOT_SECRET" }, 204, {
      token: TOKENS.hubot,
      body: { encrypted_value: seal(key.key, "v2"), key_id: key.key_id },
    });
    expect(findSecret(state(), { repoId: repoId("acme", "api") }, "HUBOT_SECRET")?.decrypted).toBe("v2");
    // Sealed for another key: does not open.
    const other = state().repos.get(repoId("acme", "web"))!.secretsKey.publicKey;
    await call("PUT", `${S}/{secret_name}`, { ...api, secret_name: "HUBOT_SECRET" }, 422, {
      token: TOKENS.hubot,
      body: { encrypted_value: seal(other, "v3"), key_id: key.key_id },
    });
    await call("PUT", `${S}/{secret_name}`, { ...api, secret_name: "HUBOT_SECRET" }, 422, { token: TOKENS.hubot, body: { key_id: key.key_id } });
    await call("PUT", `${S}/{secret_name}`, { ...api, secret_name: "X" }, 403, {
      token: TOKENS.octocat,
      body: { encrypted_value: seal(key.key, "v"), key_id: key.key_id },
    });
    await call("DELETE", `${S}/{secret_name}`, { ...api, secret_name: "HUBOT_SECRET" }, 204, { token: TOKENS.hubot });
    await call("DELETE", `${S}/{secret_name}`, { ...api, secret_name: "HUBOT_SECRET" }, 404, { token: TOKENS.hubot });
  });

  it("lists the organization secrets a repository can use", async () => {
    const O = "/repos/{owner}/{repo}/actions/organization-secrets";
    const pub = await call("GET", O, web, 200);
    const names = pub.body.secrets.map((s: { name: string }) => s.name) as string[];
    expect(names).toContain("NPM_TOKEN");
    expect(names).not.toContain("DOCKERHUB_TOKEN"); // private visibility, acme/web is public
    const priv = await call("GET", O, { owner: "acme", repo: "api" }, 200);
    expect(priv.body.secrets.map((s: { name: string }) => s.name)).toContain("DOCKERHUB_TOKEN");
    await call("GET", O, web, 403, { token: TOKENS.octocat });
  });
});

describe("Actions permissions", () => {
  const P = "/orgs/{org}/actions/permissions";

  it("gets and sets the org policy", async () => {
    const acme = await call("GET", P, { org: "acme" }, 200);
    expect(acme.body).toMatchObject({ enabled_repositories: "all", allowed_actions: "selected" });
    expect(acme.body.selected_actions_url).toContain("/orgs/acme/actions/permissions/selected-actions");
    const globex = await call("GET", P, { org: "globex" }, 200);
    expect(globex.body.selected_repositories_url).toContain("/orgs/globex/actions/permissions/repositories");
    await call("GET", P, { org: "acme" }, 403, { token: TOKENS.octocat });
    await call("PUT", P, { org: "acme" }, 422, { body: { enabled_repositories: "some" } });
    await call("PUT", P, { org: "acme" }, 422, { body: { allowed_actions: "all" } });
    await call("PUT", P, { org: "acme" }, 204, { body: { enabled_repositories: "all", allowed_actions: "selected" } });
  });

  it("manages the org's selected repositories; 409 unless enabled_repositories is selected", async () => {
    const R = `${P}/repositories`;
    const g = { org: "globex" };
    const list = await call("GET", R, g, 200);
    expect(list.body.total_count).toBe(state().orgs.get("globex")!.permissions.selectedRepoIds.length);
    const ml = repoId("globex", "ml-models");
    const portal = repoId("globex", "portal");
    await call("PUT", `${R}/{repository_id}`, { ...g, repository_id: ml }, 204);
    expect(state().orgs.get("globex")!.permissions.selectedRepoIds).toContain(ml);
    await call("DELETE", `${R}/{repository_id}`, { ...g, repository_id: ml }, 204);
    expect(state().orgs.get("globex")!.permissions.selectedRepoIds).not.toContain(ml);
    const ids = [...state().orgs.get("globex")!.permissions.selectedRepoIds];
    await call("PUT", R, g, 204, { body: { selected_repository_ids: [portal] } });
    expect(state().orgs.get("globex")!.permissions.selectedRepoIds).toEqual([portal]);
    await call("PUT", R, g, 204, { body: { selected_repository_ids: ids } });
    await call("PUT", R, g, 422, { body: { selected_repository_ids: [repoId("acme", "web")] } });
    await call("PUT", `${R}/{repository_id}`, { ...g, repository_id: repoId("acme", "web") }, 404);

    const a = { org: "acme" };
    await call("GET", R, a, 409);
    await call("PUT", R, a, 409, { body: { selected_repository_ids: [] } });
    await call("PUT", `${R}/{repository_id}`, { ...a, repository_id: repoId("acme", "web") }, 409);
    await call("DELETE", `${R}/{repository_id}`, { ...a, repository_id: repoId("acme", "web") }, 409);
  });

  it("gets and sets the org's selected actions; 409 unless allowed_actions is selected", async () => {
    const A = `${P}/selected-actions`;
    const got = await call("GET", A, { org: "acme" }, 200);
    expect(got.body.patterns_allowed).toContain("acme/*");
    await call("PUT", A, { org: "acme" }, 204, { body: { github_owned_allowed: true, verified_allowed: false, patterns_allowed: ["acme/*", "actions/*"] } });
    expect(state().orgs.get("acme")!.selectedActions.patterns_allowed).toEqual(["acme/*", "actions/*"]);
    await call("GET", A, { org: "globex" }, 409);
    await call("PUT", A, { org: "globex" }, 409, { body: { github_owned_allowed: true } });
    await call("PUT", A, { org: "acme" }, 422, { body: { patterns_allowed: "acme/*" } });
  });

  it("shows a repo's effective policy and refuses to loosen the org's", async () => {
    const RP = "/repos/{owner}/{repo}/actions/permissions";
    const web = { owner: "acme", repo: "web" };
    const got = await call("GET", RP, web, 200);
    expect(got.body).toMatchObject({ enabled: true, allowed_actions: "selected" });
    await call("PUT", RP, web, 409, { body: { enabled: true, allowed_actions: "all" } });
    await call("PUT", RP, web, 204, { body: { enabled: true, allowed_actions: "local_only" } });
    expect((await call("GET", RP, web, 200)).body.allowed_actions).toBe("local_only");
    await call("PUT", RP, web, 204, { body: { enabled: true, allowed_actions: "selected" } });
    await call("PUT", RP, web, 422, { body: { allowed_actions: "all" } });
    await call("GET", RP, web, 403, { token: TOKENS.octocat });

    // globex/ml-models is not among globex's enabled repositories.
    const ml = { owner: "globex", repo: "ml-models" };
    expect((await call("GET", RP, ml, 200)).body).toEqual({ enabled: false });
    await call("PUT", RP, ml, 409, { body: { enabled: true } });
    await call("PUT", RP, ml, 204, { body: { enabled: false } });
  });

  it("gets and sets a repo's selected actions", async () => {
    const RA = "/repos/{owner}/{repo}/actions/permissions/selected-actions";
    // acme selects actions at the org level: the repo shows them and cannot override them.
    const web = { owner: "acme", repo: "web" };
    const got = await call("GET", RA, web, 200);
    expect(got.body.patterns_allowed).toEqual(state().orgs.get("acme")!.selectedActions.patterns_allowed);
    await call("PUT", RA, web, 409, { body: { patterns_allowed: ["x/*"] } });

    // A user's repository has its own policy.
    const dot = { owner: "octocat", repo: "dotfiles" };
    const RP = "/repos/{owner}/{repo}/actions/permissions";
    await call("GET", RA, dot, 409, { token: TOKENS.octocat });
    await call("PUT", RP, dot, 204, { token: TOKENS.octocat, body: { enabled: true, allowed_actions: "selected" } });
    await call("PUT", RA, dot, 204, { token: TOKENS.octocat, body: { github_owned_allowed: false, patterns_allowed: ["octocat/*"] } });
    const mine = await call("GET", RA, dot, 200, { token: TOKENS.octocat });
    expect(mine.body).toEqual({ github_owned_allowed: false, verified_allowed: false, patterns_allowed: ["octocat/*"] });
    await call("GET", RA, dot, 403, { token: TOKENS.hubot });
  });
});
