// Tokens: the fixed demo tokens of the seed and tokens minted at run time (OAuth code exchange).
import { randomBytes } from "node:crypto";
import type { State, Token } from "./types.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `ghp_<login>DemoToken` (or another tag) padded with 0 to GitHub's 40 characters. */
export function fixedToken(login: string, tag = "DemoToken"): string {
  return `ghp_${login}${tag}`.padEnd(40, "0");
}

/**
 * The demo token values a seeded user answers to. CONTRACT.md spells mona's with 41 characters while saying
 * "padded to 40"; existing callers use both, so both lengths are accepted for every demo user.
 */
export function demoTokenValues(login: string): string[] {
  const base = `ghp_${login}DemoToken`;
  return [base.padEnd(40, "0"), base.padEnd(41, "0")];
}

/** mona's demo token exactly as CONTRACT.md and the README print it. */
export const DEMO_TOKEN = "ghp_monaDemoToken000000000000000000000000";

/** A fresh token in GitHub's format: `ghp_` (classic PAT) or `gho_` (OAuth) and 36 characters. */
export function mintToken(state: State, login: string, scopes: string[], kind: Token["kind"], clientId?: string): Token {
  let value = "";
  do {
    const bytes = randomBytes(36);
    value = `${kind === "oauth" ? "gho_" : "ghp_"}${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("")}`;
  } while (state.tokens.has(value));
  const token: Token = {
    token: value,
    login,
    scopes: [...scopes],
    kind,
    ...(clientId ? { clientId } : {}),
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  state.tokens.set(value, token);
  return token;
}

/** Adds a token with a known value (seed). */
export function addToken(state: State, value: string, login: string, scopes: string[], createdAt: string): Token {
  const token: Token = { token: value, login, scopes: [...scopes], kind: "pat", created_at: createdAt };
  state.tokens.set(value, token);
  return token;
}
