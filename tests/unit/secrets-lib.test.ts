import sodium from "libsodium-wrappers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSecretName } from "@/lib/secrets/names";
import { SECRET_MAX_BYTES, checkSecretValue, valueBytes } from "@/lib/secrets/value";
import { base64ToBytes, bytesToBase64, publicKeyProblem, seal, sealSecretValue } from "@/lib/secrets/seal";
import { parseDotenv } from "@/lib/secrets/dotenv";
import { secretWriteProblem } from "@/lib/secrets/body-guard";
import { overriddenOrgSecrets, planAccessChange } from "@/lib/secrets/access";
import { isStaleKeyError, writeSecret, SecretInputError } from "@/lib/secrets/write";
import { setSecretsInRepos } from "@/lib/secrets/bulk";
import { ApiError } from "@/lib/client/api-error";
import type { GitHubClient } from "@/lib/queries/client";

beforeAll(async () => {
  await sodium.ready;
});

describe("secret names, as GitHub rules them", () => {
  it("accepts letters, digits and _ and upper-cases", () => {
    expect(checkSecretName("my_token2")).toEqual({ ok: true, name: "MY_TOKEN2" });
    expect(checkSecretName("_X")).toEqual({ ok: true, name: "_X" });
  });
  it.each([
    ["", /Enter a name/],
    ["MY TOKEN", /spaces/],
    ["MY-TOKEN", /letters.*“-”/],
    ["café", /“É”/],
    ["1TOKEN", /start with a number/],
    ["GITHUB_TOKEN", /GITHUB_/],
    ["github_x", /GITHUB_/],
    ["A".repeat(256), /at most 255/],
  ])("refuses %j", (raw, message) => {
    const r = checkSecretName(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
  it("allows GITHUB without the underscore", () => {
    expect(checkSecretName("GITHUBX").ok).toBe(true);
  });
});

describe("the 48 KB limit", () => {
  it("counts UTF-8 bytes, not characters", () => {
    expect(valueBytes("é")).toBe(2);
    expect(checkSecretValue("a".repeat(SECRET_MAX_BYTES)).ok).toBe(true);
    expect(checkSecretValue("a".repeat(SECRET_MAX_BYTES + 1)).ok).toBe(false);
    // 24,577 two-byte characters = 49,154 bytes: over, though under 48 K characters.
    const r = checkSecretValue("é".repeat(24_577));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/at most 48 KB \(49,152 bytes\)\.$/);
  });
  it("refuses an empty value", () => {
    expect(checkSecretValue("").ok).toBe(false);
  });
});

describe("sealing (tweetsodium's sealed box) opens with libsodium", () => {
  it("round-trips multi-line and non-ASCII values", () => {
    const kp = sodium.crypto_box_keypair();
    const pk = bytesToBase64(kp.publicKey);
    for (const value of ["hunter2", "line 1\nline 2\r\n\ttabbed", "ünïcødé 🔑", "x".repeat(SECRET_MAX_BYTES)]) {
      const sealed = sealSecretValue(value, pk);
      const opened = sodium.crypto_box_seal_open(base64ToBytes(sealed), kp.publicKey, kp.privateKey);
      expect(new TextDecoder().decode(opened)).toBe(value);
    }
  });
  it("is randomised (a fresh ephemeral key each time) and 48 bytes longer", () => {
    const kp = sodium.crypto_box_keypair();
    const a = seal(new TextEncoder().encode("same"), kp.publicKey);
    const b = seal(new TextEncoder().encode("same"), kp.publicKey);
    expect(a.length).toBe(4 + 48);
    expect(bytesToBase64(a)).not.toBe(bytesToBase64(b));
  });
  it("does not open with another key", () => {
    const kp = sodium.crypto_box_keypair();
    const other = sodium.crypto_box_keypair();
    const sealed = sealSecretValue("v", bytesToBase64(kp.publicKey));
    expect(() => sodium.crypto_box_seal_open(base64ToBytes(sealed), other.publicKey, other.privateKey)).toThrow();
  });
  it("explains unusable keys", () => {
    expect(publicKeyProblem(null)).toMatch(/did not return/);
    expect(publicKeyProblem({ key_id: "1", key: "" })).toMatch(/did not return/);
    expect(publicKeyProblem({ key_id: "1", key: "@@@" })).toMatch(/base64/);
    expect(publicKeyProblem({ key_id: "1", key: btoa("short") })).toMatch(/5 bytes/);
    expect(publicKeyProblem({ key_id: "1", key: bytesToBase64(new Uint8Array(32)) })).toBeNull();
  });
});

describe(".env parsing as gh secret set -f (godotenv)", () => {
  it("handles comments, export, quotes, inline comments and spaces", () => {
    const r = parseDotenv(
      [
        "# a comment",
        "",
        "export API_KEY=abc123",
        "PLAIN = spaced value   # trailing comment",
        "HASH=a#b",
        "SINGLE='$NOT expanded # kept'  # a comment after the quote",
        'DOUBLE="tab\\tand \\"quotes\\" and \\n newline"',
        "COLON: yaml style",
        "EMPTY=",
        "  INDENTED=yes",
      ].join("\n"),
    );
    expect(r.errors).toEqual([]);
    expect(Object.fromEntries(r.entries.map((e) => [e.key, e.value]))).toEqual({
      API_KEY: "abc123",
      PLAIN: "spaced value",
      HASH: "a#b",
      SINGLE: "$NOT expanded # kept",
      DOUBLE: 'tabtand "quotes" and \n newline',
      COLON: "yaml style",
      EMPTY: "",
      INDENTED: "yes",
    });
  });
  it("reads multi-line quoted values and CRLF files", () => {
    const r = parseDotenv('CERT="-----BEGIN-----\r\nabc\r\n-----END-----"\r\nNEXT=1\r\n');
    expect(r.entries).toEqual([
      { key: "CERT", value: "-----BEGIN-----\nabc\n-----END-----", line: 1 },
      { key: "NEXT", value: "1", line: 4 },
    ]);
    const s = parseDotenv("KEY='line1\nline2 $X'\n");
    expect(s.entries[0]?.value).toBe("line1\nline2 $X");
  });
  it("expands earlier variables in unquoted and double-quoted values, not single-quoted", () => {
    const r = parseDotenv('HOST=db\nURL=postgres://${HOST}/x\nD="$HOST:5432"\nS=\'$HOST\'\nE="\\$HOST"\nU=$MISSING-x');
    expect(Object.fromEntries(r.entries.map((e) => [e.key, e.value]))).toEqual({
      HOST: "db",
      URL: "postgres://db/x",
      D: "db:5432",
      S: "$HOST",
      E: "$HOST",
      U: "-x",
    });
    expect(r.notes.map((n) => n.message).join()).toMatch(/\$MISSING/);
  });
  it("keeps the last of a duplicate, with a note", () => {
    const r = parseDotenv("A=1\nB=2\nA=3");
    expect(r.entries.map((e) => `${e.key}=${e.value}`)).toEqual(["A=3", "B=2"]);
    expect(r.notes[0]?.message).toMatch(/defined again/);
  });
  it("stops at errors with their line", () => {
    expect(parseDotenv("A=1\nB-C=2").errors).toEqual([{ line: 2, message: expect.stringMatching(/Unexpected character “-”/) as string }]);
    expect(parseDotenv("A=1\nNOVALUE").errors[0]?.message).toMatch(/no “=”/);
    expect(parseDotenv('A="open\nB=2').errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/never closed/) as string });
  });
});

