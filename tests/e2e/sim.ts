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
};

export const TOKENS = {
  mona: "ghp_monaDemoToken000000000000000000000000",
  hubot: "ghp_hubotDemoToken00000000000000000000000",
  octocat: "ghp_octocatDemoToken00000000000000000000",
};

/** A run's stored dispatch inputs, from the control interface (`GET /_sim/state/runs/{id}`). */
export async function simRun(id: number): Promise<{ id: number; event: string; head_branch: string; actor: string; inputs: Record<string, string> | null }> {
  return control("GET", `/state/runs/${id}`);
}
