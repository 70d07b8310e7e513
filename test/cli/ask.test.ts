// `npm run ask`: one-shot answers, the --json contract, and piped batches, run as real child processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasAnsi, finish, HAN_ZHENG_FILE, makeWorkspace, run, SEED_QUESTIONS, start } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
let env: Record<string, string>

beforeAll(() => {
  ws = makeWorkspace()
  env = { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir }
})
afterAll(() => ws.remove())

const TOO_LONG = `what ${'very '.repeat(120)}long question is this?`
const ODD_LINES = ['', '   ', TOO_LONG, '🙂🙃🎉', '?!…', 'the of and is']
const ANSWER_KEYS = ['question', 'outcome', 'answered', 'answer', 'citations']
const CITATION_KEYS = ['file', 'title', 'source', 'date', 'paragraph', 'text', 'sentence', 'score']

function expectJsonShape(value: unknown): asserts value is Record<string, unknown> {
  const obj = value as Record<string, unknown>
  expect(Object.keys(obj)).toEqual(ANSWER_KEYS)
  expect(typeof obj.question).toBe('string')
  expect(['answer', 'passages', 'declined']).toContain(obj.outcome)
  expect(obj.answered).toBe(obj.outcome === 'answer')
  expect(obj.answer === null || typeof obj.answer === 'string').toBe(true)
  if (obj.outcome === 'answer') expect(typeof obj.answer).toBe('string')
  else expect(obj.answer).toBeNull()
  if (obj.outcome === 'passages') expect((obj.citations as unknown[]).length).toBeGreaterThan(0)
  if (obj.outcome === 'declined') expect(obj.citations).toEqual([])
  expect(Array.isArray(obj.citations)).toBe(true)
  for (const c of obj.citations as Record<string, unknown>[]) {
    expect(Object.keys(c)).toEqual(CITATION_KEYS)
    expect(c.file).toMatch(/seeds\/[^/]+\.(txt|md)$/)
    for (const key of ['title', 'source'] as const) expect(c[key] === null || typeof c[key] === 'string').toBe(true)
    expect(c.date === null || /^\d{4}-\d{2}-\d{2}$/.test(String(c.date))).toBe(true)
    expect(Number.isInteger(c.paragraph) && (c.paragraph as number) >= 1).toBe(true)
    expect(typeof c.text).toBe('string')
    expect(typeof c.sentence).toBe('string')
    expect(c.text as string).toContain((c.sentence as string).trim())
    expect(Number.isFinite(c.score)).toBe(true)
  }
}

