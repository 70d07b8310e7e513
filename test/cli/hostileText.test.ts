// Article text is untrusted: escape sequences and control characters in an article, its front matter, the
// sidecar or a file name never reach the terminal raw, in the REPL, the plain CLI or --json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from './support.js'

const ESC = '\x1b'
const BEL = '\x07'
/** Any control character a terminal acts on (tab and the line feeds that end lines are the formatter's own). */
// eslint-disable-next-line no-control-regex -- the control bytes are what the test looks for
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/
const ODD_NAME = 'odd\nname\u009b.txt'

let dir: string
let env: Record<string, string>
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-hostile-'))
  const seeds = join(dir, 'seeds')
  mkdirSync(seeds)
  writeFileSync(
    join(seeds, 'hostile.md'),
    [
      '---',
      `title: ${ESC}[31mRed${ESC}[0m Alert over the harbour`,
      'source: Harbour Gazette',
      '---',
      `${ESC}]0;pwned window title${BEL}The harbour authority declared a ${ESC}[1;31mRED ALERT${ESC}[0m on Tuesday after the storm surge flooded the docks.`,
      '',
      `The evacuation of the docks was coordinated by ${ESC}]8;;http://evil.example/${ESC}\\harbourmaster Ilse Varga${ESC}]8;;${ESC}\\ from the old lighthouse.`,
      '',
    ].join('\n'),
  )
  writeFileSync(join(seeds, ODD_NAME), 'The zeppelin festival in Lakehurst drew forty thousand visitors on Saturday, the organisers said.\n')
  writeFileSync(join(seeds, 'metadata.json'), JSON.stringify({ [ODD_NAME]: { title: `Zeppelins ${ESC}[5mreturn${ESC}[0m${BEL}`, source: `Airship${ESC}]0;t${BEL} Weekly` } }))
  env = { SEEDS_DIR: seeds, INDEX_DIR: join(dir, 'index') }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const QUESTIONS = ['who coordinated the evacuation of the docks?', 'what did the harbour authority declare?', 'how many visitors did the zeppelin festival draw?']

function expectClean(output: string): void {
  expect(output).not.toContain(ESC)
  expect(output).not.toContain(BEL)
  expect(output).not.toMatch(RAW_CONTROL)
}

describe('escape codes in articles, front matter, the sidecar and file names', () => {
  it('reach the REPL as plain text: answers, citations, :sources and :search', async () => {
    const input = [...QUESTIONS, ':sources', ':search harbour evacuation', ':search zeppelin'].join('\n') + '\n'
    const result = await run('main', [], { input, env })
    expect(result.code).toBe(0)
    expectClean(result.stdout)
    expect(result.stdout).toContain('Ilse Varga')
    expect(result.stdout).toContain('Red Alert over the harbour')
    expect(result.stdout).toContain('Zeppelins return')
    expect(result.stdout).toContain('RED ALERT')
    expect(result.stdout).not.toContain('pwned window title')
    expect(result.stdout).not.toContain('evil.example')
    // The file name's newline does not split its citation line.
    expect(result.stdout).toMatch(/^ +— Airship Weekly · Zeppelins return · seeds\/odd name\.txt ¶ 1$/m)
  })

  it('reach the plain CLI as plain text', async () => {
    for (const question of QUESTIONS) {
      const result = await run('ask', [question], { env })
      expect(result.code).toBe(0)
      expectClean(result.stdout)
    }
  })

  it('reach --json escaped as code points, the data intact', async () => {
    const result = await run('ask', ['--json'], { input: QUESTIONS.join('\n') + '\n', env })
    expect(result.code).toBe(0)
    expectClean(result.stdout)
    const answers = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { citations: { file: string; title: string }[] })
    expect(answers).toHaveLength(3)
    const zeppelin = answers[2]!.citations[0]!
    expect(zeppelin.file).toBe(`seeds/${ODD_NAME}`)
    expect(zeppelin.title).toBe(`Zeppelins ${ESC}[5mreturn${ESC}[0m${BEL}`)
    expect(result.stdout).toContain('\\u009b')
  })
})
