import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.js'

function sink(): { stream: Writable; text: () => string } {
  let text = ''
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8')
      done()
    },
  })
  return { stream, text: () => text }
}

const TOKEN = 'MTAxMDEwMTAxMDEwMTAxMDEw.GaBcDe.' + 'x'.repeat(27)
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA'

describe('createLogger', () => {
  it('never writes the bot token, wherever it sits', () => {
    const out = sink()
    const log = createLogger({ destination: out.stream })
    log.info({ config: { discordToken: TOKEN }, token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, 'starting')
    expect(out.text()).not.toContain(TOKEN)
    expect(out.text()).toContain('[redacted]')
  })

  it('masks interaction and webhook tokens in REST paths, in fields and in errors', () => {
    const out = sink()
    const log = createLogger({ destination: out.stream })
    const url = `https://discord.com/api/v10/interactions/1234567890123456789/${INTERACTION_TOKEN}/callback`
    const err = Object.assign(new Error(`Unknown interaction ${url}`), { url })
    log.warn({ err, path: `/webhooks/1234567890123456789/${INTERACTION_TOKEN}/messages/@original` }, 'reply failed')
    expect(out.text()).not.toContain(INTERACTION_TOKEN)
    expect(out.text()).toContain('/interactions/1234567890123456789/[redacted]/callback')
    expect(JSON.parse(out.text()).err.message).toContain('Unknown interaction')
  })
})
