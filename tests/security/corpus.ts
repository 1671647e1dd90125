/**
 * Hostile inputs for the security tests, generated deterministically (same corpus on every run).
 *
 * - `proxyPathCorpus()`: traversal and encoding tricks in every position of every route template of
 *   lib/github/routes.ts, absolute and protocol-relative URLs, unknown methods.
 * - `proxyHeaderCorpus()`: hostile request headers, each sent to a few real routes.
 * - `returnToCorpus()`: hostile `returnTo` values for the sign-in flow.
 * - `mutateCookie()`: mutations of a sealed session cookie.
 *
 * Only the route table is imported (to cover every template); nothing else from lib/.
 */
import { ROUTES } from "../../lib/github/routes";

export interface ProxyCase {
  /** Short description, for failure messages. */
  id: string;
  method: string;
  /** The raw path after /api/github, as it would appear on the request line (may hold `%xx`, `#`, `\`...). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The (method, template) the case was derived from, if any. */
  route?: string;
}

/** A plausible value for each route parameter (the seeded simulator knows most of them). */
export const BASE_PARAMS: Record<string, string> = {
  org: "acme",
  owner: "acme",
  repo: "web",
  repository_id: "1",
  runner_group_id: "1",
  runner_id: "1",
  secret_name: "CORPUS_SECRET",
  artifact_id: "1",
  archive_format: "zip",
  job_id: "1",
  run_id: "1",
  workflow_id: "ci.yml",
  attempt_number: "1",
  name: "gpu",
  path: ".github/workflows/ci.yml",
};

/** Payloads that replace a whole segment. */
export const SEGMENT_PAYLOADS = [
  "..",
  ".",
  "...",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e.",
  "%2e",
  "%252e%252e",
  "%25252e%25252e",
  "..%2f..%2f..%2fuser",
  "..%2F..%2Fadmin",
  "%2f",
  "%2F%2F",
  "%252f",
  "%252F..%252F",
  "%5c",
  "..%5c..%5cuser",
  "%255c",
  "\\",
  "..\\..\\user",
  "",
  ";",
  ";x=1",
  "..;",
  "..;x=1",
  "%3b",
  "%00",
  "a%00b",
  "%2500",
  "%0d%0a",
  "%0d%0aSet-Cookie:%20x=1",
  "%0a",
  "%0D",
  "%09",
  "%20",
  "%23",
  "#",
  "%3f",
  "?",
  "@",
  "evil.example@",
  "%40evil.example",
  "．．",
  "%EF%BC%8E%EF%BC%8E",
  "%EF%BC%8E",
  "／",
  "%EF%BC%8F",
  "%EF%BC%BC",
  "%E2%80%A5",
  "%c0%ae%c0%ae",
  "%c0%af",
  "%e0%80%ae",
  "%",
  "%zz",
  "%u002e%u002e",
  "http://evil.example",
  "http:%2f%2fevil.example",
  "//evil.example",
  "%2f%2fevil.example",
  "~",
  "*",
  "x".repeat(300),
  "%F0%9F%92%A9",
  "%7f",
  "%c2%85",
  "%e2%80%ae",
];

/** Payloads glued to a segment (prefix and suffix) or inserted as a segment of their own. */
export const AFFIX_PAYLOADS = [
  "..",
  "%2e%2e",
  "%252e%252e",
  "/..",
  "/../..",
  "/./",
  "/%2e/",
  "/%2e%2e/",
  "%2f..",
  "%252f..",
  "%5c..",
  "//",
  ";",
  ";jsessionid=1",
  "%00",
  "%0d%0a",
  "%09",
  "#",
  "@evil.example",
  "．．",
  "／..",
  "%EF%BC%8F%EF%BC%8E%EF%BC%8E",
];

const UNKNOWN_METHODS = ["OPTIONS", "PROPFIND", "MKCOL", "PURGE", "LOCK", "SEARCH", "FOO", "patch", "get"];

function templateOf(route: string): { method: string; template: string } {
  const i = route.indexOf(" ");
  return { method: route.slice(0, i), template: route.slice(i + 1) };
}

