/**
 * Writing secrets from the browser: fetch the scope's public key through the proxy, seal the value
 * with it, and PUT only `encrypted_value` and `key_id` (plus an org secret's visibility and selected
 * repositories). When GitHub refuses the key_id (422: the key was rotated since it was fetched), the
 * key is fetched again and the value sealed again, once. The plaintext is a function argument only:
 * it is never stored, logged, or put in anything that outlives the call.
 */
import type { GitHubClient } from "@/lib/queries/client";
import { isApiError } from "@/lib/client/api-error";
import { checkSecretName } from "./names";
import { publicKeyProblem, sealSecretValue, type SecretsPublicKey } from "./seal";
import { checkSecretValue } from "./value";

export type OrgVisibility = "all" | "private" | "selected";

export type SecretScope = { kind: "org"; org: string } | { kind: "repo"; owner: string; repo: string };

export interface OrgSecretAccess {
  visibility: OrgVisibility;
  /** Only with visibility "selected". */
  selected_repository_ids?: number[];
}

/** A failure before anything was sent (bad input, no usable key): the message says so after the problem. */
export class SecretInputError extends Error {
  override readonly name = "SecretInputError";
  /** What was wrong, without the "Nothing was sent." that ends the message. */
  readonly problem: string;
  constructor(problem: string) {
    super(`${problem} Nothing was sent.`);
    this.problem = problem;
  }
}

export function scopeLabel(scope: SecretScope): string {
  return scope.kind === "org" ? scope.org : `${scope.owner}/${scope.repo}`;
}

export async function fetchPublicKey(client: GitHubClient, scope: SecretScope): Promise<SecretsPublicKey> {
  let data: Partial<SecretsPublicKey>;
  try {
    data =
      scope.kind === "org"
        ? (await client.request("GET /orgs/{org}/actions/secrets/public-key", { org: scope.org })).data
        : (await client.request("GET /repos/{owner}/{repo}/actions/secrets/public-key", { owner: scope.owner, repo: scope.repo })).data;
  } catch (error) {
    const detail = isApiError(error) ? ` (HTTP ${error.status}). ${error.message}` : error instanceof Error ? `: ${error.message.replace(/\.?$/, ".")}` : ".";
    throw new SecretInputError(`Could not get the public key of ${scopeLabel(scope)} to seal the value with${detail}`);
  }
  const problem = publicKeyProblem(data);
  if (problem) throw new SecretInputError(problem);
  return { key_id: data.key_id!, key: data.key! };
}

/** GitHub's answer when the key_id is not the scope's current key. */
export function isStaleKeyError(error: unknown): boolean {
  if (!isApiError(error) || error.status !== 422) return false;
  const fields = (error.body.error.errors ?? []).map((e) => (typeof e === "object" && e !== null && "field" in e ? String(e.field) : ""));
  return fields.includes("key_id") || /bad key_id|key_id[^.]*(match|current|invalid|expired|stale)/i.test(error.message);
}

export interface WriteResult {
  /** 201: a new secret; 204: an existing one updated. */
  created: boolean;
  /** The key was refused as stale and fetched again. */
  resealed: boolean;
}

/**
 * Creates or updates a secret's value (and, for an org secret, its access). Throws SecretInputError
 * before sending when the name, the value or the key is unusable; otherwise the ApiError of the PUT.
 */
export async function writeSecret(
  client: GitHubClient,
  scope: SecretScope,
  rawName: string,
  value: string,
  access?: OrgSecretAccess,
  knownKey?: SecretsPublicKey,
): Promise<WriteResult> {
  const name = checkSecretName(rawName);
  if (!name.ok) throw new SecretInputError(name.message);
  const size = checkSecretValue(value);
  if (!size.ok) throw new SecretInputError(size.message);

  let key = knownKey ?? (await fetchPublicKey(client, scope));
  for (let attempt = 0; ; attempt++) {
    const encrypted_value = sealSecretValue(value, key.key);
    try {
      const response =
        scope.kind === "org"
          ? await client.request("PUT /orgs/{org}/actions/secrets/{secret_name}", {
              org: scope.org,
              secret_name: name.name,
              encrypted_value,
              key_id: key.key_id,
              visibility: access?.visibility ?? "all",
              ...(access?.visibility === "selected" ? { selected_repository_ids: access.selected_repository_ids ?? [] } : {}),
            })
          : await client.request("PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}", {
              owner: scope.owner,
              repo: scope.repo,
              secret_name: name.name,
              encrypted_value,
              key_id: key.key_id,
            });
      return { created: response.status === 201, resealed: attempt > 0 };
    } catch (error) {
      if (attempt === 0 && isStaleKeyError(error)) {
        key = await fetchPublicKey(client, scope);
        continue;
      }
      throw error;
    }
  }
}

/** Changes an org secret's visibility (and selected repositories) without its value. */
export async function setOrgSecretAccess(client: GitHubClient, org: string, name: string, access: OrgSecretAccess): Promise<void> {
  await client.request("PUT /orgs/{org}/actions/secrets/{secret_name}", {
    org,
    secret_name: name,
    visibility: access.visibility,
    ...(access.visibility === "selected" ? { selected_repository_ids: access.selected_repository_ids ?? [] } : {}),
  });
}
