// The feedback file is append-only JSON lines that survive a crash mid-write: a partial last line is never read back
// as a rating, and the next append starts on a fresh line. User ids are stored only as salted hashes.
import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FeedbackLog, parseFeedback, readFeedback } from '../../src/feedback/log.js'
import type { FeedbackRecord } from '../../src/feedback/record.js'
import { hashUserId, installSalt } from '../../src/feedback/salt.js'

const dir = mkdtempSync(join(tmpdir(), 'feedback-log-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const newFile = () => join(dir, `f${++files}`, 'feedback.jsonl')

const rating = (n: number, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  v: 1,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  verdict: n % 2 === 0 ? 'good' : 'bad',
  from: 'discord',
  question: `question ${n}?`,
  answer: `answer ${n}`,
  answered: true,
  citations: [{ file: 'seeds/a.txt', paragraph: n, text: `passage ${n} with "quotes", a\nnewline and ünïcödé` }],
  user: 'ab'.repeat(16),
  message: `${1000 + n}`,
  ...extra,
})

describe('FeedbackLog.append and readFeedback', () => {
  it('write one record per line, creating the folder, and read them back as written', () => {
    const file = newFile()
    const log = new FeedbackLog(file)
    for (let n = 0; n < 3; n++) log.append(rating(n))
    const text = readFileSync(file, 'utf8')
    expect(text.split('\n')).toHaveLength(4)
    expect(text.endsWith('\n')).toBe(true)
    expect(readFeedback(file)).toEqual({ records: [rating(0), rating(1), rating(2)], damaged: 0, partialTail: false })
  })

  it('a missing file holds no records', () => {
    expect(readFeedback(join(dir, 'none.jsonl'))).toEqual({ records: [], damaged: 0, partialTail: false })
  })

  it('after a write cut short: the partial line is skipped, and the next record starts on a fresh line', () => {
    const file = newFile()
    const log = new FeedbackLog(file)
    log.append(rating(0))
    log.append(rating(1))
    // A crash in the middle of writing the second record: the file ends inside it.
    const whole = statSync(file).size
    truncateSync(file, whole - 40)
    expect(readFeedback(file)).toEqual({ records: [rating(0)], damaged: 0, partialTail: true })

    log.append(rating(2))
    const read = readFeedback(file)
    expect(read.records).toEqual([rating(0), rating(2)])
    // The torn record is now a line of its own, finished by the append's newline: counted, never read as data.
    expect(read).toMatchObject({ damaged: 1, partialTail: false })
  })

  it('a torn line that happens to parse as JSON is still not a record unless it has a record’s fields', () => {
    expect(parseFeedback('{"v":1,"at":"x"}\n{"v":1\n').records).toEqual([])
    expect(parseFeedback(`${JSON.stringify(rating(1))}\n{"v":1,"verdict":"good"}\n`)).toMatchObject({ damaged: 1 })
  })

  // A kill seldom lands inside one write() of a local file (the test above makes the torn line certain); this one
  // checks the whole path with a real process killed at an arbitrary point.
  it('a process killed while appending leaves only whole records, and the next append is read back', async () => {
    const file = newFile()
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/feedback/fixtures/appendForever.ts', file, String(2 * 1024 * 1024)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 100))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.on('exit', resolve))

    const before = readFeedback(file)
    expect(before.records.length).toBeGreaterThanOrEqual(4)
    before.records.forEach((record, i) => {
      expect(record.question).toBe(`question ${i}`)
      expect(record.citations![0]!.text).toHaveLength(2 * 1024 * 1024)
    })
    expect(before.damaged).toBe(0)

    new FeedbackLog(file).append(rating(99))
    const after = readFeedback(file)
    expect(after.records).toEqual([...before.records, rating(99)])
    expect(after.partialTail).toBe(false)
    expect(after.damaged).toBe(before.partialTail ? 1 : 0)
  }, 30_000)

  it('appends from a second writer of the same file (another process) land on lines of their own', () => {
    const file = newFile()
    new FeedbackLog(file).append(rating(0))
    // Another writer left its last line unfinished.
    appendFileSync(file, '{"v":1,"at":"2026')
    new FeedbackLog(file).append(rating(1))
    expect(readFeedback(file)).toEqual({ records: [rating(0), rating(1)], damaged: 1, partialTail: false })
  })
})

describe('user ids', () => {
  it('are stored as a 128-bit HMAC with the salt, the same for the same user and salt only', () => {
    const hash = hashUserId('salt-one-0123456789', '123456789012345678')
    expect(hash).toMatch(/^[0-9a-f]{32}$/)
    expect(hash).not.toContain('123456789012345678')
    expect(hashUserId('salt-one-0123456789', '123456789012345678')).toBe(hash)
    expect(hashUserId('salt-two-0123456789', '123456789012345678')).not.toBe(hash)
    expect(hashUserId('salt-one-0123456789', '123456789012345679')).not.toBe(hash)
  })

  it('use FEEDBACK_SALT when set', () => {
    const log = new FeedbackLog(newFile(), 'configured-salt-0123')
    expect(log.hashUser('42')).toBe(hashUserId('configured-salt-0123', '42'))
  })

  it('otherwise use a salt made once beside the file, readable by its owner only, that every process then shares', () => {
    const file = newFile()
    const first = new FeedbackLog(file).hashUser('42')
    const salt = join(file, '..', 'feedback.salt')
    expect(statSync(salt).mode & 0o777).toBe(0o600)
    expect(new FeedbackLog(file).hashUser('42')).toBe(first)
    expect(installSalt(file)).toBe(readFileSync(salt, 'utf8').trim())
  })

  it('refuse an empty salt file rather than hash with it', () => {
    const file = newFile()
    new FeedbackLog(file).append(rating(0))
    writeFileSync(join(file, '..', 'feedback.salt'), '\n')
    expect(() => new FeedbackLog(file).hashUser('42')).toThrow(/no usable salt/)
  })
})
