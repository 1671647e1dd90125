/**
 * Sealing a secret's value in the browser, as tweetsodium does: a libsodium sealed box
 * (crypto_box_seal) built from TweetNaCl's `box` and a BLAKE2b nonce. An ephemeral key pair is made
 * per value; the nonce is BLAKE2b-192(ephemeral public key ‖ recipient public key); the output is
 * the ephemeral public key followed by the box. GitHub (and the simulator) open it with libsodium's
 * crypto_box_seal_open.
 *
 * tweetsodium's own build is missing from this project's node_modules (its package.json points at a
 * `dist/` that the installed copy does not have), so its 20-line algorithm is written here on the
 * same two libraries it depends on.
 */
import nacl from "tweetnacl";
import { blake2bFinal, blake2bInit, blake2bUpdate } from "blakejs";

export const SEAL_OVERHEAD = nacl.box.overheadLength + nacl.box.publicKeyLength;

function sealNonce(ephemeralPublicKey: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const ctx = blake2bInit(nacl.box.nonceLength);
  blake2bUpdate(ctx, ephemeralPublicKey);
  blake2bUpdate(ctx, recipientPublicKey);
  return blake2bFinal(ctx);
}

/** crypto_box_seal(message, publicKey). */
export function seal(message: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== nacl.box.publicKeyLength) throw new Error("The public key must be 32 bytes.");
  const ephemeral = nacl.box.keyPair();
  const nonce = sealNonce(ephemeral.publicKey, publicKey);
  const boxed = nacl.box(message, nonce, publicKey, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  const out = new Uint8Array(nacl.box.publicKeyLength + boxed.length);
  out.set(ephemeral.publicKey, 0);
  out.set(boxed, nacl.box.publicKeyLength);
  return out;
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
  if (bytes.length !== nacl.box.publicKeyLength) return `The public key GitHub returned is ${bytes.length} bytes long, not 32.`;
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
