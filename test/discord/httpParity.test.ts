// One reply shaper for both ways in: the same interaction, from the same user, answered over the gateway (the real
// discord.js client, replying through REST) and over the HTTP endpoint, gives byte-identical payloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { APIInteraction } from 'discord.js'
import type { StringOptions } from '../support/discordStandinPayloads.js'
import { callbackOf, newUser, startHarness } from './harness.js'
import type { Harness } from './harness.js'
import { startEndpointHarness } from './httpHarness.js'
import type { EndpointHarness } from './httpHarness.js'

let gateway: Harness
let endpoint: EndpointHarness
beforeAll(async () => {
  // The endpoint as it runs beside a gateway: then even the footer's invitation to reply is the same.
  ;[gateway, endpoint] = await Promise.all([startHarness(), startEndpointHarness({ gateway: true })])
})
afterAll(async () => {
  await Promise.all([gateway?.close(), endpoint?.close()])
})

async function both(make: (side: 'gateway' | 'endpoint') => APIInteraction): Promise<[unknown, unknown]> {
  const overGateway = make('gateway')
  const overHttp = make('endpoint')
  const [callback, response] = await Promise.all([callbackOf(gateway.standin, overGateway), endpoint.send(overHttp)])
  return [callback.body, response.json]
}

describe('the same interaction over the gateway and over HTTP', () => {
  it.each<[string, StringOptions]>([
    ['ask', { question: 'who did Xi send?' }],
    ['ask', { question: 'Which countries did Trump threaten with 25% tariffs?', private: true }],
    ['ask', { question: 'Who directed the movie Titanic?' }],
    ['search', { query: 'Trump Xi call' }],
    ['sources', {}],
  ])('/%s %j gets the same response', async (name, options) => {
    const user = newUser()
    const [overGateway, overHttp] = await both((side) =>
      side === 'gateway' ? gateway.standin.slashCommand(user, name, options) : endpoint.discord.slashCommand(user, name, options),
    )
    expect(overHttp).toEqual(overGateway)
    expect((overHttp as { type: number }).type).toBe(4)
  })

  it('autocomplete gets the same choices', async () => {
    const user = newUser()
    const [overGateway, overHttp] = await both((side) =>
      side === 'gateway'
        ? gateway.standin.autocomplete(user, 'ask', { question: 'xi' }, 'question')
        : endpoint.discord.autocomplete(user, 'ask', { question: 'xi' }, 'question'),
    )
    expect(overHttp).toEqual(overGateway)
  })
})