/** The template's segments with params filled in (raw, URL-encoded as a browser would send them). */
function baseSegments(template: string): string[] {
  return template
    .split("/")
    .slice(1)
    .map((seg) => {
      const m = /^\{([a-z_]+)\}$/.exec(seg);
      if (!m) return seg;
      const v = BASE_PARAMS[m[1]!];
      if (v === undefined) throw new Error(`corpus: no base value for {${m[1]}}`);
      return m[1] === "path" ? v : encodeURIComponent(v);
    });
}

/** Every route with its params filled in: the baseline the hostile variants are derived from. */
export function baselineCases(): ProxyCase[] {
  return ROUTES.map((route) => {
    const { method, template } = templateOf(route);
    const path = `/${baseSegments(template).join("/")}`;
    // The one write the proxy refuses without a body (lib/secrets/body-guard.ts).
    const body = route === "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories" ? '{"selected_repository_ids":[]}' : undefined;
    return { id: `baseline ${route}`, method, path, route, ...(body ? { body } : {}) };
  });
}

/**
 * Traversal and encoding in every position of every template: each segment replaced by each
 * segment payload; each affix payload as a prefix, a suffix and an inserted segment at each
 * position; absolute and protocol-relative forms; unknown methods on every template.
 */
export function proxyPathCorpus(): ProxyCase[] {
  const cases: ProxyCase[] = [];
  const seen = new Set<string>();
  const add = (c: ProxyCase) => {
    const key = `${c.method} ${c.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    cases.push(c);
  };
  // Each template once per method; rotate the methods over the payloads so every method sees traversal.
  const byTemplate = new Map<string, string[]>();
  for (const route of ROUTES) {
    const { method, template } = templateOf(route);
    const list = byTemplate.get(template) ?? [];
    list.push(method);
    byTemplate.set(template, list);
  }
  let n = 0;
  let t = 0;
  for (const [template, methods] of byTemplate) {
    t++;
    const segs = baseSegments(template);
    const isParam = template.split("/").slice(1).map((s) => s.startsWith("{"));
    // Every segment payload in every parameter position, half of the affixes (rotating); in literal
    // positions (which only ever match themselves) a rotating eighth, so each payload still meets
    // the literals of many templates.
    const keep = (i: number, j: number) => (i + j + t) % (isParam[i] === true ? 1 : 8) === 0;
    const keepAffix = (i: number, j: number) => (i + j + t) % (isParam[i] === true ? 2 : 8) === 0;
    const methodsWithHead = methods.includes("GET") ? [...methods, "HEAD"] : methods;
    const pick = () => methodsWithHead[n++ % methodsWithHead.length]!;
    const route = (m: string) => `${m === "HEAD" ? "GET" : m} ${template}`;
    for (let i = 0; i < segs.length; i++) {
      for (const [j, p] of SEGMENT_PAYLOADS.entries()) {
        if (!keep(i, j)) continue;
        const s = [...segs];
        s[i] = p;
        const m = pick();
        add({ id: `${template} [${i}] = ${JSON.stringify(p)}`, method: m, path: `/${s.join("/")}`, route: route(m) });
      }
      for (const [j, p] of AFFIX_PAYLOADS.entries()) {
        if (!keepAffix(i, j)) continue;
        const before = [...segs];
        before[i] = `${p}${segs[i]}`;
        const after = [...segs];
        after[i] = `${segs[i]}${p}`;
        const inserted = [...segs.slice(0, i), p, ...segs.slice(i)];
        const m1 = pick();
        const m2 = pick();
        const m3 = pick();
        add({ id: `${template} [${i}] prefix ${JSON.stringify(p)}`, method: m1, path: `/${before.join("/")}`, route: route(m1) });
        add({ id: `${template} [${i}] suffix ${JSON.stringify(p)}`, method: m2, path: `/${after.join("/")}`, route: route(m2) });
        add({ id: `${template} [${i}] insert ${JSON.stringify(p)}`, method: m3, path: `/${inserted.join("/")}`, route: route(m3) });
      }
    }
    // trailing payloads
    for (const p of AFFIX_PAYLOADS) {
      const m = pick();
      add({ id: `${template} trailing ${JSON.stringify(p)}`, method: m, path: `/${segs.join("/")}/${p}`, route: route(m) });
    }
    // absolute and protocol-relative URLs in front of the path
    for (const prefix of [
      "http://evil.example",
      "https://evil.example",
      "//evil.example",
      "/http://evil.example",
      "/%2f%2fevil.example",
      "/\\\\evil.example",
      "/http:%2F%2Fevil.example",
      "/evil.example@",
    ]) {
      const m = pick();
      add({ id: `${template} behind ${prefix}`, method: m, path: `${prefix}/${segs.join("/")}`, route: route(m) });
    }
    for (const u of UNKNOWN_METHODS) add({ id: `${template} with method ${u}`, method: u, path: `/${segs.join("/")}` });
    // methods the template does not have
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (methods.includes(m)) continue;
      add({ id: `${template} with unlisted ${m}`, method: m, path: `/${segs.join("/")}` });
    }
  }
  // Paths outside the table, dressed up.
  for (const p of [
    "/admin/users",
    "/user/../admin/users",
    "/repos/acme/web/hooks",
    "/repos/acme/web/collaborators",
    "/orgs/acme/members",
    "/orgs/acme/actions/secrets/X/../../../members",
    "/applications/Iv1.simdemo0000000001/token",
    "/authorizations",
    "/graphql",
    "/enterprise/settings/license",
    "/setup/api/configcheck",
    "/_sim/reset",
    "/_sim/writes",
    "/%5f%73%69%6d/reset",
    "/_downloads/jobs/1/logs",
    "/login/oauth/access_token",
    "/",
    "",
    "/%2e%2e/%2e%2e/_sim/state/secrets/acme/X",
    "/repos/acme/web/actions/runs/1/../../../../../_sim/writes",
  ]) {
    for (const m of ["GET", "POST", "DELETE"]) add({ id: `outside the table: ${m} ${p}`, method: m, path: p });
  }
  return cases;
}

/** Hostile headers, each to be sent to a few real routes. Values are valid header text (no raw CR/LF: fetch refuses those). */
export const HOSTILE_HEADERS: Record<string, string>[] = [
  { host: "evil.example" },
  { host: "127.0.0.1:1" },
  { host: "evil.example:443" },
  { "x-forwarded-host": "evil.example" },
  { "x-forwarded-host": "evil.example, app.test" },
  { "x-forwarded-proto": "gopher" },
  { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-forwarded-port": "8443" },
  { "x-forwarded-for": "127.0.0.1, 10.0.0.1" },
  { forwarded: "for=127.0.0.1;host=evil.example;proto=https" },
  { "x-real-ip": "127.0.0.1" },
  { "x-original-url": "/admin/users" },
  { "x-rewrite-url": "/admin/users" },
  { "x-http-method-override": "DELETE" },
  { "x-http-method": "DELETE" },
  { "x-method-override": "PUT" },
  { "x-middleware-subrequest": "middleware" },
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-prefetch": "1" },
  { "x-middleware-invoke": "1" },
  { "x-invoke-path": "/api/github/admin/users" },
  { "x-invoke-query": "%7B%7D" },
  { "x-matched-path": "/api/github/admin/users" },
  { "x-nextjs-data": "1" },
  { rsc: "1", "next-router-state-tree": "%5B%5D" },
  { "next-action": "abc" },
  { authorization: "token ghp_hubotDemoToken00000000000000000000000" },
  { authorization: "Bearer ghp_octocatDemoToken00000000000000000000" },
  { authorization: "Basic SXYxLnNpbWRlbW8wMDAwMDAwMDAwMDE6c2ltZGVtby1zZWNyZXQ=" },
  { "proxy-authorization": "Basic ZXZpbDpldmls" },
  { cookie: "other=1; ac_oauth=x" },
  { "x-github-api-version": "1999-01-01" },
  { "x-github-otp": "123456" },
  { accept: "application/vnd.github.raw" },
  { accept: "x".repeat(400) },
  { accept: "application/json%0d%0aX-Injected: 1" },
  { "if-none-match": "*" },
  { "if-none-match": `"${"a".repeat(400)}"` },
  { "if-none-match": '"x"%0d%0aX-Injected: 1' },
  { "if-modified-since": "Thu, 01 Jan 1970 00:00:00 GMT" },
  { range: "bytes=0-10" },
  { "content-type": "text/html" },
  { "content-type": "application/json; charset=utf-7" },
  { "user-agent": "evil%0d%0aX-Injected: 1" },
  { "x-injected": "value with %0d%0a encoded CRLF" },
  { "accept-encoding": "identity;q=0, *;q=0" },
  { "x-ratelimit-remaining": "99999" },
  { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
  { "x-forwarded-host": "127.0.0.1:1", "x-forwarded-proto": "http" },
  { origin: "http://app.test", referer: "http://evil.example/" },
  { "transfer-encoding": "chunked" },
  { expect: "100-continue" },
  { te: "trailers" },
  { upgrade: "websocket", connection: "Upgrade" },
  { via: "1.1 evil" },
  { "x-amz-security-token": "x" },
];

/** Routes the header corpus is sent to (method, raw path after /api/github). */
export const HEADER_TARGETS: { method: string; path: string }[] = [
  { method: "GET", path: "/user" },
  { method: "GET", path: "/repos/acme/web/actions/runs?per_page=2" },
  { method: "GET", path: "/repos/acme/web/contents/.github/workflows/ci.yml" },
  { method: "HEAD", path: "/orgs/acme/actions/runners" },
  { method: "POST", path: "/orgs/acme/actions/runners/registration-token" },
];

export function proxyHeaderCorpus(): ProxyCase[] {
  const out: ProxyCase[] = [];
  for (const h of HOSTILE_HEADERS)
    for (const t of HEADER_TARGETS)
      out.push({ id: `${t.method} ${t.path} with ${JSON.stringify(h).slice(0, 120)}`, method: t.method, path: t.path, headers: h });
  return out;
}

/** Hostile `returnTo` values: none may take the user off the dashboard's origin, or to /api or /login. */
export function returnToCorpus(): string[] {
  const hosts = ["evil.example", "evil.example:443", "127.0.0.1", "[::1]", "0x7f.1", "2130706433", "evil.example%2f", "app.test.evil.example"];
  const out = new Set<string>();
  for (const h of hosts) {
    for (const form of [
      `//${h}`,
      `///${h}`,
      `////${h}`,
      `/\\${h}`,
      `\\\\${h}`,
      `\\/${h}`,
      `/%2f${h}`,
      `/%2F${h}`,
      `/%5c${h}`,
      `/%252f${h}`,
      `/%2f%2f${h}`,
      `http://${h}`,
      `https://${h}/x`,
      `HTTP://${h}`,
      `http:${h}`,
      `http:/${h}`,
      `http:\\\\${h}`,
      `//${h}/%2e%2e`,
      `/.//${h}`,
      `/./\\${h}`,
      `/..//${h}`,
      `/x/..//${h}`,
      `/%2e%2e//${h}`,
      `/%2e//${h}`,
      `/\t/${h}`,
      `/\n/${h}`,
      `/\r\n/${h}`,
      ` //${h}`,
      `\t//${h}`,
      `\u0000//${h}`,
      `//${h}\u0000`,
      `/\u3000/${h}`,
      `/／${h}`,
      `//${h}@app.test`,
      `/@${h}`,
      `@${h}`,
      `${h}`,
      `//user:pass@${h}`,
      `/\\/${h}`,
      `//\\${h}`,
      `/%09/${h}`,
      `/%0d%0a/${h}`,
      `/%5c%5c${h}`,
    ])
      out.add(form);
  }
  for (const v of [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript%3Aalert(1)",
    "/javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "/api/auth/logout",
    "/api/github/user",
    "/api",
    "/API/github/user", // Next.js routes are case-sensitive: a 404 page, not the API
    "/login",
    "/login?returnTo=//evil.example",
    "/login/../api/github/user",
    "/x/../api/auth/login",
    "/%2e%2e/api/github/user",
    "/\"><script>alert(1)</script>",
    "/x?a=\"><img src=x onerror=alert(1)>",
    "/x#\"><svg onload=alert(1)>",
    "/x%0d%0aSet-Cookie:%20a=b",
    "/x\r\nSet-Cookie: a=b",
    "/x\u2028y",
    "/é/ü",
    "/\u202e/x",
    "/" + "a".repeat(3000),
    "",
    " ",
    "/",
    "\\",
    "%2f%2fevil.example",
    "?returnTo=//evil.example",
    "#//evil.example",
  ])
    out.add(v);
  return [...out];
}

