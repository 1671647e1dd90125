// Injected content: the simulator seeds an organisation (`evil`) whose every rendered field carries one of
// tests/security/xss-payloads.ts; every page of the dashboard is opened over it. Proven on each page: no
// payload ran (no dialog, no write to window.__xss), no Content-Security-Policy violation (the page's own
// securitypolicyviolation events, and the report endpoint at the end), no link or frame with a script URL,
// and payloads are there as text (so the test is not vacuous).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import type { HostileSummary } from "../../simulator/store/seed-hostile";
import { markersIn, XSS_PAYLOADS } from "../security/xss-payloads";
import { MONA_STATE } from "./helpers";
import { simUrl } from "./sim";

mkdirSync("test-results/screens", { recursive: true });

const PAYLOADS = XSS_PAYLOADS.map((p) => p.text);
const byId = new Map(XSS_PAYLOADS.map((p) => [p.id, p]));

/** Runs before any page script: records writes to window.__xss and CSP violations. */
const INIT = () => {
  const w = window as unknown as { __xssHits: string[]; __csp: string[] };
  w.__xssHits = [];
  w.__csp = [];
  Object.defineProperty(window, "__xss", {
    configurable: false,
    get: () => undefined,
    set: (v: unknown) => {
      w.__xssHits.push(String(v));
    },
  });
  document.addEventListener(
    "securitypolicyviolation",
    (e) => {
      w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sample})`);
    },
    true,
  );
};

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const NOT_IN_PATH = /[/?#%\\\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- browsers skip leading controls and spaces in URLs
const SCRIPT_URL = /^[\s\u0000-\u001f]*(javascript|data|vbscript):/i;

const seen = new Set<number>();
let dialogs: string[] = [];
let h: HostileSummary;

/** A payload usable in a URL path segment (no `/`, `?`, `#`, `%`, `\` or control characters). */
function pathPayload(n: number): { id: number; text: string } {
  const p = XSS_PAYLOADS.filter((x) => /[<>"']/.test(x.text) && !NOT_IN_PATH.test(x.text))[n];
  if (!p) throw new Error("no payload fits a path segment");
  return p;
}

async function check(
  page: Page,
  name: string,
  opts: { minMarkers?: number; screenshot?: boolean; axe?: boolean } = {},
) {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xssHits: string[]; __csp: string[] };
    const urls: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll(
        "a[href], iframe[src], form[action], button[formaction], object[data], embed[src]",
      ),
    )) {
      for (const attr of ["href", "src", "action", "formaction", "data"]) {
        const v = el.getAttribute(attr);
        if (v !== null) urls.push(v);
      }
    }
    return { hits: w.__xssHits, csp: w.__csp, text: document.body.innerText, urls, title: document.title };
  });
  expect(dialogs, `${name}: dialogs`).toEqual([]);
  expect(state.hits, `${name}: window.__xss writes`).toEqual([]);
  expect(state.csp, `${name}: CSP violations`).toEqual([]);
  // No script URL reached the DOM (React 19 would have replaced one with its own `javascript:throw …`).
  expect(
    state.urls.filter((u) => SCRIPT_URL.test(u)),
    `${name}: script URLs`,
  ).toEqual([]);
  const markers = markersIn(`${state.text}\n${state.title}`);
  for (const m of markers) seen.add(m);
  expect(markers.size, `${name}: payloads shown as text`).toBeGreaterThanOrEqual(opts.minMarkers ?? 1);
  if (opts.screenshot)
    await page.screenshot({ path: `test-results/screens/security-xss-${name}.png`, fullPage: true });
  if (opts.axe) {
    const axe = await new AxeBuilder({ page }).analyze();
    const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `${name}: axe`,
    ).toEqual([]);
  }
  return markers;
}

/** Opens `path`, waits for `ready` (text the page shows once its data is in), then checks the page. */
async function visit(
  page: Page,
  name: string,
  path: string,
  ready: (p: Page) => Promise<void>,
  opts: Parameters<typeof check>[2] = {},
) {
  await test.step(name, async () => {
    await page.goto(path);
    await ready(page);
    await check(page, name, opts);
  });
}

