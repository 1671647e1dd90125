import type { SimContext } from "../context.js";

/** The origin the client used, so bodies carry URLs that work from wherever the simulator is reached. */
export function origin(c: SimContext): string {
  // Cached per request: a page of 100 runs builds thousands of URLs, and parsing the URL each time dominated.
  const raw = c.req.raw as Request | undefined;
  let o = raw && origins.get(raw);
  if (o === undefined) {
    o = new URL(c.req.url).origin;
    if (raw) origins.set(raw, o);
  }
  return o;
}
const origins = new WeakMap<Request, string>();

export const apiUrl = (c: SimContext, path: string) => `${origin(c)}/api/v3${path}`;
export const webUrl = (c: SimContext, path: string) => `${origin(c)}${path}`;

/** GitHub's node ids are opaque base64 strings; ours encode a type prefix and the id. */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64").replace(/=+$/, "");
}
