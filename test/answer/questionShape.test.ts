import { describe, expect, it } from 'vitest'
import { annotate } from '../../src/answer/analysis/annotate.js'
import { candidateSpans, kindNames } from '../../src/answer/analysis/candidates.js'
import { questionShape } from '../../src/answer/question/questionShape.js'

describe('question shape', () => {
  it.each([
    ['Who founded the company?', 'who', 'person'],
    ['When did the war end?', 'when', 'date'],
    ['Where is the bridge?', 'where', 'place'],
    ['How many people live there?', 'howmany', 'number'],
    ['How much did it cost?', 'howmuch', 'number'],
    ['How long did the siege last?', 'howmeasure', 'number'],
    ['Why did they leave?', 'why', 'reason'],
    ['How were the invitations delivered?', 'how', 'manner'],
    ['What year did the war end?', 'what', 'date'],
    ['Which river flows through the city?', 'which', 'place'],
    ['What team won the cup?', 'what', 'person'],
    ['What did the council decide?', 'what', 'thing'],
    ['The Broncos beat which team?', 'which', 'person'],
  ])('%s → %s / %s', (q, qclass, coarse) => {
    const s = questionShape(q)
    expect(s.qclass).toBe(qclass)
    expect(s.coarse).toBe(coarse)
  })

  it('finds the noun the answer is a kind of', () => {
    expect(questionShape('What kind of engine powered the ship?').focus).toBe(questionShape('engine').tokens[0]!.term)
    expect(questionShape('Which river flows through Paris?').focus).toBe('river')
    expect(questionShape('What did the council decide?').focus).toBeNull()
  })

  it('tells subject questions from object questions', () => {
    expect(questionShape('Who founded the company?').subjectWh).toBe(true)
    expect(questionShape('Which team won the cup?').subjectWh).toBe(true)
    expect(questionShape('What did the company found?').subjectWh).toBe(false)
  })

  it('recognises yes/no questions and negations', () => {
    expect(questionShape('Has Trump spoken with Putin?').yesNo).toBe(true)
    expect(questionShape('Could China help?').yesNo).toBe(true)
    expect(questionShape('Who has spoken with Putin?').yesNo).toBe(false)
    expect(questionShape('Which company never expanded?').negated).toBe(true)
    expect(questionShape("Who didn't come?").negated).toBe(true)
    expect(questionShape('Who came?').negated).toBe(false)
  })
})

describe('candidate spans', () => {
  const text = 'The Denver Broncos defeated the Carolina Panthers on February 7, 2016, at Levi\'s Stadium in Santa Clara.'
  const ann = annotate(text)
  const spans = candidateSpans(ann).map((c) => ({ text: text.slice(ann.tokens[c.first]!.start, ann.tokens[c.last]!.end), kinds: kindNames(c.kinds) }))
  const find = (s: string) => spans.find((x) => x.text === s)

  it('offers names, dates and noun phrases, without leading articles', () => {
    expect(find('Denver Broncos')?.kinds).toContain('NAME')
    expect(find('Carolina Panthers')?.kinds).toContain('NAME')
    expect(find('February 7, 2016')?.kinds).toContain('DATE')
    expect(find("Levi's Stadium")).toBeDefined()
    expect(find('Santa Clara')?.kinds).toContain('NAME')
    expect(spans.some((x) => x.text.startsWith('The '))).toBe(false)
  })

  it('offers a noun phrase with its attachment and lists', () => {
    const t = 'Trump threatened Mexico and Canada with tariffs on imports from China.'
    const a = annotate(t)
    const texts = candidateSpans(a).map((c) => t.slice(a.tokens[c.first]!.start, a.tokens[c.last]!.end))
    expect(texts).toContain('Mexico and Canada')
    expect(texts).toContain('tariffs on imports')
  })
})
