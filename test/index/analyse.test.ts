import { describe, expect, it } from 'vitest'
import { analyse, analyseTerms, foldWord } from '../../src/index/analyse.js'

describe('foldWord', () => {
  it('removes diacritics, so "Peña" matches "Pena"', () => {
    expect(foldWord('Peña')).toBe(foldWord('Pena'))
    expect(foldWord('fêting')).toBe('feting')
  })
  it('drops the possessive, curly or straight', () => {
    expect(foldWord('Trump’s')).toBe('trump')
    expect(foldWord("Trump's")).toBe('trump')
    expect(foldWord('Trumpʼs')).toBe('trump')
  })
  it('applies NFKC (full-width letters, ligatures)', () => {
    expect(foldWord('Ｔｒｕｍｐ')).toBe('trump')
    expect(foldWord('ﬁnance')).toBe('finance')
  })
  it('joins acronym dots and digit groups', () => {
    expect(foldWord('U.S.A')).toBe('usa')
    expect(foldWord('1,000')).toBe('1000')
    expect(foldWord('3.5')).toBe('3.5')
  })
})

describe('analyse', () => {
  it('removes stop words and question words, and stems', () => {
    expect(analyseTerms('Who did Xi send?')).toEqual(['xi', 'send'])
    expect(analyseTerms('the invitations were sent')).toEqual(['invit', 'send'])
    expect(analyseTerms('inauguration')).toEqual(analyseTerms('inaugurations'))
  })
  it('drops chat fillers, which name nothing the articles could hold', () => {
    expect(analyseTerms('is china gonna send anyone at all or nah')).toEqual(analyseTerms('is china send anyone at all'))
    expect(analyseTerms('so did u2 actually win lol')).toEqual(['u2', 'win'])
  })
  it('gives the same terms for curly and straight quotes and apostrophes', () => {
    expect(analyseTerms('“Trump’s inauguration”')).toEqual(analyseTerms('"Trump\'s inauguration"'))
  })
  it('keeps "US" the country but drops "us" the pronoun', () => {
    expect(analyseTerms('US President')).toEqual(['us', 'presid'])
    expect(analyseTerms('U.S. President')).toEqual(['us', 'presid'])
    expect(analyseTerms('tell us more')).toEqual([])
  })
  it('joins irregular forms to their base, so "sent" finds "send" and "wrote" finds "written"', () => {
    expect(analyseTerms('sent')).toEqual(analyseTerms('send'))
    expect(analyseTerms('wrote')).toEqual(analyseTerms('written'))
    expect(analyseTerms('children')).toEqual(analyseTerms('child'))
    expect(analyseTerms('died')).toEqual(analyseTerms('dies'))
  })
  it('keeps words that carry meaning in a question ("before", "most") but not filler', () => {
    expect(analyseTerms('the most populous city before 1990')).toEqual(['most', 'popul', 'citi', 'befor', '1990'])
    expect(analyseTerms('tell us more')).toEqual([])
  })
  it('keeps numbers and percentages as numbers', () => {
    expect(analyseTerms('25% tariffs on 1,000 goods in 2025')).toEqual(['25', 'tariff', '1000', 'good', '2025'])
  })
  it('returns spans that point at the words as written', () => {
    const text = 'Chinese President Xi Jinping’s envoy, Han Zheng.'
    const { terms, spans } = analyse(text)
    expect(spans.map(([a, b]) => text.slice(a, b))).toEqual(['Chinese', 'President', 'Xi', 'Jinping’s', 'envoy', 'Han', 'Zheng'])
    expect(terms).toHaveLength(spans.length)
  })
  it('yields nothing for punctuation, emoji or stop words only', () => {
    expect(analyseTerms('?!… — ***')).toEqual([])
    expect(analyseTerms('🙂🎉👍')).toEqual([])
    expect(analyseTerms('what is it that they were')).toEqual([])
  })
  it('copes with odd Unicode without throwing', () => {
    const odd = 'e\u0301\u200b\u202e\ud800 Z̴̧͖a̷l̶g̵o\u0000'
    expect(() => analyse(odd)).not.toThrow()
    expect(analyseTerms('Zalgo Z̴̧͖a̷l̶g̵o')).toEqual(['zalgo', 'zalgo'])
  })
})
