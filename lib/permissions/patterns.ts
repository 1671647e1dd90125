/**
 * The "allow specified actions and reusable workflows" list (`patterns_allowed`), checked line by line
 * before anything is sent. The rules follow GitHub's documentation:
 *
 * - an action: `OWNER/REPOSITORY@TAG-OR-SHA` (`actions/checkout@v4`, `actions/checkout@<40-hex sha>`);
 * - an action in a subdirectory or a reusable workflow: `OWNER/REPOSITORY/PATH@REF`
 *   (`octo-org/another-repo/.github/workflows/workflow.yml@v1`);
 * - everything of an owner or a repository: `OWNER/*`, `OWNER/REPOSITORY@*`;
 * - `*` is a wildcard anywhere (`space-org*\/*`, `*\/octocat**@*`);
 * - a Docker Hub or registry image, with the syntax `uses:` accepts: `docker://IMAGE[:TAG][@DIGEST]`;
 * - a leading `!` blocks what the rest of the pattern matches (GitHub's block list, GHES 3.19 and later).
 *
 * A reference needs its `@REF` (GitHub matches `OWNER/REPO@REF` strings, so `OWNER/REPO` alone matches
 * nothing) unless the pattern ends in `*`. `refs/heads/...` prefixes are not accepted in `uses:` and
 * local paths (`./...`) are always allowed, so neither belongs in the list.
 */

export type PatternKind = "owner" | "action" | "reusable-workflow" | "path" | "docker";

export type PatternCheck =
  | { ok: true; pattern: string; kind: PatternKind; blocks: boolean }
  | { ok: false; pattern: string; message: string };

/** GitHub accepts at most this many patterns. */
export const MAX_PATTERNS = 1000;

const OWNER = /^[A-Za-z0-9*](?:[A-Za-z0-9_*-]*)$/;
const REPO = /^[A-Za-z0-9._*-]+$/;
// Characters git forbids in a ref name, plus whitespace.
const BAD_REF = /[\s~^:?[\\]|\.\.|@\{|\/\/|^\/|\/$|\.lock$|\.$/;
const PATH_SEGMENT = /^[^\s@\\]+$/;
// Docker image reference pieces (distribution/reference grammar), with `*` allowed as a wildcard.
const DOCKER_HOST = /^(?:[A-Za-z0-9*](?:[A-Za-z0-9*-]*[A-Za-z0-9*])?)(?:\.(?:[A-Za-z0-9*](?:[A-Za-z0-9*-]*[A-Za-z0-9*])?))*(?::[0-9*]+)?$/;
const DOCKER_COMPONENT = /^[a-z0-9*]+(?:(?:[._]|__|-+)[a-z0-9*]+)*$/;
const DOCKER_TAG = /^[\w*][\w.*-]{0,127}$/;
const DOCKER_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:(?:[0-9a-fA-F]{32,}|\*)$/;

function fail(pattern: string, message: string): PatternCheck {
  return { ok: false, pattern, message };
}

function checkDocker(pattern: string, body: string, blocks: boolean): PatternCheck {
  const image = body.slice("docker://".length);
  if (image === "") return fail(pattern, "Name an image after docker://, for example docker://alpine:3.20.");
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DOCKER_DIGEST.test(digest)) {
      return fail(pattern, `“@${digest}” is not an image digest: use @sha256: followed by the hex digest.`);
    }
  }
  const parts = rest.split("/");
  let tag: string | undefined;
  const last = parts[parts.length - 1] ?? "";
  const colon = last.lastIndexOf(":");
  if (colon >= 0) {
    tag = last.slice(colon + 1);
    parts[parts.length - 1] = last.slice(0, colon);
    if (!DOCKER_TAG.test(tag)) {
      return fail(pattern, `“:${tag}” is not a valid image tag (letters, digits, _ . - and *, at most 128).`);
    }
  }
  // A first part with a dot, a colon or "localhost" is a registry host, as Docker reads it.
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    if (!DOCKER_HOST.test(first)) return fail(pattern, `“${first}” is not a valid registry host.`);
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => p === "")) {
    return fail(pattern, "The image name has an empty part (check the slashes).");
  }
  for (const part of parts) {
    if (part !== part.toLowerCase()) {
      return fail(pattern, `Docker image names are lowercase: “${part}” has capital letters.`);
    }
    if (!DOCKER_COMPONENT.test(part)) {
      return fail(pattern, `“${part}” is not a valid image name part (lowercase letters, digits, and . _ - between them).`);
    }
  }
  return { ok: true, pattern, kind: "docker", blocks };
}

