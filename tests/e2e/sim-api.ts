// The simulator's own view of runs, jobs and logs, straight from its API with mona's token (for the log
// viewer's specs, to check what the dashboard shows against what the server has).
import { TOKENS, simUrl } from "./sim";

export interface Step {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
}
export interface Job {
  id: number;
  run_id: number;
  name: string;
  status: string;
  conclusion: string | null;
  steps: Step[];
}
export interface Run {
  id: number;
  status: string;
}

async function send(method: string, path: string): Promise<Response> {
  const r = await fetch(`${simUrl()}/api/v3${path}`, { method, headers: { authorization: `token ${TOKENS.mona}` } });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status}`);
  return r;
}

/** A JSON answer (null when empty). */
export async function api<T>(path: string, method = "GET"): Promise<T> {
  const text = await (await send(method, path)).text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function download(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await send("GET", path)).arrayBuffer());
}