describe("the proxy's guard on secret writes", () => {
  const sealed = bytesToBase64(new Uint8Array(60));
  const ORG = "PUT /orgs/{org}/actions/secrets/{secret_name}";
  const REPO = "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}";
  it("lets documented, sealed bodies through", () => {
    expect(secretWriteProblem(REPO, JSON.stringify({ encrypted_value: sealed, key_id: "k" }))).toBeNull();
    expect(secretWriteProblem(ORG, JSON.stringify({ encrypted_value: sealed, key_id: "k", visibility: "selected", selected_repository_ids: [1, 2] }))).toBeNull();
    expect(secretWriteProblem(ORG, JSON.stringify({ visibility: "private" }))).toBeNull();
    expect(secretWriteProblem("PUT /orgs/{org}/actions/secrets/{secret_name}/repositories", JSON.stringify({ selected_repository_ids: [] }))).toBeNull();
    expect(secretWriteProblem("DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}", undefined)).toBeNull();
    expect(secretWriteProblem("PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable", "{\"x\":1}")).toBeNull();
  });
  it("refuses anything else", () => {
    expect(secretWriteProblem(REPO, JSON.stringify({ encrypted_value: sealed, key_id: "k", value: "hunter2" }))).toMatch(/“value”/);
    expect(secretWriteProblem(REPO, JSON.stringify({ encrypted_value: "hunter2", key_id: "k" }))).toMatch(/sealed/);
    expect(secretWriteProblem(REPO, JSON.stringify({ encrypted_value: sealed }))).toMatch(/key_id/);
    expect(secretWriteProblem(REPO, "hunter2")).toMatch(/JSON/);
    expect(secretWriteProblem(ORG, JSON.stringify({ visibility: "everyone" }))).toMatch(/visibility/);
    expect(secretWriteProblem(ORG, JSON.stringify({ visibility: "selected", selected_repository_ids: ["x"] }))).toMatch(/ids/);
    expect(secretWriteProblem("DELETE /orgs/{org}/actions/secrets/{secret_name}", JSON.stringify({ a: 1 }))).toMatch(/“a”/);
  });
});

