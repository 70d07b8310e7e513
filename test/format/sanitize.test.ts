// The sinks' sanitisers, and the invisible characters inside words, on the engine users talk to.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SEEDS } from '../cli/support.js'
import { blankControls } from '../../src/controls.js'
import { Engine } from '../../src/engine.js'
import { escapeText, sourceLine as discordSourceLine } from '../../src/format/discordText.js'
import { forTerminal, jsonLine, oneLine } from '../../src/format/sanitize.js'
import { cleanQuestion } from '../../src/answer/question/question.js'

const ESC = '\x1b'
const HOSTILE = `a${ESC}[1;31mred${ESC}[0m ${ESC}]0;title\x07b ${ESC}]8;;http://x.example/${ESC}\\link${ESC}]8;;${ESC}\\ c\x00d\x7fe\u009bf\rg\u2028h\ti`

describe('the terminal sink', () => {
  it('removes escape sequences whole and every control character, keeping tab and line breaks as \\n', () => {
    expect(forTerminal(HOSTILE, { multiline: true })).toBe('ared b link cdef\ng\nh\ti')
    expect(forTerminal('one\r\ntwo\rthree', { multiline: true })).toBe('one\ntwo\nthree')
  })
  it('keeps a one-line field on one line', () => {
    expect(oneLine(HOSTILE)).toBe('ared b link cdef g h\ti')
    expect(oneLine('seeds/odd\nname\u009b.txt')).toBe('seeds/odd name.txt')
  })
})

describe('the JSON sink', () => {
  it('escapes every control character as a code point, C1 and DEL included, and keeps the data', () => {
    const line = jsonLine({ file: `x\u009by\x7f${ESC}[0m\u2028` })
    expect(line).toBe('{"file":"x\\u009by\\u007f\\u001b[0m\\u2028"}')
    expect(JSON.parse(line)).toEqual({ file: `x\u009by\x7f${ESC}[0m\u2028` })
  })
})

describe('the Discord sink', () => {
  it('removes controls and escapes markdown', () => {
    expect(escapeText(`**${ESC}[31mbold${ESC}[0m** @everyone\x07`)).toBe('\\*\\*bold\\*\\* @\u200beveryone')
    const line = discordSourceLine({ file: 'seeds/a\nb`.txt', title: `T${ESC}]0;x\x07itle`, source: `S\x1b[5m`, date: null, url: null })
    expect(line).toBe("S · Title · `seeds/a b'.txt`")
  })
})

describe('the corpus', () => {
  it('blanks escape sequences to spaces of the same length, so offsets into the file hold', () => {
    const text = `x${ESC}[31my\x07z`
    expect(blankControls(text)).toBe('x     y z')
    expect(blankControls(text)).toHaveLength(text.length)
  })
})

describe('invisible characters inside words', () => {
  const seeds = readdirSync(SEEDS).map((name) => ({ file: `seeds/${name}`, text: readFileSync(join(SEEDS, name), 'utf8') }))
  const engine = Engine.fromTexts(seeds)
  it('are removed from questions, not turned into spaces', () => {
    expect(cleanQuestion('who did Xi se\u00adnd?')).toBe('who did Xi send?')
    expect(cleanQuestion('who\u200bm did Xi\u2060 send\ufeff?')).toBe('whom did Xi send?')
  })
  it('"se\u00adnd" in a question answers like "send"', () => {
    const plain = engine.ask('who did Xi send?')
    expect(plain.answer).toBe('Vice President Han Zheng')
    for (const soft of ['who did Xi se\u00adnd?', 'who did Xi se\u200bnd?', 'who did Xi sen\u200dd\u2060?']) {
      const answer = engine.ask(soft)
      expect(answer.answer).toBe(plain.answer)
      expect(answer.terms).toEqual(plain.terms)
    }
  })
  it('soft hyphens and zero-width spaces inside an article\'s words change none of its terms', () => {
    const softened = seeds.map(({ file, text }) => ({ file, text: text.replace(/sending/g, 'send\u00ading').replace(/inauguration/g, 'inau\u200bgura\u00adtion') }))
    const soft = Engine.fromTexts(softened)
    // The same passages match each word (ranks may move a little: the texts are longer by the invisible characters).
    for (const word of ['sending', 'inauguration']) {
      const ids = (e: Engine) => e.search(word, { limit: 50 }).hits.map((h) => h.chunk.id).sort((a, b) => a - b)
      expect(ids(soft)).toEqual(ids(engine))
      expect(ids(soft).length).toBeGreaterThan(0)
    }
    const [a, b] = [soft.ask('who did Xi send?'), engine.ask('who did Xi send?')]
    expect(a.citations[0]!.chunk.text).toMatch(/Vice President Han Zheng as his special representative/)
    // Claimed or not (the claim model reads text lengths, which the invisible characters change), the same answer.
    expect(a.outcome).not.toBe('declined')
    expect(b.answer).toBe('Vice President Han Zheng')
    if (a.outcome === 'answer') expect(a.answer).toBe(b.answer)
  })
})
