import { beforeAll, describe, expect, it } from 'vitest'
import { correctSpelling } from '../../src/answer/question/spelling.js'
import { Engine } from '../../src/engine.js'
import { toJson } from '../../src/format/json.js'
import { formatWhy } from '../../src/format/text.js'
import { SEEDS } from '../support/tempSeeds.js'
import { indexOf } from './helpers.js'

const XI = `Xi will not attend Trump's inauguration

Chinese President Xi Jinping will send Vice President Han Zheng to the inauguration of Donald Trump on Monday, the foreign ministry said.

Analysts said the decision to send Han rather than Xi keeps Beijing's options open.
`

const CHARTS = `U2 knocked off the top of the British charts

Girls Aloud went to number one in Britain this week, ending the two-week run of U2's Vertigo.

Fans screamed outside the studio in London. The band wore a bandana each on stage.

Britain's biggest-selling single of the year is still to be decided, the chart company said.
`

const GAMES = `Nintendo handheld due in Europe in March

Nintendo's new handheld console will go on sale in Europe on 11 March, the company said.

Nintendo said the captain of its European arm would lead the launch. Nintenda, a small toy maker in Kyoto, said it had no plans for a handheld.

Nintendo expects to sell two million consoles in Europe by the end of the year.
`

const TEXTS = [
  { file: 'news/xi.txt', text: XI },
  { file: 'news/charts.txt', text: CHARTS },
  { file: 'news/games.txt', text: GAMES },
]

describe('correcting typos before searching', () => {
  const engine = Engine.fromTexts(TEXTS)

  it('answers a misspelt question as it answers the question spelt right, and says what it corrected', () => {
    const typo = engine.ask('who did xi sned to the inaugration')
    const right = engine.ask('who did xi send to the inauguration')
    // Claimed or shown as the closest passage (the claim model decides), the two get the same reply.
    expect(right.citations[0]!.sentence).toContain('Han Zheng')
    if (right.outcome === 'answer') expect(right.answer).toContain('Han Zheng')
    expect(typo.outcome).toBe(right.outcome)
    expect(typo.answer).toBe(right.answer)
    expect(typo.citations[0]?.chunk.text).toBe(right.citations[0]?.chunk.text)
    expect(typo.corrections).toEqual([
      { from: 'sned', to: 'send' },
      { from: 'inaugration', to: 'inauguration' },
    ])
    expect(right.corrections).toBeUndefined()
  })

  it('keeps the question as the user typed it', () => {
    expect(engine.ask('  who did xi sned to the inaugration ').question).toBe('who did xi sned to the inaugration')
  })

  it('keeps the case the user typed', () => {
    expect(engine.ask('Which artist did U2 bump from number one in Britian').corrections).toEqual([{ from: 'Britian', to: 'Britain' }])
    expect(engine.ask('when is the nintedno console out').corrections).toEqual([{ from: 'nintedno', to: 'nintendo' }])
  })

  it('leaves ordinary English words alone even when the articles lack them', () => {
    // "screamer" is one edit from "screamed", "banana" from "bandana", both in the articles.
    expect(engine.ask('who scored the screamer').corrections).toBeUndefined()
    expect(engine.ask('who wore a banana on stage').corrections).toBeUndefined()
  })

  it('leaves a word of the articles alone, even one edit from a more frequent one', () => {
    expect(engine.ask('what did Nintenda say').corrections).toBeUndefined()
  })

  it('leaves words in capitals and words with digits alone', () => {
    expect(engine.ask('who is the CAPTIAN of the arm').corrections).toBeUndefined()
    expect(engine.ask('is the Nintedno2 out').corrections).toBeUndefined()
    expect(engine.ask('who is the captian of the arm').corrections).toEqual([{ from: 'captian', to: 'captain' }])
  })

  it('shows the corrections in :why and in the JSON output, and only when there are some', () => {
    const typo = engine.ask('who did xi sned to the inaugration')
    expect(formatWhy(typo)).toContain('Spelling: sned → send, inaugration → inauguration')
    expect(toJson(typo).corrections).toEqual(typo.corrections)
    const right = engine.ask('who did xi send to the inauguration')
    expect(formatWhy(right)).not.toContain('Spelling:')
    expect(Object.keys(toJson(right))).not.toContain('corrections')
  })

  it('searches with the corrected words', () => {
    expect(engine.search('Nintedno Europe').hits[0]?.chunk.text).toContain('Nintendo')
  })
})