/** Checks one pattern (already trimmed). */
export function checkPattern(input: string): PatternCheck {
  const pattern = input.trim();
  if (pattern === "") return fail(pattern, "The pattern is empty.");
  if (/\s/.test(pattern)) return fail(pattern, "A pattern cannot contain spaces. Put each pattern on its own line.");
  if (pattern.includes(",")) return fail(pattern, "Put each pattern on its own line instead of separating them with commas.");
  const blocks = pattern.startsWith("!");
  const body = blocks ? pattern.slice(1) : pattern;
  if (body === "") return fail(pattern, "“!” must be followed by the pattern to block.");
  if (body.startsWith("!")) return fail(pattern, "Use a single “!” to block a pattern.");
  if (body.startsWith("./") || body.startsWith("../") || body.startsWith("/")) {
    return fail(pattern, "Local actions (./path) are always allowed; list actions of other repositories as OWNER/REPOSITORY@REF.");
  }
  if (/^docker:\/\//i.test(body)) {
    if (!body.startsWith("docker://")) return fail(pattern, "Write the scheme in lowercase: docker://.");
    return checkDocker(pattern, body, blocks);
  }
  if (body.includes("://")) {
    return fail(pattern, "Only docker:// images can be named with a scheme; actions are OWNER/REPOSITORY@REF.");
  }
  const atCount = body.split("@").length - 1;
  if (atCount > 1) return fail(pattern, "A pattern can have only one “@” (between the action and its ref).");
  const [ref0, ref1] = body.split("@");
  const name = ref0 ?? "";
  const ref = atCount === 1 ? (ref1 ?? "") : undefined;
  const segments = name.split("/");
  const owner = segments[0] ?? "";
  const repo = segments[1];
  if (repo === undefined) {
    return fail(pattern, `“${name}” names no repository: use OWNER/REPOSITORY@REF, or OWNER/* for all of an owner's actions.`);
  }
  if (owner === "") return fail(pattern, "The owner (before the first “/”) is missing.");
  if (!OWNER.test(owner)) {
    return fail(pattern, `“${owner}” is not a valid owner: owners have letters, digits and hyphens (and * as a wildcard), and do not start with a hyphen.`);
  }
  if (repo === "") return fail(pattern, "The repository (after the first “/”) is missing.");
  if (!REPO.test(repo) || repo === "." || repo === "..") {
    return fail(pattern, `“${repo}” is not a valid repository name: use letters, digits, . _ - (and * as a wildcard).`);
  }
  const path = segments.slice(2);
  for (const segment of path) {
    if (segment === "") return fail(pattern, "The path has an empty part (check for a doubled or trailing “/”).");
    if (segment === "." || segment === "..") return fail(pattern, "The path cannot contain “.” or “..” parts.");
    if (!PATH_SEGMENT.test(segment)) return fail(pattern, `“${segment}” is not a valid path part.`);
  }
  if (ref === undefined) {
    if (!name.endsWith("*")) {
      return fail(
        pattern,
        `Add the ref: GitHub matches OWNER/REPOSITORY@REF, so “${name}” alone matches nothing. Use ${name}@* for every version, or ${name}@v1 for one.`,
      );
    }
  } else {
    if (ref === "") return fail(pattern, "The ref after “@” is missing: use a tag, branch or full commit SHA, or * for any.");
    if (/^refs\//.test(ref)) return fail(pattern, `Use the bare tag or branch name: uses: does not accept “${ref.split("/").slice(0, 2).join("/")}/” prefixes.`);
    if (BAD_REF.test(ref)) return fail(pattern, `“${ref}” is not a valid tag, branch or SHA.`);
  }
  const kind: PatternKind =
    repo === "*" && path.length === 0 && ref === undefined
      ? "owner"
      : path.length === 0
        ? "action"
        : /\.ya?ml$/i.test(path[path.length - 1] ?? "") && path[0] === ".github"
          ? "reusable-workflow"
          : "path";
  return { ok: true, pattern, kind, blocks };
}

export interface PatternProblem {
  /** 1-based line number in the text. */
  line: number;
  pattern: string;
  message: string;
}

export interface PatternList {
  /** The valid patterns, in order, without blank lines and duplicates. */
  patterns: string[];
  problems: PatternProblem[];
}

/** Splits the textarea's text (one pattern per line) and checks every line. */
export function parsePatternList(text: string): PatternList {
  const patterns: string[] = [];
  const problems: PatternProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const value = raw.trim();
    if (value === "") return;
    const check = checkPattern(value);
    if (!check.ok) {
      problems.push({ line, pattern: value, message: check.message });
      return;
    }
    // GitHub compares owner and repository names case-insensitively.
    const key = value.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, pattern: value, message: `The same pattern is already on line ${first}.` });
      return;
    }
    seen.set(key, line);
    patterns.push(value);
  });
  if (patterns.length > MAX_PATTERNS) {
    problems.push({
      line: lines.length,
      pattern: "",
      message: `GitHub accepts at most ${MAX_PATTERNS} patterns; this list has ${patterns.length}.`,
    });
  }
  return { patterns, problems };
}

/** The text for the textarea: one pattern per line. */
export function patternsToText(patterns: readonly string[]): string {
  return patterns.join("\n");
}

/** Whether two pattern lists are the same set (order and case of duplicates aside). */
export function samePatterns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((p, i) => p === right[i]);
}
