import { describe, expect, it } from 'vitest'
import { deliberate } from '../../src/answer/ask.js'
import { questionShape } from '../../src/answer/question/questionShape.js'
import { indexOf } from './helpers.js'

// Question forms that once lost their short answer before the claim model saw it. What is claimed stays the claim
// model's call; these check the extractor's candidate, which the user sees when it is claimed.
const CALLS = `Trump's calls with Beijing and Taipei

In December 2016, Trump took a call from Taiwan President Tsai Ing-wen, breaking with decades of US policy.

Sun Yun, director of the China program at the Washington think tank Stimson Center, said the call angered Beijing.

Xi said the Taiwan question is tied up with China's sovereignty and territorial integrity.

Beijing will send Vice President Han Zheng (formerly a Politburo Standing Committee Member from 2017 to 2022) to the inauguration.

No Chinese leader has previously made an official visit for an inauguration.

Press secretary Karoline Leavitt said the invitation was an example of creating an open dialogue with rivals.
`
const index = indexOf([{ file: 'news/calls.txt', text: CALLS }])
const short = (question: string): string | null => {
  const d = deliberate(index, question)
  return d.kind === 'weighed' ? (d.short?.text ?? null) : null
}

describe('question forms', () => {
  it('keeps a hyphenated name whole', () => {
    expect(short('who did trump take a call from in december 2016?')).toBe('Taiwan President Tsai Ing-wen')
  })

  it('answers "what think tank" and "what issue did X say …" with a phrase: they ask for a thing, not for what was said', () => {
    // Which phrase is the span model's call; that there is one is the form's.
    expect(short('what think tank is Sun Yun with?')).not.toBeNull()
    expect(short("what issue did Xi say is tied up with China's sovereignty?")).not.toBeNull()
  })

  it('gives "what did X say about Y" the passage: a phrase of what was said would mislead', () => {
    const d = deliberate(index, 'what did Leavitt say about the invitation?')
    expect(d.kind).toBe('weighed')
    if (d.kind !== 'weighed') return
    expect(d.short).toBeNull()
    expect(index.chunks[d.ranked[0]!.id]!.text).toContain('open dialogue')
  })

  it('answers a previous role from what the person "formerly" was, not with the current title', () => {
    expect(short("what was Han Zheng's previous position?")).toBe('Politburo Standing Committee Member')
    expect(short('What was Han Zheng\'s job before he became vice president?')).toBe('Politburo Standing Committee Member')
    // "previously made an official visit" is something done before, not a role.
    expect(short("what was the Chinese leader's previous job?")).not.toMatch(/made an official visit/)
  })

  it('cuts a long description of a person before a preposition, to stay a short answer, and never mid-word', () => {
    const people = indexOf([{ file: 'news/people.txt', text: 'Analysts on the visit\n\nDanny Russel, vice president for international security and diplomacy at the Asia Society Policy Institute, said Beijing is hedging.\n\nSun Yun, director of the China program at the Washington-based think tank Stimson Center, said the move was rare.\n' }])
    const who = (q: string) => {
      const d = deliberate(people, q)
      return d.kind === 'weighed' ? (d.short?.text ?? null) : null
    }
    expect(who('Who is Danny Russel?')).toBe('vice president for international security and diplomacy')
    expect(who('Who is Sun Yun?')).toBe('director of the China program')
  })

  it('never claims a number that is not an age for "how old"', () => {
    const court = indexOf([{ file: 'news/court.txt', text: 'Man jailed for murder\n\nJohn Ford was jailed for at least 15 years for the murder of Amanda Hill in Leeds.\n' }])
    const d = deliberate(court, 'How old was Amanda Hill when John Ford killed her?')
    expect(d.kind === 'weighed' && d.short?.text).toBe('15 years')
    expect(d.kind === 'weighed' && d.claim).toBeLessThanOrEqual(0.2)
    const aged = indexOf([{ file: 'news/court.txt', text: 'Student wins award\n\nAmanda Hill, 19, won the national science prize in Leeds on Monday.\n' }])
    const e = deliberate(aged, 'how old is Amanda Hill?')
    expect(e.kind === 'weighed' && e.short?.text).toBe('19')
  })

  it('reads "what\'s the …" as "what is the …", and a misspelt wh-word as the word meant', () => {
    expect(questionShape("what's the biggest city in Taiwan?").focus).toBe(questionShape('what is the biggest city in Taiwan?').focus)
    expect(questionShape("what's the biggest city in Taiwan?").coarse).toBe('place')
    const d = deliberate(index, 'wich president called trump?')
    expect(d.kind === 'weighed' && d.examination.extraction.context.shape.qclass).toBe('which')
  })
})
