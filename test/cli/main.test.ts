// `npm start` (the REPL with piped input), `npm run index`, and the start-up errors, run as real child processes.
import { existsSync, readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasAnsi, finish, HAN_ZHENG_FILE, makeWorkspace, run, start } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace

beforeAll(() => {
  ws = makeWorkspace()
})
afterAll(() => ws.remove())

describe('npm run index', () => {
  it('rebuilds the index into the given folder and prints a one-line summary', async () => {
    const result = await run('buildIndex', ['--seeds', ws.seedsDir, '--index', ws.indexDir])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Indexed 3 articles, \d+ paragraphs from .+ in \d+ ms \(index \d+ ms\), saved to .+\.\n$/)
    expect(existsSync(ws.indexDir) && readdirSync(ws.indexDir).length).toBeGreaterThan(0)
  })
})

describe('npm start with piped input (the REPL, no Discord token)', () => {
  it('answers the done-criterion: echo "who did Xi send?" | npm start', async () => {
    const result = await run('main', [], { input: 'who did Xi send?\n', env: { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir } })
    expect(result.code).toBe(0)
    const [first, blank, passage, source] = result.stdout.split('\n')
    expect([first, blank]).toEqual(['Vice President Han Zheng', ''])
    expect(passage).toContain('he is sending Vice President Han Zheng as his special representative')
    expect(source).toMatch(new RegExp(`^  — .*2025-01-17 · \\S*${HAN_ZHENG_FILE} ¶ \\d+$`))
  })

  it('answers each line in plain text, runs the commands, and stops at :quit', async () => {
    const lines = [
      // Unusable lines first: after a question, the engine may read a short line as a follow-up to it.
      ':help',
      '',
      `what ${'very '.repeat(120)}long question is this?`,
      '🙂🙃🎉',
      'who did Xi send?',
      ':why',
      ':k 1',
      ':k zero',
      ':sources',
      'Who directed the movie Titanic?',
      'what did trump and xi discuss on the phone',
      ':bogus',
      ':quit',
      ':sources',
    ]
    // Flags here, the environment elsewhere: both select the folders.
    const result = await run('main', ['--seeds', ws.seedsDir, '--index', ws.indexDir], { input: lines.join('\n') })

    expect(result.code).toBe(0)
    const out = result.stdout
    expect(hasAnsi(out)).toBe(false)
    expect(out).not.toContain('"level"')
    expect(out).not.toContain('›')
    // The answer, with passages and their source lines (the exact answer is checked in the done-criterion test).
    expect(out.slice(0, out.indexOf('Question: '))).toContain('Han Zheng')
    expect(out).toMatch(new RegExp(`2025-01-17 · \\S*${HAN_ZHENG_FILE} ¶ \\d+`))
    // :why
    expect(out).toMatch(/Terms searched: .*xi/i)
    expect(out).toMatch(/confidence \d/)
    expect(out).toMatch(/1\. primary · score [\d.]+ · \S*001_ec95834cf9bd06a8\.txt ¶ \d+/)
    // :k
    expect(out).toContain('Citing up to 1 passage per answer from now on.')
    expect(out).toContain('k must be a whole number from 1 to 50, not "zero".')
    // :sources, once only: nothing after :quit runs.
    expect(out.match(/3 articles, \d+ paragraphs:/g)).toHaveLength(1)
    for (const file of ['000_5a00534109fa55da.txt', '001_ec95834cf9bd06a8.txt', '002_699b818289046363.txt']) {
      expect(out).toContain(file)
    }
    expect(out).toContain('CNN')
    // :help, and the help again for the empty line.
    expect(out.match(/:why +the score breakdown of the last answer/g)).toHaveLength(2)
    expect(out).toContain('That question is too long: please keep it to 500 characters or fewer.')
    expect(out).toContain('I need a few words to search for.')
    // The three outcomes: a short answer (above), nothing for what the articles are not about, and the closest
    // passages, said to be such, with their sources, for a question no short answer fits.
    expect(out).toContain("The articles don't cover that.\n")
    const passages = out.slice(out.indexOf('Not sure — these passages are closest:'))
    expect(passages).toMatch(/^Not sure — these passages are closest:\n {2}• "[^]*\n {4}— [^\n]*002_699b818289046363\.txt ¶ \d+/)
    expect(out).toContain('Unknown command :bogus. Type :help for the list.')
    // The note on how to connect Discord goes to stderr, with any logs; no stack traces.
    expect(result.stderr).toContain('Set DISCORD_TOKEN in .env to run the Discord bot — see README › Connect to Discord')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('passes the previous exchange along, so a follow-up leans on it, and keeps :k for the session', async () => {
    const input = ['and when was that?', ':k 1', 'who did Xi send?', 'and when was that?', ':why'].join('\n')
    const result = await run('main', [], { input, env: { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir } })
    expect(result.code).toBe(0)
    const replies = result.stdout.trim().split('\n\n')
    // Alone, the follow-up has nothing to search for; after "who did Xi send?" it searches for that question's terms.
    expect(replies[0]).toMatch(/^I need a few words to search for\./)
    const why = result.stdout.slice(result.stdout.indexOf('Question: and when was that?'))
    expect(why).toMatch(/Terms searched: .*\bxi\b/)
    expect(why).toMatch(/Terms searched: .*\bsend\b/)
    // With k = 1 the answer cites one passage: :why lists "1." and no "2.".
    expect(why).toMatch(/^1\. /m)
    expect(why).not.toMatch(/^2\. /m)
  })

  it('exits 0 without a stack trace on Ctrl-C (SIGINT)', async () => {
    const child = start('main', [], { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir })
    const done = finish(child, null)
    child.stdin!.write('who did Xi send?\n')
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: string) => d.includes('Han Zheng') && resolve()))
    child.kill('SIGINT')
    const result = await done
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('start-up errors', () => {
  it('an unknown flag prints the usage and exits 2', async () => {
    const result = await run('main', ['--bogus'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^npm start --: unknown option --bogus\n\nUsage: npm start -- \[options\]/)
  })

  it('an invalid DISCORD_TOKEN exits 1 with a message naming it', async () => {
    const result = await run('main', [], { env: { DISCORD_TOKEN: 'garbage' } })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('DISCORD_TOKEN')
    expect(result.stderr).not.toContain('garbage')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('--help prints the usage with every flag and exits 0', async () => {
    const result = await run('main', ['--help'])
    expect(result.code).toBe(0)
    for (const flag of ['--seeds DIR', '--index DIR', '--repl', '--help']) expect(result.stdout).toContain(flag)
  })
})
