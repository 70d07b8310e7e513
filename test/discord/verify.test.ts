// The interactions endpoint's checks, on their own: Ed25519 signatures over timestamp + body, and the timestamp window.
import { generateKeyPairSync, sign } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { isFresh, MAX_SKEW_MS, publicKeyFromHex, verifySignature } from '../../src/discord/http/verify.js'

const { publicKey, privateKey } = generateKeyPairSync('ed25519')
// The raw 32-byte public key as hex, as the Developer Portal shows it.
const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex')
let key: ReturnType<typeof publicKeyFromHex>
// Made in each test, not at import: `npm run mutate` switches mutants in while the tests run.
beforeEach(() => {
  key = publicKeyFromHex(hex)
})
const body = Buffer.from('{"type":1}')
const signed = (timestamp: string, data = body) => sign(null, Buffer.concat([Buffer.from(timestamp), data]), privateKey).toString('hex')

describe('publicKeyFromHex', () => {
  it('reads the 64 hex digits as the same Ed25519 key', () => {
    expect(key.asymmetricKeyType).toBe('ed25519')
    expect(key.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }))
  })
})

describe('verifySignature', () => {
  it('accepts the signature of timestamp + body, in either case of hex', () => {
    expect(verifySignature(key, '1700000000', body, signed('1700000000'))).toBe(true)
    expect(verifySignature(key, '1700000000', body, signed('1700000000').toUpperCase())).toBe(true)
  })
  it('refuses another timestamp, another body, another key, and malformed signatures', () => {
    const signature = signed('1700000000')
    expect(verifySignature(key, '1700000001', body, signature)).toBe(false)
    expect(verifySignature(key, '1700000000', Buffer.from('{"type":2}'), signature)).toBe(false)
    const other = publicKeyFromHex(generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'))
    expect(verifySignature(other, '1700000000', body, signature)).toBe(false)
    expect(verifySignature(key, '1700000000', body, signature.slice(0, 126))).toBe(false)
    expect(verifySignature(key, '1700000000', body, `${signature}00`)).toBe(false)
    expect(verifySignature(key, '1700000000', body, `${signature.slice(0, 127)}g`)).toBe(false)
    expect(verifySignature(key, '1700000000', body, '')).toBe(false)
    // 128 hex digits that are no signature of anything: refused, not thrown.
    expect(verifySignature(key, '1700000000', body, 'ff'.repeat(64))).toBe(false)
  })
})

describe('isFresh', () => {
  const now = 1_700_000_000_000
  const at = (offsetMs: number) => String((now + offsetMs) / 1000)
  it('accepts timestamps up to MAX_SKEW_MS behind or ahead, and refuses them past it either way', () => {
    expect(MAX_SKEW_MS).toBe(5 * 60_000)
    expect(isFresh(at(0), now)).toBe(true)
    expect(isFresh(at(-MAX_SKEW_MS), now)).toBe(true)
    expect(isFresh(at(MAX_SKEW_MS), now)).toBe(true)
    expect(isFresh(at(-MAX_SKEW_MS - 1000), now)).toBe(false)
    expect(isFresh(at(MAX_SKEW_MS + 1000), now)).toBe(false)
  })
  it('refuses what is not whole Unix seconds', () => {
    expect(isFresh('', now)).toBe(false)
    expect(isFresh('1700000000.5', now)).toBe(false)
    expect(isFresh('-1700000000', now)).toBe(false)
    expect(isFresh(' 1700000000', now)).toBe(false)
    expect(isFresh('1700000000\n', now)).toBe(false)
    expect(isFresh('1'.repeat(13), now)).toBe(false)
    expect(isFresh('1700000000', now)).toBe(true)
  })
  it('uses the clock when not told the time', () => {
    expect(isFresh(String(Math.floor(Date.now() / 1000)))).toBe(true)
    expect(isFresh('1')).toBe(false)
  })
})
