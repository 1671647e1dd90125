/**
 * The proxy's check on secret writes: a body may hold only the fields GitHub documents for the route,
 * and a value only sealed (`encrypted_value`, base64 of a sealed box, with its `key_id`). Anything
 * else (a plaintext `value`, a misspelt field) is refused before it is forwarded, so a bug in a page
 * cannot send a plaintext secret on to GitHub.
 */

const ALLOWED: Record<string, readonly string[]> = {
  "PUT /orgs/{org}/actions/secrets/{secret_name}": ["encrypted_value", "key_id", "visibility", "selected_repository_ids"],
  "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}": ["encrypted_value", "key_id"],
  "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories": ["selected_repository_ids"],
  "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}": [],
  "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}": [],
  "DELETE /orgs/{org}/actions/secrets/{secret_name}": [],
  "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}": [],
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
/** A sealed box is at least 48 bytes (ephemeral key + MAC): 64 base64 characters. */
const MIN_SEALED_B64 = 64;

export function isSecretWriteRoute(route: string): boolean {
  return route in ALLOWED;
}

/** Why a secret write's body must not be forwarded, or null when it may be (or the route is not a secret write). */
export function secretWriteProblem(route: string, body: string | undefined): string | null {
  const allowed = ALLOWED[route];
  if (!allowed) return null;
  if (body === undefined || body.trim() === "") {
    return allowed.length > 0 && route.endsWith("/repositories") ? "The request has no body: selected_repository_ids is required." : null;
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return "A secret write must have a JSON body.";
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "A secret write's body must be a JSON object.";
  const record = data as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !allowed.includes(k));
  if (extra.length > 0) {
    return `This dashboard does not forward a secret write with the field${extra.length > 1 ? "s" : ""} ${extra
      .slice(0, 5)
      .map((k) => `“${k.slice(0, 40)}”`)
      .join(", ")}: only ${allowed.length ? allowed.join(", ") : "an empty body"} ${allowed.length > 1 ? "are" : "is"} allowed. Values must be sealed in the browser.`;
  }
  if ("encrypted_value" in record) {
    const v = record.encrypted_value;
    if (typeof v !== "string" || v.length < MIN_SEALED_B64 || !BASE64.test(v)) {
      return "encrypted_value must be a value sealed with the public key (base64 of a libsodium sealed box).";
    }
    if (typeof record.key_id !== "string" || record.key_id.length === 0) return "encrypted_value needs the key_id of the key it was sealed with.";
  } else if ("key_id" in record) {
    return "key_id is only sent with an encrypted_value.";
  }
  if ("visibility" in record && !["all", "private", "selected"].includes(record.visibility as string)) {
    return "visibility must be all, private or selected.";
  }
  if ("selected_repository_ids" in record) {
    const ids = record.selected_repository_ids;
    if (!Array.isArray(ids) || !ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) {
      return "selected_repository_ids must be a list of repository ids.";
    }
  }
  return null;
}