/** Ready once a payload is on the page as text or as a form field's value (patterns are edited in fields). */
const showsPayload = async (page: Page) => {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const values = Array.from(
          document.querySelectorAll("input, textarea"),
          (e) => (e as HTMLInputElement).value,
        );
        return /__xss=|alert\(|confirm\(|prompt\(/.test(`${document.body.innerText}\n${values.join("\n")}`);
      }),
    )
    .toBe(true);
};

const shows = (text: string) => async (page: Page) => {
  await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
};

test.describe("injected content", () => {
  test.use({ storageState: MONA_STATE });

  test.beforeAll(async ({ request }) => {
    const r = await fetch(`${simUrl()}/_sim/seed/hostile`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ payloads: PAYLOADS }),
    });
    expect(r.status).toBe(201);
    h = (await r.json()) as HostileSummary;
    expect((await request.delete("/api/csp-report")).status()).toBe(204);
  });

  test.afterAll(async () => {
    await fetch(`${simUrl()}/_sim/seed/hostile`, { method: "DELETE" });
  });

  test.beforeEach(async ({ page }) => {
    dialogs = [];
    page.on("dialog", (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.addInitScript(INIT);
  });

  test("the payload list is large and every payload has a sink and a marker", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
    for (const p of XSS_PAYLOADS) expect([...markersIn(p.text)], p.text).toContain(p.id);
  });

  test("pages of the hostile organisation run no payload and report no violation", async ({ page }) => {
    test.setTimeout(120_000);
    const lab = `/${h.lab}`;
    await visit(page, "home", "/", shows("evil"), { screenshot: true });
    await visit(page, "org", "/organizations/evil", shows("5 (1 public"));
    await visit(
      page,
      "org-runners",
      "/organizations/evil/settings/actions/runners",
      async (p) => {
        await expect(p.getByRole("table").first()).toBeVisible();
      },
      { minMarkers: 8, screenshot: true, axe: true },
    );
    await visit(
      page,
      "runner",
      `/organizations/evil/settings/actions/runners/${h.runners[0]}`,
      shows("self-hosted"),
    );
    await visit(
      page,
      "runner-new",
      "/organizations/evil/settings/actions/runners/new",
      async (p) => {
        await expect(p.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(p.locator("select option").nth(1)).toBeAttached();
      },
      { minMarkers: 0 },
    );
    await visit(
      page,
      "runner-groups",
      "/organizations/evil/settings/actions/runner-groups",
      shows("Default"),
      { minMarkers: 3 },
    );
    await visit(
      page,
      "runner-group",
      `/organizations/evil/settings/actions/runner-groups/${h.groups[1]}`,
      shows("xss-lab"),
      { screenshot: true },
    );
    await visit(page, "org-secrets", "/organizations/evil/settings/secrets/actions", shows("__PROTO__"), {
      minMarkers: 0,
    });
    await visit(page, "org-permissions", "/organizations/evil/settings/actions", showsPayload, {
      minMarkers: 0,
    });
    await visit(page, "repo", lab, shows("dispatch.yml"), { minMarkers: 3, screenshot: true });
    await visit(page, "runs", `${lab}/actions`, shows(`#${h.runs.length}`), {
      minMarkers: 10,
      screenshot: true,
      axe: true,
    });
    // A hostile branch that survives GitHub's query syntax unchanged (no `"`: it delimits quoted values).
    const branch = h.branches.find((b) => /[<>']/.test(b) && !b.includes('"')) ?? "main";
    await visit(
      page,
      "runs-filtered",
      `${lab}/actions?query=${encodeURIComponent(`branch:${branch} actor:javascript is:failure event:push`)}`,
      async (p) => {
        await expect(p.getByRole("heading", { level: 1 })).toBeVisible();
        // the hostile branch is back in the filter form (as a field's value, or an option)
        await expect
          .poll(() =>
            p.evaluate(
              (b) => Array.from(document.querySelectorAll("input, select, option"), (e) => (e as HTMLInputElement).value).includes(b),
              branch,
            ),
          )
          .toBe(true);
      },
      { minMarkers: 0 },
    );
    await visit(page, "run", `${lab}/actions/runs/${h.mainRun}`, shows("Artifacts"), {
      minMarkers: 10,
      screenshot: true,
      axe: true,
    });
    await visit(page, "run-attempt", `${lab}/actions/runs/${h.mainRun}/attempts/1`, shows("Artifacts"), {
      minMarkers: 5,
    });
    await visit(
      page,
      "artifacts",
      `${lab}/actions/artifacts`,
      async (p) => {
        await expect(p.getByRole("table").first()).toBeVisible();
      },
      { minMarkers: 5 },
    );
    await visit(page, "repo-secrets", `${lab}/settings/secrets/actions`, shows("__PROTO__"), {
      minMarkers: 0,
    });
    await visit(page, "repo-permissions", `${lab}/settings/actions`, showsPayload, { minMarkers: 0 });
    await visit(page, "repo-runners", `${lab}/settings/actions/runners`, async (p) => {
      await expect(p.getByRole("table").first()).toBeVisible();
    });
    await visit(page, "repo-runner", `${lab}/settings/actions/runners/${h.repoRunner}`, shows("self-hosted"));
    for (const other of ["__proto__", "constructor", "x-onerror-alert-1"]) {
      await visit(page, `repo-${other}`, `/evil/${other}`, shows(other), { minMarkers: 1 });
    }
  });

  test("workflow pages and the dispatch dialog", async ({ page }) => {
    const lab = `/${h.lab}`;
    const hostileFile = h.workflows.find((w) => w.file !== "ci.yml" && w.file !== h.dispatchFile);
    if (!hostileFile) throw new Error("no hostile workflow file");
    await visit(
      page,
      "workflow-hostile-file",
      `${lab}/actions/workflows/${encodeURIComponent(hostileFile.file)}`,
      shows(hostileFile.file),
      { minMarkers: 2 },
    );
    await visit(page, "workflow", `${lab}/actions/workflows/${h.dispatchFile}`, shows(h.dispatchFile), {
      minMarkers: 2,
    });
    await page.getByRole("button", { name: "Run workflow…" }).click();
    // the form built from the hostile file's inputs: descriptions, defaults and choices
    await expect(page.getByRole("combobox").last()).toBeVisible();
    await expect(page.getByRole("button", { name: "Run workflow", exact: true })).toBeVisible();
    const markers = await check(page, "dispatch-dialog", { minMarkers: 5, screenshot: true, axe: true });
    expect(markers.size).toBeGreaterThan(0);
  });

  test("the job log renders every line as text", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/${h.lab}/actions/runs/${h.mainRun}/job/${h.logJob}`);
    await expect(page.getByTestId("log-status")).toHaveAttribute("data-done", "true");
    await page.getByRole("button", { name: "Expand all" }).click();
    const region = page.getByRole("region", { name: "Log lines" });
    await expect(region).toBeVisible();
    await check(page, "job", { screenshot: true, axe: true });
    // scroll through the whole (virtualised) log, collecting what each screenful shows
    const inLog = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const step = await region.evaluate(async (el) => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const text = (el as HTMLElement).innerText;
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight - 40;
        return { text, moved: el.scrollTop !== before };
      });
      for (const m of markersIn(step.text)) inLog.add(m);
      if (!step.moved) break;
    }
    await check(page, "job-scrolled", { minMarkers: 1 });
    for (const m of inLog) seen.add(m);
    // Every payload is shown as text in the log, but where its number is inside an escape sequence the
    // ANSI parser drops (OSC titles and link targets, DCS): those are shown as their visible part only.
    const expected = XSS_PAYLOADS.filter(
      (p) => p.kind !== "osc" && !(p.kind === "ansi" && p.text.includes("\u001bP")),
    ).map((p) => p.id);
    const missing = expected.filter((id) => !inLog.has(id));
    expect(missing.map((id) => byId.get(id)?.text)).toEqual([]);
  });

  test("run log search, error panels, error pages and the sign-in page", async ({ page }) => {
    test.setTimeout(90_000);
    const lab = `/${h.lab}`;
    await page.goto(`${lab}/actions/runs/${h.mainRun}/search`);
    const box = page.getByRole("searchbox").or(page.getByRole("textbox")).first();
    await box.fill("__xss");
    await box.press("Enter");
    await expect(page.getByTestId("run-search-total")).not.toHaveAttribute("data-count", "0");
    await check(page, "run-search", { minMarkers: 5, screenshot: true });

    // a repository whose runs and workflows answer 422 with a payload for message and a script URL for docs
    await visit(page, "broken-repo", `/${h.broken}`, shows("broken"), { minMarkers: 1, screenshot: true });
    await visit(
      page,
      "broken-runs",
      `/${h.broken}/actions`,
      // the error panel with the payload, not whichever alert comes first (the workflows sidebar's own error
      // and Next.js's route announcer are alerts too, and may be on screen before the runs list's panel)
      async (p) => {
        await expect
          .poll(async () => {
            const alerts = (await p.getByRole("alert").allInnerTexts()).join("\n");
            return markersIn(alerts).size > 0 ? "payload shown" : `alerts: ${alerts.slice(0, 500)}`;
          })
          .toBe("payload shown");
      },
      { minMarkers: 1 },
    );

    // hostile path segments: not found pages that name what was asked for
    const seg1 = pathPayload(0);
    const seg2 = pathPayload(3);
    const seg3 = pathPayload(7);
    await visit(
      page,
      "not-found-org",
      `/organizations/${encodeURIComponent(seg1.text)}/settings/actions/runners`,
      async (p) => {
        await expect(p.getByRole("heading", { level: 1 }).or(p.getByRole("alert")).first()).toBeVisible();
      },
      { minMarkers: 0 },
    );
    await visit(
      page,
      "not-found-repo",
      `/evil/${encodeURIComponent(seg2.text)}`,
      async (p) => {
        await expect(p.getByRole("heading", { level: 1 }).or(p.getByRole("alert")).first()).toBeVisible();
      },
      { minMarkers: 0 },
    );
    await visit(
      page,
      "not-found-run",
      `${lab}/actions/runs/${encodeURIComponent(seg3.text)}`,
      async (p) => {
        await expect(p.getByRole("heading", { level: 1 }).first()).toBeVisible();
      },
      { minMarkers: 0, screenshot: true },
    );
    await visit(
      page,
      "not-found-job",
      `${lab}/actions/runs/${h.mainRun}/job/999999999`,
      async (p) => {
        await expect(p.getByRole("heading", { level: 1 }).first()).toBeVisible();
      },
      { minMarkers: 0 },
    );

    // sign-in page: hostile returnTo and error parameters are neither followed nor rendered as markup
    for (const [n, returnTo] of [
      "javascript:alert(901)",
      " javascript:window.__xss=902",
      "data:text/html,<script>alert(903)</script>",
      "//evil.example/x",
      `/"><svg onload=alert(904)>`,
      "/\\evil.example",
    ].entries()) {
      const error = PAYLOADS[n * 13] ?? "x";
      await visit(
        page,
        `login-${n}`,
        `/login?returnTo=${encodeURIComponent(returnTo)}&error=${encodeURIComponent(error)}`,
        shows("Sign in"),
        { minMarkers: 0, screenshot: n === 4, axe: n === 4 },
      );
      for (const href of await page
        .locator("a[href]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))) {
        expect(href).not.toMatch(/^\s*(javascript|data|vbscript):|^\s*\/\/|^\s*\/\\|evil\.example/i);
      }
    }
  });

  test("payloads were seen as text, and the report endpoint received no violation", async ({ request }) => {
    // A broad share of the payloads were on screen somewhere (the log alone shows most of them).
    expect(seen.size).toBeGreaterThanOrEqual(200);
    const r = await request.get("/api/csp-report");
    expect(r.status()).toBe(200);
    const body = (await r.json()) as { violations: unknown[] };
    expect(body.violations).toEqual([]);
  });
});

