// Property tests (fast-check) over what untrusted text goes through: the sinks' sanitisers, the question cleaner
// and the corpus reader. Arbitrary Unicode (lone surrogates included), escape-heavy strings and raw bytes in:
// no crash, no control character out, and cleaning what is clean changes nothing.
/* eslint-disable no-control-regex -- control characters are what these properties look for */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanQuestion } from '../src/answer/question/question.js'
import { blankControls } from '../src/controls.js'
import { decodeText } from '../src/corpus/decode.js'
import { corpusFromTexts } from '../src/corpus/loadCorpus.js'
import { escapeText } from '../src/format/discordText.js'
import { forTerminal, jsonLine, oneLine } from '../src/format/sanitize.js'

/** Control characters a terminal acts on, but for tab and line feed. */
const CONTROL = new RegExp('[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]')
/** The same with line feed and carriage return allowed (text that keeps its lines). */
const CONTROL_BUT_LINES = new RegExp('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]')

// Pieces that make up escape sequences, line breaks, invisible characters and ordinary text, so that generated
// strings hold whole and broken sequences far more often than uniform Unicode would.
const PIECES = ['\x1b', '[', ']', '\\', ';', '8', '31', 'm', '0', 'P', '_', '\x07', '\x9b', '\x9c', '\x9d', '\x00', '\x7f', '\r', '\n', '\t', '\u2028', '\u00ad', '\u200b', '\ufeff', 'a', 'Z', ' ', 'é', '😀', '\ud800']
const hostile = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''))
const anyText = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }))

describe('the terminal sanitiser', () => {
  it('leaves no control character but tab (and, for passages, \\n), and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = oneLine(text)
        expect(line).not.toMatch(CONTROL)
        expect(line).not.toMatch(/[\n\u2028\u2029]/)
        expect(oneLine(line)).toBe(line)
        const passage = forTerminal(text, { multiline: true })
        expect(passage).not.toMatch(CONTROL)
        expect(forTerminal(passage, { multiline: true })).toBe(passage)
      }),
      { numRuns: 500 },
    )
  })
})

describe('the JSON sanitiser', () => {
  it('writes one line with no raw control character that reads back as the same string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = jsonLine({ text })
        expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/)
        expect((JSON.parse(line) as { text: string }).text).toBe(text)
      }),
      { numRuns: 500 },
    )
  })
})

describe('the Discord sanitiser', () => {
  it('leaves no control character but tab and \\n, and never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(escapeText(text)).not.toMatch(CONTROL)
      }),
      { numRuns: 300 },
    )
  })
})

describe('the question cleaner', () => {
  it('leaves no control or format character and no outer whitespace, and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const clean = cleanQuestion(text)
        expect(clean).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u)
        expect(clean).toBe(clean.trim())
        expect(cleanQuestion(clean)).toBe(clean)
      }),
      { numRuns: 500 },
    )
  })
})

describe('the corpus reader', () => {
  it('blanks controls to the same length, idempotently', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const blank = blankControls(text)
        expect(blank).toHaveLength(text.length)
        expect(blank).not.toMatch(CONTROL_BUT_LINES)
        expect(blankControls(blank)).toBe(blank)
      }),
      { numRuns: 500 },
    )
  })

  it('turns any bytes into articles whose text and metadata hold no control character, the same each time', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      hostile.map((text) => new TextEncoder().encode(`Reuters\n\n${text} The harbour reopened on Monday after repairs.\n`)),
      anyText.map((text) => new TextEncoder().encode(text)),
    )
    fc.assert(
      fc.property(bytes, (data) => {
        const decoded = decodeText(data)
        if (!decoded.ok) return
        const read = () => corpusFromTexts([{ file: 'a.txt', text: decoded.text }])
        const corpus = read()
        for (const chunk of corpus.chunks) expect(chunk.text).not.toMatch(CONTROL_BUT_LINES)
        for (const article of corpus.articles) {
          for (const field of [article.title, article.source, article.date]) if (field) expect(field).not.toMatch(CONTROL)
        }
        const again = read()
        expect(again.fingerprint).toBe(corpus.fingerprint)
        expect(again.chunks.map((c) => c.text)).toEqual(corpus.chunks.map((c) => c.text))
      }),
      { numRuns: 300 },
    )
  })
})
