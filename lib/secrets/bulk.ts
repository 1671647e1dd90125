/**
 * Setting secrets in many repositories: every (secret, repository) pair is one item with its own
 * result. Each repository's public key is fetched once and each value sealed once for it; the
 * plaintexts live only in the `secrets` argument for the length of the call.
 */
import { runBulk, type BulkFailure, type BulkResult } from "@/lib/bulk/run-bulk";
import { writeFailure } from "@/lib/client/write-failure";
import type { GitHubClient } from "@/lib/queries/client";
import type { SecretsPublicKey } from "./seal";
import { SecretInputError, fetchPublicKey, writeSecret } from "./write";

export interface BulkRepo {
  owner: string;
  repo: string;
}

export interface BulkItem {
  /** "owner/repo" */
  repo: string;
  name: string;
}

export interface BulkSecret {
  name: string;
  value: string;
}

export function bulkItemLabel(item: BulkItem): string {
  return `${item.name} → ${item.repo}`;
}

/** A failed secret write: the problem (never the outcome: the list or the dialog's title says it), and the outcome. */
function describeSecretFailure(error: unknown): BulkFailure {
  return error instanceof SecretInputError ? { message: error.problem, outcome: "not_sent" } : writeFailure(error, "PUT");
}

/** The same for a dialog: the message, and whether it may have happened anyway. */
export function describeSecretError(error: unknown): { message: string; unknownOutcome: boolean } {
  const { message, outcome } = describeSecretFailure(error);
  return { message, unknownOutcome: outcome === "unknown" };
}

export async function setSecretsInRepos(
  client: GitHubClient,
  secrets: readonly BulkSecret[],
  repos: readonly BulkRepo[],
  onProgress: (results: BulkResult<BulkItem>[]) => void,
  signal?: AbortSignal,
): Promise<BulkResult<BulkItem>[]> {
  const values = new Map(secrets.map((s) => [s.name, s.value]));
  const byName = new Map(repos.map((r) => [`${r.owner}/${r.repo}`, r]));
  const keys = new Map<string, Promise<SecretsPublicKey>>();
  const keyFor = (r: BulkRepo) => {
    const id = `${r.owner}/${r.repo}`;
    let p = keys.get(id);
    if (!p) keys.set(id, (p = fetchPublicKey(client, { kind: "repo", owner: r.owner, repo: r.repo })));
    return p;
  };
  // Repository-major order: one repository's secrets go out together, after its single key fetch.
  const items: BulkItem[] = repos.flatMap((r) => secrets.map((s) => ({ repo: `${r.owner}/${r.repo}`, name: s.name })));
  try {
    return await runBulk(
      items,
      async (item) => {
        const repo = byName.get(item.repo)!;
        const key = await keyFor(repo);
        await writeSecret(client, { kind: "repo", owner: repo.owner, repo: repo.repo }, item.name, values.get(item.name) ?? "", undefined, key);
      },
      { concurrency: 4, onProgress, signal, describeError: describeSecretFailure },
    );
  } finally {
    values.clear();
  }
}
