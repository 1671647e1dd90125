// Actions secrets for organizations and repositories. Values arrive sealed (libsodium sealed box) for the scope's
// public key; they are opened on write and the plaintext is kept for the control interface only.
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite, findRepo } from "../http/access.js";
import { GhError, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { apiUrl } from "../http/urls.js";
import { minimalRepo } from "../serialize/common.js";
import { iso, openSealed } from "../store/fleet.js";
import type { KeyPair, Org, Repo, Secret, State } from "../store/types.js";
import {
  ACTIONS_DOCS,
  adminRepo,
  conflict,
  enumField,
  intArrayField,
  noContent,
  orgRepoById,
  orgRepoIds,
  orgRepos,
  ownerOrg,
  readJson,
  stringField,
} from "./fleet-common.js";

/** 48 KB, GitHub's limit on a secret's value. */
export const SECRET_MAX_BYTES = 48 * 1024;

export type SecretScope = { org: string } | { repoId: number };

/** A secret by scope and name (case-insensitive), for the control interface. */
export function findSecret(state: State, scope: SecretScope, name: string): Secret | undefined {
  const map = "org" in scope ? orgSecretMap(state, scope.org) : state.repoSecrets.get(scope.repoId);
  return map?.get(name.toUpperCase());
}

function orgSecretMap(state: State, org: string): Map<string, Secret> | undefined {
  return state.orgSecrets.get(org) ?? [...state.orgSecrets.entries()].find(([k]) => k.toLowerCase() === org.toLowerCase())?.[1];
}

function ensureOrgMap(state: State, org: string): Map<string, Secret> {
  let map = orgSecretMap(state, org);
  if (!map) state.orgSecrets.set(org, (map = new Map<string, Secret>()));
  return map;
}

function ensureRepoMap(state: State, repoId: number): Map<string, Secret> {
  let map = state.repoSecrets.get(repoId);
  if (!map) state.repoSecrets.set(repoId, (map = new Map<string, Secret>()));
  return map;
}

const byName = (a: Secret, b: Secret) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function secretValidation(message: string, field: string, code = "invalid"): GhError {
  return new GhError(422, message, { errors: [{ resource: "Secret", field, code, message }], documentation_url: ACTIONS_DOCS });
}

/** GitHub's naming rules: alphanumerics and `_`, not starting with a digit or `GITHUB_`. */
export function checkSecretName(raw: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(raw)) {
    throw secretValidation(
      "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed.",
      "name",
    );
  }
  if (/^[0-9]/.test(raw)) throw secretValidation("Secret names must not start with a number.", "name");
  if (/^GITHUB_/i.test(raw)) throw secretValidation("Secret names must not start with GITHUB_.", "name");
  return raw.toUpperCase();
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

/** Validates `key_id` and opens `encrypted_value` with the scope's key pair; returns the plaintext. */
function openValue(key: KeyPair, encrypted: string, keyId: string): string {
  if (!BASE64.test(encrypted)) {
    throw new GhError(422, `Invalid request.\n\nFor 'properties/encrypted_value', "${encrypted.slice(0, 40)}" does not match the base64 pattern.`, {
      documentation_url: ACTIONS_DOCS,
    });
  }
  if (keyId !== key.key_id) throw secretValidation("Bad key_id: it does not match the current public key.", "key_id");
  const opened = openSealed(key.publicKey, key.privateKey, encrypted);
  if (!opened) throw secretValidation("The encrypted_value could not be decrypted with the current public key.", "encrypted_value");
  if (opened.byteLength > SECRET_MAX_BYTES) throw secretValidation("Secret value is too large: secrets can be up to 48 KB.", "encrypted_value", "too_large");
  return new TextDecoder().decode(opened);
}

function publicKeyBody(key: KeyPair) {
  return { key_id: key.key_id, key: key.publicKey };
}

function orgSecretBody(c: SimContext, org: Org, s: Secret) {
  return {
    name: s.name,
    created_at: s.created_at,
    updated_at: s.updated_at,
    visibility: s.visibility ?? "all",
    ...(s.visibility === "selected"
      ? { selected_repositories_url: apiUrl(c, `/orgs/${org.login}/actions/secrets/${s.name}/repositories`) }
      : {}),
  };
}

const repoSecretBody = (s: Secret) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at });

