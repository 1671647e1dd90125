/** Limits on a secret's value, checked before it is sealed. */

/** GitHub's limit: a secret's value can be up to 48 KB. */
export const SECRET_MAX_BYTES = 48 * 1024;

/** The UTF-8 size of a value: what GitHub counts. */
export function valueBytes(value: string): number {
  return new TextEncoder().encode(value).byteLength;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
}

export type ValueCheck = { ok: true; bytes: number } | { ok: false; bytes: number; message: string };

export function checkSecretValue(value: string): ValueCheck {
  const bytes = valueBytes(value);
  if (value.length === 0) return { ok: false, bytes, message: "Enter a value." };
  if (bytes > SECRET_MAX_BYTES) {
    return {
      ok: false,
      bytes,
      message: `The value is ${formatBytes(bytes)} (${bytes.toLocaleString("en-US")} bytes); secrets can be at most 48 KB (${SECRET_MAX_BYTES.toLocaleString("en-US")} bytes).`,
    };
  }
  return { ok: true, bytes };
}
