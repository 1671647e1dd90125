/**
 * Cross-site scripting payloads for the injected-content tests (tests/e2e/security-xss.spec.ts). The
 * simulator seeds them into every field the dashboard renders (`POST /_sim/seed/hostile`).
 *
 * Every payload, if it ever ran, would hit a detectable sink carrying its own number: `window.__xss=N`
 * (the test's init script records every assignment), or `alert(N)` / `confirm(N)` / `prompt(N)` (the test
 * fails on any dialog). The same `N` makes the payload findable as text on the page (`PAYLOAD_MARKER`).
 */

export interface XssPayload {
  id: number;
  kind: string;
  text: string;
}

const ESC = "\u001b";
const BEL = "\u0007";
const ST = `${ESC}\\`;

/** Finds the payload numbers in rendered text: `__xss=N`, `alert(N)`, `confirm(N)`, `prompt(N)`. */
export const PAYLOAD_MARKER = /__xss=(\d+)|(?:alert|confirm|prompt)\((\d+)\)/g;

/** The payload numbers that occur in `text`. */
export function markersIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(PAYLOAD_MARKER)) out.add(Number(m[1] ?? m[2]));
  return out;
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

type Template = [kind: string, make: (sink: string) => string];

/** `sink` is a JavaScript expression such as `window.__xss=12` or `alert(12)`. */
const TEMPLATES: Template[] = [
  // script elements
  ["script", (s) => `<script>${s}</script>`],
  ["script", (s) => `<ScRiPt>${s}</sCrIpT>`],
  ["script", (s) => `<script src="data:text/javascript,${s}"></script>`],
  ["script", (s) => `</script><script>${s}</script>`],
  ["script", (s) => `<!--<script>${s}</script>-->`],
  ["script", (s) => `<script type="module">${s}</script>`],
  ["script", (s) => `<scr<script>ipt>${s}</scr</script>ipt>`],
  ["script", (s) => `<script\ttype="text/javascript">${s}</script>`],
  ["script", (s) => `<svg><script>${s}</script></svg>`],
  ["script", (s) => `<script>/*</script><script>*/${s}</script>`],
  // event handlers
  ["handler", (s) => `<img src=x onerror=${s}>`],
  ["handler", (s) => `<img src="x" onerror="${s}">`],
  ["handler", (s) => `<svg onload=${s}>`],
  ["handler", (s) => `<svg/onload=${s}>`],
  ["handler", (s) => `<body onload=${s}>`],
  ["handler", (s) => `<details open ontoggle=${s}>`],
  ["handler", (s) => `<input autofocus onfocus=${s}>`],
  ["handler", (s) => `<video><source onerror=${s}></video>`],
  ["handler", (s) => `<audio src=x onerror=${s}>`],
  ["handler", (s) => `<marquee onstart=${s}>`],
  ["handler", (s) => `<select autofocus onfocus=${s}>`],
  ["handler", (s) => `<textarea autofocus onfocus=${s}>`],
  ["handler", (s) => `<a href=# onmouseover=${s}>hover</a>`],
  ["handler", (s) => `<div style="position:fixed;inset:0" onmouseover=${s}>`],
  ["handler", (s) => `<img src=x:x onerror=${s}>`],
  ["handler", (s) => `<svg><animate onbegin=${s} attributeName=x dur=1s>`],
  ["handler", (s) => `<style onload=${s}></style>`],
  ["handler", (s) => `<img srcset=",,,,,x" onerror=${s}>`],
  ["handler", (s) => `<iframe srcdoc="<script>${s}</script>"></iframe>`],
  ["handler", (s) => `<iframe onload=${s}></iframe>`],
  ["handler", (s) => `<object data="javascript:${s}"></object>`],
  ["handler", (s) => `<embed src="javascript:${s}">`],
  ["handler", (s) => `<form><button formaction=javascript:${s}>go</button></form>`],
  ["handler", (s) => `<meta http-equiv="refresh" content="0;url=javascript:${s}">`],
  ["handler", (s) => `<base href="javascript:${s}//">`],
  ["handler", (s) => `<math><maction actiontype=statusline xlink:href=javascript:${s}>x</maction></math>`],
  // mutation XSS
  ["mxss", (s) => `<svg><style><img src=x onerror=${s}></style></svg>`],
  ["mxss", (s) => `<math><mtext><table><mglyph><style><img src=x onerror=${s}>`],
  ["mxss", (s) => `<noscript><p title="</noscript><img src=x onerror=${s}>">`],
  ["mxss", (s) => `<template><img src=x onerror=${s}></template>`],
  ["mxss", (s) => `<xmp><img src=x onerror=${s}></xmp>`],
  [
    "mxss",
    (s) =>
      `<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${s} src=1>">`,
  ],
  // javascript: URLs
  ["javascript-url", (s) => `javascript:${s}`],
  ["javascript-url", (s) => `JaVaScRiPt:${s}`],
  ["javascript-url", (s) => `javascript://%0a${s}`],
  ["javascript-url", (s) => ` javascript:${s}`],
  ["javascript-url", (s) => `java\tscript:${s}`],
  ["javascript-url", (s) => `java\nscript:${s}`],
  ["javascript-url", (s) => `&#106;avascript:${s}`],
  ["javascript-url", (s) => `javascript&colon;${s}`],
  ["javascript-url", (s) => `\u0001javascript:${s}`],
  ["javascript-url", (s) => `vbscript:${s}`],
  // data: URLs
  ["data-url", (s) => `data:text/html,<script>${s}</script>`],
  ["data-url", (s) => `data:text/html;base64,${b64(`<script>${s}</script>`)}#${s}`],
  ["data-url", (s) => `data:image/svg+xml,<svg onload=${s}>`],
  ["data-url", (s) => `data:application/javascript,${s}`],
  ["data-url", (s) => `DATA:text/html,<img src=x onerror=${s}>`],
  // broken-out attributes and elements
  ["breakout", (s) => `"><svg onload=${s}>`],
  ["breakout", (s) => `'><img src=x onerror=${s}>`],
  ["breakout", (s) => `" onmouseover="${s}" x="`],
  ["breakout", (s) => `' onfocus='${s}' autofocus x='`],
  ["breakout", (s) => `" autofocus onfocus=${s} x="`],
  ["breakout", (s) => `</textarea><script>${s}</script>`],
  ["breakout", (s) => `</title><script>${s}</script>`],
  ["breakout", (s) => `--><script>${s}</script><!--`],
  ["breakout", (s) => `]]><script>${s}</script>`],
  ["breakout", (s) => `</style><script>${s}</script>`],
  ["breakout", (s) => `"><iframe src=javascript:${s}>`],
  ["breakout", (s) => `\\"><img src=x onerror=${s}>`],
  ["breakout", (s) => `</noscript><script>${s}</script>`],
  ["breakout", (s) => `<!--><svg onload=${s}>`],
  ["breakout", (s) => `"/><svg/onload=${s}>`],
  // JavaScript string and template breakouts
  ["js-string", (s) => `'-${s}-'`],
  ["js-string", (s) => `"-${s}-"`],
  ["js-string", (s) => `';${s};//`],
  ["js-string", (s) => `";${s};//`],
  ["js-string", (s) => `\\';${s}//`],
  ["js-string", (s) => `</script><svg onload=${s}>`],
  ["js-string", (s) => `\`;${s};\``],
  ["js-string", (s) => `'+${s}+'`],
  ["js-string", (s) => `\u2028${s}\u2029`],
  ["js-string", (s) => `');${s};('`],
  // template syntaxes
  ["template", (s) => `{{constructor.constructor('${s}')()}}`],
  ["template", (s) => `{{$on.constructor('${s}')()}}`],
  ["template", (s) => `\${${s}}`],
  ["template", (s) => `#{${s}}`],
  ["template", (s) => `<%= ${s} %>`],
  ["template", (s) => `{{${s}}}`],
  ["template", (s) => `[[${s}]]`],
  ["template", (s) => `{{7*7}}<img src=x onerror=${s}>`],
  ["template", (s) => `\${{ ${s} }}`],
  ["template", (s) => `{% raw %}<script>${s}</script>{% endraw %}`],
  // ANSI and OSC sequences (log lines, and anywhere text passes through the ANSI parser)
  ["ansi", (s) => `${ESC}[31m"><img src=x onerror=${s}>${ESC}[0m`],
  ["ansi", (s) => `${ESC}[1;31m'${ESC}[0m-${s}-${ESC}[1m'${ESC}[0m`],
  ["ansi", (s) => `${ESC}[38;2;255;0;0m"${ESC}[0m><img src=x onerror=${s}>`],
  ["ansi", (s) => `${ESC}[38;5;"><svg onload=${s}>m`],
  ["ansi", (s) => `${ESC}[4m<a href="javascript:${s}">underlined</a>${ESC}[24m`],
  ["ansi", (s) => `${ESC}[2J${ESC}[H<script>${s}</script>`],
  ["ansi", (s) => `\u009b31m<img src=x onerror=${s}>`],
  ["ansi", (s) => `${ESC}P+q<svg onload=${s}>${ST}`],
  ["osc", (s) => `${ESC}]8;;javascript:${s}${ST}click me${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;;javascript:${s}${BEL}click${ESC}]8;;${BEL}`],
  ["osc", (s) => `${ESC}]8;;data:text/html,<script>${s}</script>${ST}data link${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;;https://example.com/" onmouseover="${s}${ST}quoted link${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;id=<img src=x onerror=${s}>;https://example.com${ST}id link${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]0;<script>${s}</script>${BEL}`],
  ["osc", (s) => `${ESC}]2;"><svg onload=${s}>${ST}`],
  ["osc", (s) => `${ESC}]8;;JaVaScRiPt:${s}${ST}mixed case${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;; javascript:${s}${ST}leading space${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;;java\tscript:${s}${ST}tab${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]52;c;${b64(s)}${BEL}${s}`],
  ["osc", (s) => `${ESC}]8;;https://x.example${ST}${ESC}]8;;javascript:${s}${ST}nested${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;;vbscript:${s}${ST}vb${ESC}]8;;${ST}`],
  ["osc", (s) => `${ESC}]8;;data:image/svg+xml,<svg onload=${s}>${BEL}svg link${ESC}]8;;${BEL}`],
  // unicode tricks
  ["unicode", (s) => `＜script＞${s}＜/script＞`],
  ["unicode", (s) => `\u202e>"x"=crs gmi<${s}`],
  ["unicode", (s) => `java\u200bscript:${s}`],
  ["unicode", (s) => `<img src=x one\u0000rror=${s}>`],
  ["unicode", (s) => `\ufe64script\ufe65${s}\ufe64/script\ufe65`],
  ["unicode", (s) => `<\u0131mg src=x onerror=${s}>`],
  ["unicode", (s) => `\\u003cscript\\u003e${s}\\u003c/script\\u003e`],
  ["unicode", (s) => `%3Cscript%3E${s}%3C%2Fscript%3E`],
  ["unicode", (s) => `&lt;script&gt;${s}&lt;/script&gt;`],
  ["unicode", (s) => `&#x3C;img src=x onerror=${s}&#x3E;`],
  ["unicode", (s) => `\ud800<script>${s}</script>`],
  ["unicode", (s) => `ｊａｖａｓｃｒｉｐｔ：${s}`],
  ["unicode", (s) => `𝓳𝓪𝓿𝓪𝓼𝓬𝓻𝓲𝓹𝓽:${s}`],
  ["unicode", (s) => `\u00a0javascript:${s}`],
  ["unicode", (s) => `<img src=x onerror=${s}>\u0300\u0301\u0302`],
  // CSS and markdown
  ["css", (s) => `<style>@import 'javascript:${s}';</style>`],
  ["css", (s) => `<div style="background-image:url(javascript:${s})">`],
  ["css", (s) => `<style>*{background:url("data:image/svg+xml,<svg onload=${s}>")}</style>`],
  ["css", (s) => `<link rel=stylesheet href="data:text/css,*{x:expression(${s})}">`],
  ["markdown", (s) => `[click](javascript:${s})`],
  ["markdown", (s) => `![x](x" onerror="${s})`],
  ["markdown", (s) => `<https://x.example/" onmouseover="${s}>`],
  // prototype keys and polyglots
  ["prototype", (s) => `__proto__[${s}]`],
  ["prototype", (s) => `constructor[prototype][${s}]`],
  [
    "polyglot",
    (s) =>
      `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${s} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${s}//>\\x3e`,
  ],
  ["polyglot", (s) => `'"--></style></script><script>${s}</script>`],
  ["polyglot", (s) => `'"><img src=x onerror=${s}>{{${s}}}\${${s}}`],
];

/** Sinks alternate: an assignment to the watched global, or a dialog. */
function sinkFor(id: number): string {
  switch (id % 4) {
    case 1:
      return `alert(${id})`;
    case 3:
      return id % 8 === 3 ? `confirm(${id})` : `prompt(${id})`;
    default:
      return `window.__xss=${id}`;
  }
}

function build(): XssPayload[] {
  const out: XssPayload[] = [];
  let id = 1;
  // Two passes over the templates, each payload with its own number and sink.
  for (let pass = 0; pass < 2; pass++) {
    for (const [kind, make] of TEMPLATES) {
      out.push({ id, kind, text: make(sinkFor(id)) });
      id++;
    }
  }
  return out;
}

export const XSS_PAYLOADS: readonly XssPayload[] = build();
