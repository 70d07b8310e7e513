// Discord signs every request to the interactions endpoint with the application's Ed25519 key: the signature
// (X-Signature-Ed25519, hex) covers the timestamp (X-Signature-Timestamp) followed by the raw body. Node's own
// crypto verifies it.
import { createPublicKey, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

/** How old (or how far ahead) a request's timestamp may be: older ones are refused as replays. */
export const MAX_SKEW_MS = 5 * 60_000

/** The application's public key, from the 64 hex digits the Developer Portal shows (DISCORD_PUBLIC_KEY). */
export function publicKeyFromHex(hex: string): KeyObject {
  const x = Buffer.from(hex, 'hex').toString('base64url')
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
}

/** Whether `signature` (hex) is the key's signature of `timestamp` + `body`. Never throws. */
export function verifySignature(key: KeyObject, timestamp: string, body: Buffer, signature: string): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return false
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'))
  } catch {
    return false
  }
}

/** Whether a timestamp (Unix seconds, as Discord sends it) is within `MAX_SKEW_MS` of `now`. */
export function isFresh(timestamp: string, now = Date.now()): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false
  return Math.abs(now - Number(timestamp) * 1000) <= MAX_SKEW_MS
}
