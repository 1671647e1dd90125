import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";

const req = (method: string, path: string) => new NextRequest(new URL(path, "http://127.0.0.1:3000"), { method });

describe("proxy.ts refuses API requests Next.js would answer with a 500", () => {
  it("an unknown method: 405 with Allow, JSON error", async () => {
    for (const method of ["PROPFIND", "OPTIONS", "MKCOL"]) {
      const res = proxy(req(method, "/api/github/user"));
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST, PUT, PATCH, DELETE");
      expect(((await res.json()) as { error: { status: number } }).error.status).toBe(405);
    }
  });

  it("a path that does not percent-decode: 400", async () => {
    const res = proxy(req("GET", "/api/github/repos/acme/%zz/actions/runs"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/percent-encoding/);
  });

  it("lets well-formed API requests through untouched (no page CSP on them)", () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]) {
      const res = proxy(req(method, "/api/github/repos/acme/web/contents/a%2Fb.yml"));
      expect(res.headers.get("x-middleware-next")).toBe("1");
      expect(res.headers.get("content-security-policy")).toBeNull();
    }
  });

  it("pages still get a nonce-based CSP", () => {
    const res = proxy(req("GET", "/acme/web"));
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });
});

describe("the HTTP method guard (instrumentation.ts)", () => {
  it("answers 405 to TRACE and PROPFIND before the app, passes GET through", async () => {
    const http = await import("node:http");
    const { installMethodGuard } = await import("@/lib/security/method-guard");
    installMethodGuard(http.Server);
    const server = http.createServer((_req, res) => res.end("app"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const send = (method: string) =>
      new Promise<{ status: number; body: string; allow?: string }>((resolve, reject) => {
        const r = http.request({ host: "127.0.0.1", port, method, path: "/api/github/user" }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, allow: res.headers.allow }));
        });
        r.on("error", reject);
        r.end();
      });
    try {
      for (const m of ["TRACE", "PROPFIND"]) {
        const r = await send(m);
        expect(r.status, m).toBe(405);
        expect(r.allow).toContain("GET");
      }
      expect(await send("GET")).toMatchObject({ status: 200, body: "app" });
    } finally {
      server.close();
    }
  });
});
