// The simulator's control interface, for tests: request log, write counters, faults.
import type { FaultConfig, LoggedRequest } from "../../simulator/context.js";

export const simUrl = () => {
  const url = process.env.AC_SIM_URL;
  if (!url) throw new Error("AC_SIM_URL is not set: run through playwright.config.ts");
  return url;
};

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${simUrl()}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`control ${method} ${path}: ${r.status} ${await r.text()}`);
  const text = await r.text();
  return (text ? JSON.parse(text) : null) as T;
}

type Logged = LoggedRequest & { index: number };

export const sim = {
  /** The index the next logged request will get: take it before an action, read what followed with `since`. */
  async mark(): Promise<number> {
    return (await control<{ next: number }>("GET", "/requests?since=999999999")).next;
  },
  async since(index: number): Promise<Logged[]> {
    return (await control<{ requests: Logged[] }>("GET", `/requests?since=${index}`)).requests;
  },
  setFaults: (faults: Partial<FaultConfig>) => control("PUT", "/faults", faults),
  clearFaults: () => control("DELETE", "/faults"),
  writes: () => control<Record<string, number>>("GET", "/writes"),
  resetRate: () => control("DELETE", "/rate"),
  /** Moves the simulator's clock and settles its state. */
  tick: (seconds: number) => control("POST", "/tick", { seconds }),
  /** Adds a runner (`POST /_sim/state/runners`); its id. */
  addRunner: async (body: Record<string, unknown>) => (await control<{ id: number }>("POST", "/state/runners", body)).id,
  /** Removes a runner, busy test runners too; the status: 204, 404, or 409 (on a real job). */
  async removeRunner(id: number): Promise<number> {
    return (await fetch(`${simUrl()}/_sim/state/runners/${id}`, { method: "DELETE" })).status;
  },
};

export const TOKENS = {
  mona: "ghp_monaDemoToken000000000000000000000000",
  hubot: "ghp_hubotDemoToken00000000000000000000000",
  octocat: "ghp_octocatDemoToken00000000000000000000",
  /** mona's token without admin:org (the simulator's fixed test token). */
  monaNoAdminOrg: "ghp_monaNoAdminOrg0000000000000000000000",
};

/** Who may not use org runners and runner groups, and what the page says for each. */
export const NOT_ORG_ADMINS = [
  { label: "a member who is not an owner", token: TOKENS.hubot, says: "You don't have access to this" },
  { label: "a token without admin:org", token: TOKENS.monaNoAdminOrg, says: "admin:org" },
];

/** A run's stored dispatch inputs, from the control interface (`GET /_sim/state/runs/{id}`). */
export async function simRun(id: number): Promise<{ id: number; event: string; head_branch: string; actor: string; inputs: Record<string, string> | null }> {
  return control("GET", `/state/runs/${id}`);
}