describe('correctSpelling', () => {
  const index = indexOf(TEXTS)

  it('replaces only the corrected words, keeping the rest of the text as it is', () => {
    expect(correctSpelling(index, 'Who did Xi sned,  Nintedno’s captian?')).toEqual({
      text: 'Who did Xi send,  Nintendo’s captain?',
      corrections: [
        { from: 'sned', to: 'send' },
        { from: 'Nintedno', to: 'Nintendo' },
        { from: 'captian', to: 'captain' },
      ],
    })
  })

  it('leaves contractions and short words alone', () => {
    expect(correctSpelling(index, "didn't Xi sed it").corrections).toEqual([])
  })

  it('corrects a capitalised word inside the question only into a name', () => {
    // "beer" is the only corpus word one edit from "Beeb", and the articles write it in lower case.
    const pubs = indexOf([{ file: 'news/pubs.txt', text: 'Pubs sell less beer\n\nPubs sold less beer this winter, the brewers said. Beer sales fell.\n' }])
    expect(correctSpelling(pubs, 'what did the Beeb say about pubs?').corrections).toEqual([])
    expect(correctSpelling(pubs, 'how much beeb did pubs sell?').corrections).toEqual([{ from: 'beeb', to: 'beer' }])
    expect(correctSpelling(index, 'Is the Nintedno console out?').corrections).toEqual([{ from: 'Nintedno', to: 'Nintendo' }])
  })

  it('corrects a misspelt question word, which decides what is asked, but not a name spelt the same way', () => {
    expect(correctSpelling(index, 'wich console is due in Europe?')).toEqual({ text: 'which console is due in Europe?', corrections: [{ from: 'wich', to: 'which' }] })
    expect(correctSpelling(index, 'Wat did Nintendo say').corrections).toEqual([{ from: 'Wat', to: 'What' }])
    expect(correctSpelling(index, 'whats due in March').text).toBe("what's due in March")
    expect(correctSpelling(index, 'is Wat Pho in Europe?').corrections).toEqual([])
    expect(correctSpelling(index, 'which console is due').corrections).toEqual([])
  })

  it('of equally near words, picks the one that belongs with the rest of the question, not the commoner one', () => {
    // "move" is in four articles and "movie" (twice) in one; "moive" is one edit from both.
    const films = indexOf([
      { file: 'film/bond.txt', text: 'Casino Royale director named\n\nMartin Campbell will direct the new Bond movie, Casino Royale. The movie starts filming in January.\n' },
      ...['a', 'b', 'c', 'd'].map((n) => ({ file: `politics/${n}.txt`, text: `Council plans\n\nThe council will move the market. The move was made on Monday by ${n}.\n` })),
    ])
    expect(correctSpelling(films, 'who will direct the new Bond moive?').corrections).toEqual([{ from: 'moive', to: 'movie' }])
    expect(correctSpelling(films, 'why did the council moive the market?').corrections).toEqual([{ from: 'moive', to: 'move' }])
  })
})

describe('correcting typos on the bundled seeds', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await Engine.open({ seedsDir: SEEDS, indexDir: null })
  })

  it('answers "who did xi sned to the inaugration" as it answers the question spelt right: Han Zheng', () => {
    const a = engine.ask('who did xi sned to the inaugration')
    const right = engine.ask('who did xi send to the inauguration')
    expect(a.outcome).toBe(right.outcome)
    expect(a.answer).toBe(right.answer)
    expect(a.citations[0]!.sentence).toContain('Vice President Han Zheng')
    if (a.outcome === 'answer') expect(a.answer).toContain('Han Zheng')
    expect(a.corrections).toEqual([
      { from: 'sned', to: 'send' },
      { from: 'inaugration', to: 'inauguration' },
    ])
  })
})
