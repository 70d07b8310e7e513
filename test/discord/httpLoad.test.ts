// 200 /ask requests at once, from 200 users, over real HTTP with real signatures: none lost, every one answered
// (in the response itself, or deferred in it and then edited in). Over open keep-alive connections, as Discord
// and load balancers send them (see EndpointDiscord.warm). How fast is the benchmarks' business, not this test's:
// under CPU load a wall-clock limit here failed while the behaviour was right.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { APIInteraction } from 'discord.js'
import { newUser } from './harness.js'
import type { SentBody } from './harness.js'
import { finalReply, startEndpointHarness } from './httpHarness.js'
import type { EndpointHarness } from './httpHarness.js'

const QUESTIONS = readFileSync('test/fixtures/seed-questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q)
const CONCURRENT = 200

let h: EndpointHarness
beforeAll(async () => {
  h = await startEndpointHarness()
  // The first question loads what the engine loads lazily; a real replica has answered one long before a burst.
  await h.send(h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' }))
  await h.discord.warm(h.url, CONCURRENT)
})
afterAll(async () => {
  await h?.close()
})

describe(`${CONCURRENT} concurrent /ask requests`, () => {
  it('are all answered, in the first response or deferred there and then edited in', async () => {
    const interactions: APIInteraction[] = Array.from({ length: CONCURRENT }, (_, i) =>
      h.discord.slashCommand(newUser(), 'ask', { question: QUESTIONS[i % QUESTIONS.length]! }),
    )
    const started = performance.now()
    const responses = await Promise.all(interactions.map((interaction) => h.send(interaction)))
    const wall = performance.now() - started

    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
    // Each first response is the answer (4) or a deferral (5) that the edit below completes.
    expect(responses.map((r) => (r.json as { type: number }).type).filter((type) => type !== 4 && type !== 5)).toEqual([])
    const replies: SentBody[] = await Promise.all(interactions.map((interaction, i) => finalReply(h, interaction, responses[i]!)))
    replies.forEach((reply, i) => {
      expect(reply.embeds![0]!.title).toBe(QUESTIONS[i % QUESTIONS.length])
      expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false })
    })
    const deferred = responses.filter((r) => (r.json as { type: number }).type === 5).length
    console.log(`${CONCURRENT} concurrent /ask: wall ${Math.round(wall)} ms, deferred ${deferred}`)
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
