import "server-only";

/** A JSON response that is never cached. */
export function json(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const h = new Headers(init.headers);
  h.set("Content-Type", "application/json; charset=utf-8");
  h.set("Cache-Control", "private, no-store");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: h });
}

/** A redirect to an absolute URL with extra Set-Cookie headers. */
export function redirectTo(location: string, setCookies: string[] = [], status = 302): Response {
  const h = new Headers({ Location: location, "Cache-Control": "private, no-store" });
  for (const c of setCookies) h.append("Set-Cookie", c);
  return new Response(null, { status, headers: h });
}
