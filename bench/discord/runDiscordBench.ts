// `npm run bench -- --discord`: 200 concurrent /ask on loopback, through the HTTP interactions endpoint and through
// the gateway (the real discord.js client against the Discord stand-in of test/support/), over the bundled seeds.
// Both in this one process with their Discord, so the load generator shares the CPU with the bot in both modes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../src/config.js'
import { startBot } from '../../src/discord/bot.js'
import { listenEndpoint } from '../../src/discord/http/endpoint.js'
import { Engine } from '../../src/engine.js'
import { createLogger } from '../../src/logger.js'
import { DiscordStandin, FAKE_TOKEN } from '../../test/support/discordStandin.js'
import { EndpointDiscord } from '../../test/support/discordEndpoint.js'
import { REPO_ROOT } from '../args.js'
import { machineInfo } from '../machine.js'
import { percentile } from '../metrics.js'
import { endpointBurst, gatewayBurst } from './burst.js'
import type { BurstResult } from './burst.js'

export const CONCURRENT = 200
const ROUNDS = 6

interface ModeResult {
  mode: string
  requests: number
  deferred: number
  first: { p50: number; p99: number; max: number }
  shown: { p50: number; p99: number; max: number }
  /** Median over the rounds, from the first send to the last answer shown. */
  wallMs: number
}

export async function runDiscordBench(options: { json: boolean; log: (line: string) => void }): Promise<number> {
  const { log } = options
  const questions = readFileSync(join(REPO_ROOT, 'test/fixtures/seed-questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { q: string }).q)
  const burst = Array.from({ length: CONCURRENT }, (_, i) => questions[i % questions.length]!)
  const engine = await Engine.open({ seedsDir: join(REPO_ROOT, 'seeds'), indexDir: null })
  const logger = createLogger({ level: 'silent' })
  const endpointRounds: BurstResult[] = []
  const gatewayRounds: BurstResult[] = []

  const endpointStandin = await DiscordStandin.start()
  const discord = new EndpointDiscord(endpointStandin)
  const endpoint = await listenEndpoint({ config: loadConfig(discord.env({ COOLDOWN_QUESTIONS: '1000' })), logger })
  endpoint.ready(engine)
  await discord.warm(`http://127.0.0.1:${endpoint.port}/interactions`, CONCURRENT)
  const gatewayStandin = await DiscordStandin.start()
  const config = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: gatewayStandin.apiUrl, COOLDOWN_QUESTIONS: '1000' })
  const bot = await startBot({ engine, config, logger })
  try {
    // One burst each unmeasured, to warm the JIT on the same work; then the rounds alternate, so that a busy moment
    // of the machine does not fall on one mode only.
    await endpointBurst(discord, endpoint, burst)
    await gatewayBurst(gatewayStandin, burst)
    for (let i = 0; i < ROUNDS; i++) {
      endpointRounds.push(await endpointBurst(discord, endpoint, burst))
      gatewayRounds.push(await gatewayBurst(gatewayStandin, burst))
      log(`[discord] round ${i + 1}: HTTP endpoint ${Math.round(endpointRounds.at(-1)!.wallMs)} ms, gateway ${Math.round(gatewayRounds.at(-1)!.wallMs)} ms`)
    }
  } finally {
    await endpoint.close(1000)
    discord.close()
    await endpointStandin.close()
    await bot.stop(1000)
    await gatewayStandin.close()
  }
  const results = [summarise('HTTP endpoint', endpointRounds), summarise('gateway (discord.js client)', gatewayRounds)]

  const machine = machineInfo()
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ machine, concurrent: CONCURRENT, rounds: ROUNDS, results })}\n`)
    return 0
  }
  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1))
  const lines = [
    `#### Discord: ${CONCURRENT} concurrent /ask on loopback (${ROUNDS} rounds, seeds)`,
    '',
    `${machine.date.slice(0, 10)} · node ${machine.node} · ${machine.cpu}, ${machine.cores} cores`,
    '',
    '| mode | requests | first response p50 / p99 / max ms | answer shown p50 / p99 / max ms | deferred | wall per burst ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.mode} | ${r.requests} | ${ms(r.first.p50)} / ${ms(r.first.p99)} / ${ms(r.first.max)} | ` +
        `${ms(r.shown.p50)} / ${ms(r.shown.p99)} / ${ms(r.shown.max)} | ${r.deferred} | ${ms(r.wallMs)} |`,
    ),
    '',
    'First response: what Discord times against its 3 seconds (the HTTP response; on the gateway, the callback ' +
      'reaching the API). Answer shown: that response, or the edit of @original after a deferral. Every interaction ' +
      'comes from its own user. The endpoint is sent to over open keep-alive connections, as Discord and load ' +
      'balancers do; each burst starts all at once, so later requests wait behind the answers computed before them. ' +
      'One unmeasured burst first in each mode, to warm the JIT; then the two modes take turns.',
    '',
  ]
  process.stdout.write(lines.join('\n'))
  return 0
}

function summarise(mode: string, rounds: readonly BurstResult[]): ModeResult {
  const samples = rounds.flatMap((r) => r.samples)
  const stats = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) })
  const walls = rounds.map((r) => r.wallMs)
  return {
    mode,
    requests: samples.length,
    deferred: samples.filter((s) => s.deferred).length,
    first: stats(samples.map((s) => s.firstMs)),
    shown: stats(samples.map((s) => s.shownMs)),
    wallMs: percentile(walls, 50),
  }
}