describe('npm run ask -- --json with piped questions', () => {
  it('prints exactly one JSON object per input line, in order, with exactly the documented keys', async () => {
    // Many copies in one process: the order check catches any reordering or dropped line.
    const lines: string[] = []
    for (let i = 0; i < 20; i++) lines.push(...SEED_QUESTIONS, ...ODD_LINES)
    // Windows line endings and a missing final newline are still one question per line.
    const input = `${lines.slice(0, -1).join('\n')}\r\n${lines[lines.length - 1]}`

    const result = await run('ask', ['--json'], { input, env })

    expect(result.code).toBe(0)
    const out = result.stdout.split('\n')
    expect(out.pop()).toBe('')
    expect(out).toHaveLength(lines.length)
    const answers = out.map((line) => JSON.parse(line) as Record<string, unknown>)
    answers.forEach((answer, i) => {
      expectJsonShape(answer)
      const asked = lines[i]!.trim()
      if (asked.length <= 500) expect(answer.question).toBe(asked)
    })

    const first = answers[0]! as { outcome: string; answer: string; citations: Record<string, unknown>[] }
    expect(first.outcome).toBe('answer')
    expect(first.answer).toContain('Han Zheng')
    const hanZheng = first.citations.find((c) => String(c.text).includes('sending Vice President Han Zheng'))
    expect(hanZheng).toMatchObject({ date: '2025-01-17' })
    expect(hanZheng!.file).toContain(HAN_ZHENG_FILE)

    // Empty, too long, emoji-only, punctuation-only and stop-word-only lines are declined, each with its own object.
    for (const [i, answer] of answers.entries()) {
      if (ODD_LINES.includes(lines[i]!)) {
        expect(answer.outcome).toBe('declined')
        expect(answer.citations).toEqual([])
      }
    }
    const titanic = answers[SEED_QUESTIONS.indexOf('Who directed the movie Titanic?')]!
    // The articles are not about it: declined, no passages offered.
    expect(titanic.outcome).toBe('declined')
    expect(titanic.answer).toBeNull()
    expect(titanic.citations).toEqual([])
    // About the story, but no short answer it is sure of: the closest passages, no answer.
    const talk = answers[SEED_QUESTIONS.indexOf('what did xi and trump talk about')]!
    expect(talk.outcome).toBe('passages')
    expect(talk.answer).toBeNull()
    expect((talk.citations as unknown[]).length).toBeGreaterThan(0)
  })

  it('--k limits the citations of every answer', async () => {
    const result = await run('ask', ['--json', '--k', '1'], { input: SEED_QUESTIONS.join('\n'), env })
    expect(result.code).toBe(0)
    const answers = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { citations: unknown[] })
    expect(answers).toHaveLength(SEED_QUESTIONS.length)
    for (const answer of answers) expect(answer.citations.length).toBeLessThanOrEqual(1)
  })

  it('ends quietly with code 0 when the reader stops early (| head -1)', async () => {
    const child = start('ask', ['--json'], env)
    const done = finish(child, Array(3000).fill('who did Xi send?').join('\n'))
    // Close our end of the pipe after the first answer, as `head -1` does.
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (d: string) => {
        if (d.includes('\n')) {
          child.stdout!.destroy()
          resolve()
        }
      })
    })
    const result = await done
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /)
  })
})

describe('npm run ask -- "question"', () => {
  it('prints the short answer, the whole passage and its source in plain text, as --json has them', async () => {
    const result = await run('ask', ['who did Xi send?'], { env })
    expect(result.code).toBe(0)
    const json = await run('ask', ['--json', 'who did Xi send?'], { env })
    const answer = JSON.parse(json.stdout) as { answer: string; citations: { text: string }[] }
    // The same answer as --json gives: the short answer first, then the top passage, whole.
    expect(result.stdout.split('\n')[0]).toBe(answer.answer)
    expect(result.stdout).toContain(`\n  ${answer.citations[0]!.text}\n  — `)
    expect(result.stdout).toMatch(new RegExp(`2025-01-17 · \\S*${HAN_ZHENG_FILE} ¶ \\d+`))
    expect(hasAnsi(result.stdout)).toBe(false)
    // Logs, if any, are pino lines on stderr, never on stdout.
    expect(result.stdout).not.toContain('"level"')
  })

  it('answers piped lines in text mode, each under its question, with the right message for bad lines', async () => {
    const input = ['who did Xi send?', '', TOO_LONG, '🙂🙃🎉', 'Who directed the movie Titanic?'].join('\n')
    const result = await run('ask', [], { input, env })
    expect(result.code).toBe(0)
    const blocks = result.stdout.trim().split(/\n\n(?=› )/)
    expect(blocks).toHaveLength(5)
    expect(blocks[0]).toMatch(/^› who did Xi send\?\n[^]*Han Zheng/)
    expect(blocks[1]).toMatch(/^› \nAsk a question about the articles/)
    expect(blocks[2]).toContain('That question is too long: please keep it to 500 characters or fewer.')
    expect(blocks[3]).toContain('I need a few words to search for.')
    expect(blocks[4]).toContain("The articles don't cover that.")
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('rejects an unknown flag with the usage and exit code 2, before loading anything', async () => {
    const result = await run('ask', ['--bogus', 'who did Xi send?'], { env })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('unknown option --bogus')
    expect(result.stderr).toContain('Usage: npm run ask --')
  })

  it('rejects --k out of range with exit code 2', async () => {
    const result = await run('ask', ['--k', '0', 'who did Xi send?'], { env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('k must be a whole number from 1 to 50')
  })
})
