import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Methods Next.js can serve; for others (TRACE, CONNECT, PROPFIND...) it builds no Request and answers 500. */
export const SERVED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

let installed = false;

/**
 * Answers 405 to a method Next.js cannot serve, before Next.js sees the request. Next.js gives no hook
 * ahead of its own Request construction (proxy.ts runs after it), so this wraps the HTTP server's
 * "request" event; every other event and request passes through unchanged.
 */
export function installMethodGuard(ServerClass: { prototype: Server }): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the server as `this`
  const emit = ServerClass.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  ServerClass.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (!SERVED_METHODS.has(req.method ?? "")) {
        const body = JSON.stringify({ error: { status: 405, message: "Method not allowed." } });
        res.writeHead(405, {
          Allow: [...SERVED_METHODS].join(", "),
          "Content-Type": "application/json; charset=utf-8",
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          "Content-Length": Buffer.byteLength(body),
        });
        res.end(body);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as Server["emit"];
}