describe("access changes and overrides", () => {
  it("plans the fewest requests", () => {
    expect(planAccessChange({ visibility: "all", ids: [] }, { visibility: "all", ids: [] })).toEqual({ kind: "none" });
    expect(planAccessChange({ visibility: "all", ids: [] }, { visibility: "selected", ids: [3, 1] })).toEqual({ kind: "visibility", visibility: "selected", ids: [1, 3] });
    expect(planAccessChange({ visibility: "selected", ids: [1] }, { visibility: "private", ids: [1] })).toEqual({ kind: "visibility", visibility: "private", ids: [] });
    expect(planAccessChange({ visibility: "selected", ids: [1] }, { visibility: "selected", ids: [1, 2] })).toEqual({ kind: "add", id: 2 });
    expect(planAccessChange({ visibility: "selected", ids: [1, 2] }, { visibility: "selected", ids: [2] })).toEqual({ kind: "remove", id: 1 });
    expect(planAccessChange({ visibility: "selected", ids: [1, 2] }, { visibility: "selected", ids: [3] })).toEqual({ kind: "set", ids: [3] });
  });
  it("finds org secrets a repo secret overrides", () => {
    expect([...overriddenOrgSecrets([{ name: "NPM_TOKEN" }, { name: "X" }], [{ name: "NPM_TOKEN" }, { name: "Y" }])]).toEqual(["NPM_TOKEN"]);
  });
});