/** Whether an org secret is available to a repository of the org. */
export function orgSecretVisibleTo(s: Secret, repo: Repo): boolean {
  if (s.visibility === "private") return repo.visibility !== "public";
  if (s.visibility === "selected") return (s.selectedRepoIds ?? []).includes(repo.id);
  return true;
}

function findOrgSecret(c: SimContext, org: Org, name: string | undefined): Secret {
  const s = orgSecretMap(c.get("sim").state, org.login)?.get((name ?? "").toUpperCase());
  if (!s) throw notFound();
  return s;
}

export function register(api: Hono<SimEnv>): void {
  const ORG = "/orgs/{org}/actions/secrets";

  route(api, "GET", ORG, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const list = [...(orgSecretMap(c.get("sim").state, org.login)?.values() ?? [])].sort(byName);
    const page = paginate(c, list);
    return c.json({ total_count: page.total, secrets: page.items.map((s) => orgSecretBody(c, org, s)) });
  });

  route(api, "GET", `${ORG}/public-key`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    return c.json(publicKeyBody(org.secretsKey));
  });

  route(api, "GET", `${ORG}/{secret_name}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    return c.json(orgSecretBody(c, org, findOrgSecret(c, org, p.secret_name)));
  });

  route(api, "PUT", `${ORG}/{secret_name}`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const sim = c.get("sim");
    const name = checkSecretName(p.secret_name ?? "");
    const body = await readJson(c, true);
    const visibility = enumField(body, "visibility", ["all", "private", "selected"] as const, true) ?? "all";
    const encrypted = stringField(body, "encrypted_value", false);
    const keyId = stringField(body, "key_id", false);
    const ids = intArrayField(body, "selected_repository_ids", false, true);
    const map = ensureOrgMap(sim.state, org.login);
    const existing = map.get(name);
    if (!existing && (encrypted === undefined || keyId === undefined)) {
      throw secretValidation(`Invalid request.\n\n"${encrypted === undefined ? "encrypted_value" : "key_id"}" wasn't supplied.`, encrypted === undefined ? "encrypted_value" : "key_id", "missing_field");
    }
    if (encrypted !== undefined && keyId === undefined) throw secretValidation(`Invalid request.\n\n"key_id" wasn't supplied.`, "key_id", "missing_field");
    if (ids !== undefined && ids.length > 0 && visibility !== "selected") {
      throw secretValidation("You can only provide selected_repository_ids when the visibility is set to selected.", "selected_repository_ids");
    }
    const selected = visibility === "selected" ? orgRepoIds(c, org, ids ?? existing?.selectedRepoIds ?? []) : [];
    const plain = encrypted !== undefined && keyId !== undefined ? openValue(org.secretsKey, encrypted, keyId) : undefined;
    const now = iso(sim.now());
    if (existing) {
      existing.visibility = visibility;
      existing.selectedRepoIds = selected;
      if (plain !== undefined && encrypted !== undefined && keyId !== undefined) {
        existing.encrypted_value = encrypted;
        existing.key_id = keyId;
        existing.decrypted = plain;
      }
      existing.updated_at = now;
      countWrite(c);
      return noContent(c);
    }
    map.set(name, {
      name,
      created_at: now,
      updated_at: now,
      visibility,
      selectedRepoIds: selected,
      encrypted_value: encrypted ?? "",
      key_id: keyId ?? "",
      decrypted: plain ?? "",
    });
    countWrite(c);
    return c.json({}, 201);
  });

  route(api, "DELETE", `${ORG}/{secret_name}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const s = findOrgSecret(c, org, p.secret_name);
    orgSecretMap(c.get("sim").state, org.login)?.delete(s.name);
    countWrite(c);
    return noContent(c);
  });

  route(api, "GET", `${ORG}/{secret_name}/repositories`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const s = findOrgSecret(c, org, p.secret_name);
    if (s.visibility !== "selected") throw conflict(`The secret's visibility must be "selected" to list its repositories.`);
    const ids = s.selectedRepoIds ?? [];
    const page = paginate(c, orgRepos(c, org).filter((r) => ids.includes(r.id)));
    return c.json({ total_count: page.total, repositories: page.items.map((r) => minimalRepo(c, r)) });
  });

  route(api, "PUT", `${ORG}/{secret_name}/repositories`, async (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const s = findOrgSecret(c, org, p.secret_name);
    const body = await readJson(c, true);
    const ids = intArrayField(body, "selected_repository_ids", true) ?? [];
    if (s.visibility !== "selected") throw conflict(`The secret's visibility must be "selected" to set its repositories.`);
    s.selectedRepoIds = orgRepoIds(c, org, ids);
    s.updated_at = iso(c.get("sim").now());
    countWrite(c);
    return noContent(c);
  });

  route(api, "PUT", `${ORG}/{secret_name}/repositories/{repository_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const s = findOrgSecret(c, org, p.secret_name);
    const repo = orgRepoById(c, org, p.repository_id);
    // GitHub documents this 409 without a body.
    if (s.visibility !== "selected") return c.body(null, 409);
    const ids = s.selectedRepoIds ?? (s.selectedRepoIds = []);
    if (!ids.includes(repo.id)) ids.push(repo.id);
    countWrite(c);
    return noContent(c);
  });

  route(api, "DELETE", `${ORG}/{secret_name}/repositories/{repository_id}`, (c, p) => {
    const org = ownerOrg(c, p.org ?? "");
    const s = findOrgSecret(c, org, p.secret_name);
    const repo = orgRepoById(c, org, p.repository_id);
    if (s.visibility !== "selected") return c.body(null, 409);
    s.selectedRepoIds = (s.selectedRepoIds ?? []).filter((id) => id !== repo.id);
    countWrite(c);
    return noContent(c);
  });

  // Repository secrets.
  const REPO = "/repos/{owner}/{repo}/actions/secrets";

  route(api, "GET", REPO, (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const list = [...(c.get("sim").state.repoSecrets.get(repo.id)?.values() ?? [])].sort(byName);
    const page = paginate(c, list);
    return c.json({ total_count: page.total, secrets: page.items.map(repoSecretBody) });
  });

  route(api, "GET", `${REPO}/public-key`, (c, p) => {
    // Anyone with read access may fetch the key; private repositories need the `repo` scope (findRepo hides them).
    const repo = findRepo(c, p.owner ?? "", p.repo ?? "", "read");
    return c.json(publicKeyBody(repo.secretsKey));
  });

  route(api, "GET", `${REPO}/{secret_name}`, (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const s = c.get("sim").state.repoSecrets.get(repo.id)?.get((p.secret_name ?? "").toUpperCase());
    if (!s) throw notFound();
    return c.json(repoSecretBody(s));
  });

  route(api, "PUT", `${REPO}/{secret_name}`, async (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const sim = c.get("sim");
    const name = checkSecretName(p.secret_name ?? "");
    const body = await readJson(c, true);
    const encrypted = stringField(body, "encrypted_value", true) ?? "";
    const keyId = stringField(body, "key_id", true) ?? "";
    const plain = openValue(repo.secretsKey, encrypted, keyId);
    const map = ensureRepoMap(sim.state, repo.id);
    const now = iso(sim.now());
    const existing = map.get(name);
    if (existing) {
      Object.assign(existing, { encrypted_value: encrypted, key_id: keyId, decrypted: plain, updated_at: now });
      countWrite(c);
      return noContent(c);
    }
    map.set(name, { name, created_at: now, updated_at: now, encrypted_value: encrypted, key_id: keyId, decrypted: plain });
    countWrite(c);
    return c.json({}, 201);
  });

  route(api, "DELETE", `${REPO}/{secret_name}`, (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const map = c.get("sim").state.repoSecrets.get(repo.id);
    const name = (p.secret_name ?? "").toUpperCase();
    if (!map?.has(name)) throw notFound();
    map.delete(name);
    countWrite(c);
    return noContent(c);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/organization-secrets", (c, p) => {
    const repo = adminRepo(c, p.owner ?? "", p.repo ?? "");
    const list =
      repo.ownerType === "Organization"
        ? [...(orgSecretMap(c.get("sim").state, repo.owner)?.values() ?? [])].filter((s) => orgSecretVisibleTo(s, repo)).sort(byName)
        : [];
    const page = paginate(c, list);
    return c.json({ total_count: page.total, secrets: page.items.map(repoSecretBody) });
  });
}
