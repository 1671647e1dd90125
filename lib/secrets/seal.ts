/**
 * Sealing a secret's value in the browser with tweetsodium: a libsodium sealed box (crypto_box_seal)
 * for the org's or repository's public key, which GitHub (and the simulator) open with
 * crypto_box_seal_open. tweetsodium is pinned to 0.0.5: the registry's 0.0.6 ships without its `dist/`.
 */
// The UMD build: the package's `module` entry is CommonJS in disguise and bundlers reject it.
import tweetsodium from "tweetsodium/dist/index.umd.js";

const PUBLIC_KEY_BYTES = 32;
export const SEAL_OVERHEAD = tweetsodium.overheadLength;

/** crypto_box_seal(message, publicKey). */
export function seal(message: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== PUBLIC_KEY_BYTES) throw new Error("The public key must be 32 bytes.");
  return tweetsodium.seal(message, publicKey);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** A public key as GitHub sends it: `{ key_id, key }`, the key base64 of 32 bytes. */
export interface SecretsPublicKey {
  key_id: string;
  key: string;
}

/** Why a fetched public key cannot be used, or null when it can. */
export function publicKeyProblem(key: Partial<SecretsPublicKey> | null | undefined): string | null {
  if (!key || typeof key.key !== "string" || key.key.length === 0 || typeof key.key_id !== "string" || key.key_id.length === 0) {
    return "GitHub did not return a public key to seal the value with.";
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(key.key);
  } catch {
    return "The public key GitHub returned is not valid base64.";
  }
  if (bytes.length !== PUBLIC_KEY_BYTES) return `The public key GitHub returned is ${bytes.length} bytes long, not 32.`;
  return null;
}

/** Seals a UTF-8 value for a base64 public key and returns the base64 `encrypted_value`. */
export function sealSecretValue(value: string, publicKeyB64: string): string {
  const message = new TextEncoder().encode(value);
  try {
    return bytesToBase64(seal(message, base64ToBytes(publicKeyB64)));
  } finally {
    message.fill(0);
  }
}
