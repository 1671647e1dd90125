// Helpers shared by the fleet seed and routes: runner groups keyed per org, runner labels, sealed secrets.
import sodium from "libsodium-wrappers";
import type { Org, Repo, Runner, RunnerGroup, RunnerLabel, State } from "./types.js";

/** GitHub's Default runner group has id 1 in every organization. */
export const DEFAULT_GROUP_ID = 1;

function orgByLogin(state: State, login: string): Org | undefined {
  return state.orgs.get(login) ?? [...state.orgs.values()].find((o) => o.login.toLowerCase() === login.toLowerCase());
}

/** The key of a group in `state.runnerGroups`: its id, or `-org.id` for an org's Default group (whose id is 1). */
export function groupKey(state: State, org: string, id: number): number {
  if (id === DEFAULT_GROUP_ID) {
    const o = orgByLogin(state, org);
    return o ? -o.id : -1;
  }
  return id;
}

export function getRunnerGroup(state: State, org: string, id: number): RunnerGroup | undefined {
  const g = state.runnerGroups.get(groupKey(state, org, id));
  return g && g.org.toLowerCase() === org.toLowerCase() ? g : undefined;
}

export function defaultGroup(state: State, org: string): RunnerGroup | undefined {
  return getRunnerGroup(state, org, DEFAULT_GROUP_ID);
}

export function putRunnerGroup(state: State, group: RunnerGroup): void {
  state.runnerGroups.set(groupKey(state, group.org, group.id), group);
}

/** The org a runner's group lives in: its own org, or the owner of its repository. */
export function runnerOrg(state: State, runner: Runner): string | null {
  if (runner.org) return runner.org;
  if (runner.repoId !== null) {
    const repo = state.repos.get(runner.repoId);
    if (repo && repo.ownerType === "Organization") return repo.owner;
  }
  return null;
}

export function runnerGroupOf(state: State, runner: Runner): RunnerGroup | undefined {
  const org = runnerOrg(state, runner);
  if (!org || runner.runner_group_id === null) return undefined;
  return getRunnerGroup(state, org, runner.runner_group_id);
}

/** Label ids are stable per label name, as GitHub reuses a label across runners. */
export function labelId(name: string): number {
  let h = 2166136261;
  for (const ch of name.toLowerCase()) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return (h % 900_000_000) + 100;
}

export function label(name: string, type: RunnerLabel["type"]): RunnerLabel {
  return { id: labelId(name), name, type };
}

/** Whether a runner group lets `repo` use its runners. */
export function groupVisibleTo(group: RunnerGroup, repo: Repo): boolean {
  if (repo.ownerType !== "Organization" || repo.owner.toLowerCase() !== group.org.toLowerCase()) return false;
  if (repo.visibility === "public" && !group.allows_public_repositories) return false;
  if (group.visibility === "all") return true;
  if (group.visibility === "private") return repo.visibility !== "public";
  return group.selectedRepoIds.includes(repo.id);
}

/** The known plaintext of a seeded secret. */
export function seedSecretValue(scope: string, name: string): string {
  return `sim-${scope}-${name.toLowerCase()}-value`;
}

/** Seals `plaintext` for a base64 X25519 public key (libsodium must be ready). */
export function sealFor(publicKeyB64: string, plaintext: string): string {
  const sealed = sodium.crypto_box_seal(new TextEncoder().encode(plaintext), new Uint8Array(Buffer.from(publicKeyB64, "base64")));
  return Buffer.from(sealed).toString("base64");
}

/**
 * Defines `encrypted_value` on a seeded secret as its plaintext sealed for `publicKeyB64` on first read (a
 * sealed box costs an X25519 key pair and a scalar multiplication; doing that for every seeded secret is a
 * noticeable part of start-up, and nothing reads them until a test asks). Writes replace it as usual.
 */
export function sealLazily<T extends object>(secret: T, publicKeyB64: string, plaintext: string): T & { encrypted_value: string } {
  let sealed: string | null = null;
  Object.defineProperty(secret, "encrypted_value", {
    get: () => (sealed ??= sealFor(publicKeyB64, plaintext)),
    set: (value: string) => {
      sealed = value;
    },
    enumerable: true,
    configurable: true,
  });
  return secret as T & { encrypted_value: string };
}

/** Opens a sealed box, or returns null when it does not open with the key pair. */
export function openSealed(publicKeyB64: string, privateKeyB64: string, ciphertextB64: string): Uint8Array | null {
  try {
    return sodium.crypto_box_seal_open(
      new Uint8Array(Buffer.from(ciphertextB64, "base64")),
      new Uint8Array(Buffer.from(publicKeyB64, "base64")),
      new Uint8Array(Buffer.from(privateKeyB64, "base64")),
    );
  } catch {
    return null;
  }
}

/** GitHub timestamps: ISO without milliseconds. */
export const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
