// The environment as a user writes it in .env: blanks mean the default, every bad value stops the start with a
// message naming the variable, and several mistakes are reported together.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

const TOKEN = `${'A'.repeat(24)}.${'b'.repeat(6)}.${'c'.repeat(27)}`

describe('the configuration', () => {
  it('has the documented defaults, and a blank variable means its default', () => {
    for (const env of [{}, { COOLDOWN_QUESTIONS: '', COOLDOWN_SECONDS: ' ', WATCH_SEEDS: '', LOG_LEVEL: '', SEEDS_DIR: '', DISCORD_TOKEN: '  ' }]) {
      expect(loadConfig(env)).toMatchObject({
        discordToken: null,
        askChannels: [],
        cooldownQuestions: 5,
        cooldownSeconds: 30,
        shards: null,
        seedsDir: 'seeds',
        indexDir: 'index',
        watchSeeds: true,
        editorRoleId: null,
        allowPrivateUrls: false,
        logLevel: 'info',
      })
    }
  })

  it('reads the values as written', () => {
    const config = loadConfig({
      DISCORD_TOKEN: ` ${TOKEN} `,
      ASK_CHANNELS: '123456789012345678, 223456789012345678,',
      COOLDOWN_QUESTIONS: '3',
      SHARDS: 'auto',
      WATCH_SEEDS: ' FALSE ',
      LOG_LEVEL: 'warn',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
    })
    expect(config).toMatchObject({
      discordToken: TOKEN,
      askChannels: ['123456789012345678', '223456789012345678'],
      cooldownQuestions: 3,
      shards: 'auto',
      watchSeeds: false,
      logLevel: 'warn',
      discordApiUrl: 'http://127.0.0.1:9999/api',
    })
    expect(loadConfig({ SHARDS: '4' }).shards).toBe(4)
    expect(loadConfig({ EDITOR_ROLE_ID: ' 323456789012345678 ', ALLOW_PRIVATE_URLS: 'True' })).toMatchObject({
      editorRoleId: '323456789012345678',
      allowPrivateUrls: true,
    })
  })

  it.each([
    ['COOLDOWN_QUESTIONS', '0', /COOLDOWN_QUESTIONS: must be a whole number of at least 1/],
    ['COOLDOWN_SECONDS', 'ten', /COOLDOWN_SECONDS: must be a whole number/],
    ['SHARDS', 'many', /SHARDS: must be auto or a whole number/],
    ['WATCH_SEEDS', 'yes', /WATCH_SEEDS: must be true or false/],
    ['EDITOR_ROLE_ID', 'editors', /EDITOR_ROLE_ID: must be a Discord ID/],
    ['ALLOW_PRIVATE_URLS', '1', /ALLOW_PRIVATE_URLS: must be true or false/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/],
    ['ASK_CHANNELS', '123,general', /ASK_CHANNELS: must be a Discord ID/],
    ['DISCORD_GUILD_ID', '42', /DISCORD_GUILD_ID: must be a Discord ID/],
    ['DISCORD_API_URL', 'not a url', /DISCORD_API_URL: must be a URL/],
    ['DISCORD_TOKEN', 'my-password', /DISCORD_TOKEN: does not look like a Discord bot token\. Create a bot at https:\/\/discord\.com/],
  ])('refuses a bad %s, naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ [name]: value })).toThrow(message)
  })

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ COOLDOWN_QUESTIONS: '-1', LOG_LEVEL: 'loud' })).toThrow(/COOLDOWN_QUESTIONS: [^\n]+\n\s+LOG_LEVEL: /)
  })
})