test.describe("Content-Security-Policy", () => {
  test.use({ storageState: MONA_STATE });

  test("pages carry a fresh nonce-based policy and API responses a policy that allows nothing", async ({ request }) => {
    const a = await request.get("/acme/web");
    const b = await request.get("/acme/web");
    const csp = a.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("report-uri ");
    if (!process.env.AC_E2E_DEV) expect(csp).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
    expect(nonce).not.toBe(/'nonce-([^']+)'/.exec(b.headers()["content-security-policy"] ?? "")?.[1]);
    // Next.js put the nonce on its scripts; no script without it
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    for (const res of [a]) {
      expect(res.headers()["x-content-type-options"]).toBe("nosniff");
      expect(res.headers()["x-frame-options"]).toBe("DENY");
      expect(res.headers()["referrer-policy"]).toBe("same-origin");
    }
    for (const path of ["/api/health", "/api/github/repos/acme/web/actions/runs?per_page=1"]) {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-security-policy"]).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    }
  });

  test("the report endpoint records both report formats and refuses other bodies", async ({ request }) => {
    expect((await request.delete("/api/csp-report")).status()).toBe(204);
    const legacy = await request.post("/api/csp-report", {
      headers: { "content-type": "application/csp-report" },
      data: JSON.stringify({
        "csp-report": {
          "document-uri": "http://x/acme/web?q=1",
          "effective-directive": "script-src-elem",
          "blocked-uri": "inline",
        },
      }),
    });
    expect(legacy.status()).toBe(204);
    const batch = await request.post("/api/csp-report", {
      headers: { "content-type": "application/reports+json" },
      data: JSON.stringify([
        {
          type: "csp-violation",
          url: "http://x/",
          body: {
            documentURL: "http://x/",
            effectiveDirective: "img-src",
            blockedURL: "https://evil.example/p.png",
          },
        },
      ]),
    });
    expect(batch.status()).toBe(204);
    expect(
      (
        await request.post("/api/csp-report", { headers: { "content-type": "text/plain" }, data: "hi" })
      ).status(),
    ).toBe(415);
    expect(
      (
        await request.post("/api/csp-report", {
          headers: { "content-type": "application/csp-report" },
          data: "{",
        })
      ).status(),
    ).toBe(400);
    expect(
      (
        await request.post("/api/csp-report", {
          headers: { "content-type": "application/csp-report" },
          data: "x".repeat(70_000),
        })
      ).status(),
    ).toBe(413);
    const got = (await (await request.get("/api/csp-report")).json()) as {
      violations: { documentUrl: string; directive: string }[];
    };
    expect(got.violations.map((v) => [v.documentUrl, v.directive])).toEqual([
      ["http://x/acme/web", "script-src-elem"],
      ["http://x/", "img-src"],
    ]);
    expect((await request.delete("/api/csp-report")).status()).toBe(204);
  });

  // Last: the canary's own report may reach the report endpoint up to a minute later.
  test("the detection works: an image from another host and a javascript: link are blocked and reported in the page", async ({
    page,
  }) => {
    await page.addInitScript(INIT);
    await page.goto("/acme/web");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "https://evil.invalid/pixel.png";
      img.alt = "";
      const a = document.createElement("a");
      a.href = "javascript:window.__xss='canary'";
      a.textContent = "canary link";
      a.id = "canary";
      document.body.prepend(img, a);
    });
    const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.join("\n"));
    await expect.poll(violations).toMatch(/img-src blocked https:\/\/evil\.invalid/);
    await page.locator("#canary").click();
    await expect.poll(violations).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits)).toEqual([]);
  });
});
