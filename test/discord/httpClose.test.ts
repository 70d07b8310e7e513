// The endpoint's graceful close, in-process: what SIGTERM runs. Requests in flight finish (their REST edits
// included), new ones are refused, and /healthz turns 503 so a load balancer stops sending.
import { describe, expect, it } from 'vitest'
import { newUser } from './harness.js'
import type { SentBody } from './harness.js'
import { startEndpointHarness } from './httpHarness.js'

const PATCH_ORIGINAL = /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/

describe('Endpoint.close()', () => {
  it('finishes the request in flight, refusing new requests meanwhile, then resolves true', async () => {
    const h = await startEndpointHarness()
    try {
      await h.discord.warm(h.url, 2)
      h.standin.failNext({ method: 'PATCH', path: PATCH_ORIGINAL, status: 429, retryAfter: 1 })
      const late = h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' }, { createdAt: Date.now() - 2000 })
      expect((await h.send(late)).json).toEqual({ type: 5, data: { flags: 0 } })
      await h.standin.waitForCall((c) => c.status === 429)

      let closedAt = 0
      const closing = h.endpoint.close(5000).then((finished) => {
        closedAt = performance.now()
        return finished
      })
      // On an open keep-alive connection: 503 (a new connection is refused outright).
      const refused = await h.send(h.discord.slashCommand(newUser(), 'ask', { question: 'who is Xi Jinping?' })).then(
        (r) => r.status,
        (error: NodeJS.ErrnoException) => error.code,
      )
      expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(refused)

      const edit = await h.standin.waitForCall((c) => c.method === 'PATCH' && c.status === 200 && c.path.includes(late.token))
      expect((edit.body as SentBody).embeds![0]!.description).toMatch(/Han Zheng/)
      expect(await closing).toBe(true)
      expect(closedAt).toBeGreaterThanOrEqual(edit.at)
      expect(h.logs.some((l) => l.msg === 'interactions: finished requests in flight')).toBe(true)
      await expect(h.discord.get(`${h.origin}/healthz`)).rejects.toThrow()
    } finally {
      await h.discord.standin.close()
      h.discord.close()
    }
  })

  it('gives up after the grace period, saying so, when a request cannot finish', async () => {
    const h = await startEndpointHarness()
    try {
      h.standin.failNext({ method: 'PATCH', path: PATCH_ORIGINAL, status: 429, retryAfter: 5 })
      const late = h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' }, { createdAt: Date.now() - 2000 })
      await h.send(late)
      await h.standin.waitForCall((c) => c.status === 429)
      const started = performance.now()
      expect(await h.endpoint.close(200)).toBe(false)
      expect(performance.now() - started).toBeLessThan(2000)
      expect(h.logs.some((l) => l.msg === 'interactions: requests still pending at shutdown')).toBe(true)
    } finally {
      await h.discord.standin.close()
      h.discord.close()
    }
  })
})
