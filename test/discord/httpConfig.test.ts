// The endpoint's and the feedback's settings: validated at start, with messages that name the variable.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

const KEY = 'ab'.repeat(32)

describe('endpoint settings', () => {
  it('are off by default, with the documented defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      interactionsPort: null,
      interactionsHost: '127.0.0.1',
      interactionsPath: '/interactions',
      discordPublicKey: null,
      feedbackFile: 'index/feedback.jsonl',
      feedbackSalt: null,
    })
  })

  it('turn on with INTERACTIONS_PORT and DISCORD_PUBLIC_KEY', () => {
    const config = loadConfig({ INTERACTIONS_PORT: '8080', DISCORD_PUBLIC_KEY: KEY.toUpperCase(), INTERACTIONS_PATH: '/discord/interactions' })
    expect(config).toMatchObject({ interactionsPort: 8080, discordPublicKey: KEY, interactionsPath: '/discord/interactions' })
  })

  it('refuse INTERACTIONS_PORT without DISCORD_PUBLIC_KEY, naming the key and where to find it', () => {
    expect(() => loadConfig({ INTERACTIONS_PORT: '8080' })).toThrow(ConfigError)
    expect(() => loadConfig({ INTERACTIONS_PORT: '8080' })).toThrow(/DISCORD_PUBLIC_KEY: is needed when INTERACTIONS_PORT is set.*General Information/)
  })

  it.each([
    ['DISCORD_PUBLIC_KEY', 'not-hex'],
    ['INTERACTIONS_PORT', '70000'],
    ['INTERACTIONS_PATH', 'interactions'],
    ['FEEDBACK_SALT', 'short'],
  ])('refuse a bad %s', (name, value) => {
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: KEY, [name]: value })).toThrow(new RegExp(`${name}: `))
  })
})

describe('FEEDBACK_FILE', () => {
  it('defaults to feedback.jsonl in INDEX_DIR, or takes its own path', () => {
    expect(loadConfig({ INDEX_DIR: '/tmp/idx' }).feedbackFile).toBe('/tmp/idx/feedback.jsonl')
    expect(loadConfig({ FEEDBACK_FILE: '/var/lib/newsdesk/ratings.jsonl' }).feedbackFile).toBe('/var/lib/newsdesk/ratings.jsonl')
  })
})