/** A deterministic pseudo-random generator (mulberry32), so mutated corpora are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * `count` mutations of a sealed cookie value (an iron seal: `Fe26.2*...*...~2`): bit flips of the
 * characters, truncations, base64 tampering of each `*` part, swapped and dropped parts, padding,
 * re-encodings, odd characters; each is different from the original.
 */
export function mutateCookie(sealed: string, count: number, seed = 9): { kind: string; value: string }[] {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const out = new Map<string, string>();
  const add = (kind: string, value: string) => {
    if (value !== sealed && !out.has(value)) out.set(value, kind);
  };
  const parts = sealed.split("*");
  const kinds: (() => void)[] = [
    () => {
      // flip one bit of one character (kept printable ASCII when possible)
      const i = int(sealed.length);
      const code = sealed.charCodeAt(i) ^ (1 << int(7));
      const ch = code >= 0x21 && code <= 0x7e && code !== 0x3b && code !== 0x2c ? String.fromCharCode(code) : "A";
      add("bit flip", sealed.slice(0, i) + ch + sealed.slice(i + 1));
    },
    () => {
      const i = int(sealed.length);
      add("truncated", sealed.slice(0, i));
    },
    () => {
      const i = 1 + int(sealed.length - 1);
      add("head cut", sealed.slice(i));
    },
    () => {
      // replace one base64url character of one part with another base64url character
      const p = int(parts.length);
      const part = parts[p] ?? "";
      if (!part) return;
      const i = int(part.length);
      const c = B64URL[int(B64URL.length)]!;
      const copy = [...parts];
      copy[p] = part.slice(0, i) + c + part.slice(i + 1);
      add(`base64 char in part ${p}`, copy.join("*"));
    },
    () => {
      // swap two parts
      const a = int(parts.length);
      const b = int(parts.length);
      if (a === b) return;
      const copy = [...parts];
      [copy[a], copy[b]] = [copy[b]!, copy[a]!];
      add("parts swapped", copy.join("*"));
    },
    () => {
      const p = int(parts.length);
      add(`part ${p} dropped`, parts.filter((_, i) => i !== p).join("*"));
    },
    () => {
      const p = int(parts.length);
      const copy = [...parts];
      copy[p] = "";
      add(`part ${p} emptied`, copy.join("*"));
    },
    () => {
      const p = int(parts.length);
      const copy = [...parts];
      copy[p] = `${copy[p] ?? ""}==`;
      add(`part ${p} padded`, copy.join("*"));
    },
    () => {
      const p = int(parts.length);
      const copy = [...parts];
      copy[p] = (copy[p] ?? "").replace(/-/g, "+").replace(/_/g, "/");
      add(`part ${p} as standard base64`, copy.join("*"));
    },
    () => {
      const i = int(sealed.length);
      const junk = ["%", "%zz", "\\", '"', " ", "=", "*", "~", "~1", "\u00e9", "%00", "..", "Fe26.2"][int(13)]!;
      add("inserted junk", sealed.slice(0, i) + junk + sealed.slice(i));
    },
    () => {
      const p = int(parts.length);
      const copy = [...parts];
      const part = copy[p] ?? "";
      copy[p] = part.split("").reverse().join("");
      add(`part ${p} reversed`, copy.join("*"));
    },
    () => add("double-encoded", encodeURIComponent(encodeURIComponent(sealed))),
    () => add("base64 of the whole", Buffer.from(sealed).toString("base64")),
    () => add("repeated", sealed + sealed.slice(0, 1 + int(sealed.length - 1))),
    () => {
      const v = sealed.replace(/~\d+$/, `~${int(10)}`);
      add("password id changed", v);
    },
    () => add("password id removed", sealed.replace(/~\d+$/, "")),
    () => add("version changed", sealed.replace(/^Fe26\.2/, ["Fe26.1", "Fe26.3", "Fe27.2", "fe26.2", ""][int(5)]!)),
    () => {
      const p = int(parts.length);
      const copy = [...parts];
      copy[p] = B64URL.repeat(1 + int(4)).slice(0, (parts[p] ?? "").length || 8);
      add(`part ${p} replaced`, copy.join("*"));
    },
  ];
  let guard = 0;
  while (out.size < count && guard++ < count * 50) kinds[int(kinds.length)]!();
  return [...out].map(([value, kind]) => ({ kind, value }));
}