describe("writeSecret", () => {
  function fakeClient(keys: { key_id: string; key: string }[], putAnswers: ((body: Record<string, unknown>) => { status: number } | Error)[]) {
    const calls: { route: string; params: Record<string, unknown> }[] = [];
    const client = {
      request: (route: string, params: Record<string, unknown>) => {
        calls.push({ route, params });
        if (route.endsWith("public-key")) {
          const key = keys.shift();
          return key ? Promise.resolve({ status: 200, data: key, headers: {} }) : Promise.reject(new ApiError({ error: { status: 404, message: "Not Found", documentation_url: null } }, "GET"));
        }
        const answer = putAnswers.shift()!(params);
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ ...answer, data: {}, headers: {} });
      },
    } as unknown as GitHubClient;
    return { client, calls };
  }

  it("sends only the sealed value and key_id, and seals again once with a new key after a stale key_id", async () => {
    const old = sodium.crypto_box_keypair();
    const fresh = sodium.crypto_box_keypair();
    const stale = new ApiError(
      { error: { status: 422, message: "Bad key_id: it does not match the current public key.", documentation_url: null, errors: [{ field: "key_id" }] } },
      "PUT",
    );
    const { client, calls } = fakeClient(
      [
        { key_id: "old", key: bytesToBase64(old.publicKey) },
        { key_id: "new", key: bytesToBase64(fresh.publicKey) },
      ],
      [() => stale, () => ({ status: 201 })],
    );
    const r = await writeSecret(client, { kind: "repo", owner: "acme", repo: "web" }, "db_pass", "s3cret\nline2");
    expect(r).toEqual({ created: true, resealed: true });
    const puts = calls.filter((c) => c.route.startsWith("PUT"));
    expect(puts).toHaveLength(2);
    const last = puts[1]!.params;
    expect(Object.keys(last).sort()).toEqual(["encrypted_value", "key_id", "owner", "repo", "secret_name"]);
    expect(last.secret_name).toBe("DB_PASS");
    expect(last.key_id).toBe("new");
    expect(JSON.stringify(calls)).not.toContain("s3cret");
    const opened = sodium.crypto_box_seal_open(base64ToBytes(last.encrypted_value as string), fresh.publicKey, fresh.privateKey);
    expect(new TextDecoder().decode(opened)).toBe("s3cret\nline2");
  });

  it("does not retry twice, nor on other errors", async () => {
    const kp = sodium.crypto_box_keypair();
    const key = { key_id: "k", key: bytesToBase64(kp.publicKey) };
    const stale = () => new ApiError({ error: { status: 422, message: "Bad key_id", documentation_url: null } }, "PUT");
    const a = fakeClient([key, key], [stale, stale]);
    await expect(writeSecret(a.client, { kind: "org", org: "acme" }, "X", "v")).rejects.toThrow(/Bad key_id/);
    expect(isStaleKeyError(stale())).toBe(true);
    const b = fakeClient([key], [() => new ApiError({ error: { status: 403, message: "Forbidden", documentation_url: null } }, "PUT")]);
    await expect(writeSecret(b.client, { kind: "org", org: "acme" }, "X", "v")).rejects.toThrow(/Forbidden/);
    expect(b.calls.filter((c) => c.route.startsWith("PUT"))).toHaveLength(1);
  });

  it("sends nothing for a bad name, an oversized value or a missing key", async () => {
    const none = fakeClient([], []);
    await expect(writeSecret(none.client, { kind: "org", org: "acme" }, "GITHUB_X", "v")).rejects.toBeInstanceOf(SecretInputError);
    await expect(writeSecret(none.client, { kind: "org", org: "acme" }, "OK", "x".repeat(SECRET_MAX_BYTES + 1))).rejects.toThrow(/48 KB/);
    expect(none.calls).toEqual([]);
    await expect(writeSecret(none.client, { kind: "org", org: "acme" }, "OK", "v")).rejects.toThrow(/public key.*Nothing was sent/);
    expect(none.calls.filter((c) => c.route.startsWith("PUT"))).toEqual([]);
  });
  it("a bulk set says per item what became of it: not sent, refused, or unknown", async () => {
    const kp = sodium.crypto_box_keypair();
    const key = { key_id: "k", key: bytesToBase64(kp.publicKey) };
    const { client } = fakeClient(
      [key],
      [
        () => new ApiError({ error: { status: 403, message: "Forbidden", documentation_url: null, write_outcome: "not_applied" } }, "PUT"),
        () => new ApiError({ error: { status: 502, message: "GitHub had a server error.", documentation_url: null, write_outcome: "unknown" } }, "PUT"),
      ],
    );
    const results = await setSecretsInRepos(
      client,
      [{ name: "A", value: "v" }, { name: "B", value: "v" }, { name: "GITHUB_C", value: "v" }],
      [{ owner: "acme", repo: "web" }],
      () => {},
    );
    const failed = results.map((r) => (r.status === "failed" ? { message: r.message, outcome: r.outcome } : r.status));
    expect(failed[0]).toEqual({ message: "Forbidden (HTTP 403).", outcome: "not_applied" });
    expect(failed[1]).toEqual({ message: "GitHub had a server error (HTTP 502).", outcome: "unknown" });
    // the problem alone: the list adds "Nothing was sent." once
    expect(failed[2]).toMatchObject({ outcome: "not_sent" });
    expect((failed[2] as { message: string }).message).toMatch(/GITHUB_/);
    expect((failed[2] as { message: string }).message).not.toMatch(/Nothing was sent/);
  });
});
