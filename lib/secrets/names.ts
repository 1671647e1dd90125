/**
 * GitHub's rules for Actions secret names, checked as the user types (before anything is sent):
 * letters, digits and `_` only; not starting with a digit or with `GITHUB_`; stored upper-cased.
 */

/** What GitHub stores a name as: secret names are case-insensitive and kept upper-cased. */
export function normalizeSecretName(raw: string): string {
  return raw.toUpperCase();
}

/** The longest name the dashboard forwards (its proxy's rule for the `{secret_name}` segment). */
export const SECRET_NAME_MAX = 255;

export type NameCheck = { ok: true; name: string } | { ok: false; name: string; message: string };

/** Checks a name as GitHub does; `name` is what it would be stored as. */
export function checkSecretName(raw: string): NameCheck {
  const name = normalizeSecretName(raw);
  if (name.length === 0) return { ok: false, name, message: "Enter a name." };
  if (/\s/.test(name)) return { ok: false, name, message: "Secret names cannot contain spaces." };
  const bad = [...new Set(name.replace(/[A-Z0-9_]/g, ""))];
  if (bad.length > 0) {
    return {
      ok: false,
      name,
      message: `Secret names can only contain letters (A–Z), digits (0–9) and underscores (_); remove ${bad
        .slice(0, 5)
        .map((c) => `“${c}”`)
        .join(", ")}.`,
    };
  }
  if (/^[0-9]/.test(name)) return { ok: false, name, message: "Secret names must not start with a number." };
  if (name.startsWith("GITHUB_")) return { ok: false, name, message: "Secret names must not start with GITHUB_ (that prefix is reserved)." };
  if (name.length > SECRET_NAME_MAX) return { ok: false, name, message: `Secret names can be at most ${SECRET_NAME_MAX} characters long.` };
  return { ok: true, name };
}
