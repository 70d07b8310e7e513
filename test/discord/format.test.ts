// Discord reply shaping (src/format/discord*.ts): whatever the articles hold, a reply fits Discord's limits,
// quotes whole sentences, and cannot break the layout or ping anyone.
import { describe, expect, it } from 'vitest'
import type { APIEmbed } from 'discord.js'
import { Engine } from '../../src/engine.js'
import { finish, NO_MENTIONS, renderAnswer } from '../../src/format/discord.js'
import { renderChoices, renderSearchPage, renderSources } from '../../src/format/discordLists.js'
import { embedLength, LIMITS } from '../../src/format/discordLimits.js'
import { escapeText, excerpt, renderMarked, sentenceSpans } from '../../src/format/discordText.js'

function expectWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage)
  let total = 0
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title)
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description)
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields)
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0)
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName)
      expect(field.value.length).toBeGreaterThan(0)
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue)
    }
    total += embedLength(embed)
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal)
}

const sentence = (i: number) => `Sentence number ${i} says that the minister visited the **harbour** _today_ with [aides](http://x.test).`
const huge = Array.from({ length: 400 }, (_, i) => sentence(i)).join(' ')

describe('an answer from oversized articles', () => {
  const engine = Engine.fromTexts([
    { file: 'seeds/huge.txt', text: `${'A very long headline '.repeat(30)}\n\n${huge}\n\n${huge}`, meta: { title: 'T'.repeat(600) } },
    { file: 'seeds/other.txt', text: `${huge}\n\nThe minister visited the harbour on Monday.` },
  ])

  it('fits every Discord limit, whatever the question', () => {
    for (const question of ['who visited the harbour?', 'when did the minister visit the harbour?', 'x'.repeat(499)]) {
      const reply = renderAnswer(engine.ask(question, { k: 11 }), { corpus: 'abcd1234' })
      expectWithinLimits(reply.embeds)
      expect(reply.allowedMentions).toEqual(NO_MENTIONS)
    }
  })

  it('pages search results within the limits too', () => {
    const { hits, total } = engine.search('minister harbour', { limit: 5 })
    const pageId = (page: number) => `search:${page}:123456789012345678`
    const reply = renderSearchPage({ heading: 'Search', query: 'minister harbour '.repeat(40), hits, page: 0, total, pageId })
    expectWithinLimits(reply.embeds)
    expect(reply.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : null))).toEqual([pageId(-1), pageId(1)])
  })
})

describe('an answer other articles agree or disagree with', () => {
  it('lists them as fields, "Also reported" and "Reported differently", each with its source', () => {
    const engine = Engine.fromTexts([
      { file: 'seeds/a.txt', text: 'Xi Jinping is sending Vice President Han Zheng to the inauguration.\n\nTrade news.' },
      { file: 'seeds/b.txt', text: 'Beijing said Xi Jinping is sending Vice President Han Zheng to the inauguration in Washington.' },
      { file: 'seeds/c.txt', text: 'Xi Jinping is sending Foreign Minister Wang Yi to the inauguration, a report said.' },
    ])
    const answer = engine.ask('who is Xi sending to the inauguration?', { k: 11 })
    const others = answer.citations.filter((c) => c.role === 'supports' || c.role === 'differs')
    expect(others.length).toBeGreaterThan(0)
    const fields = renderAnswer(answer).embeds[0]!.fields!
    expect(fields.map((f) => f.name)).toEqual(others.map((c) => (c.role === 'supports' ? 'Also reported' : 'Reported differently')))
    fields.forEach((f, i) => expect(f.value).toMatch(new RegExp(`^> .*\\n— \`${others[i]!.chunk.file}\` ¶ ${others[i]!.chunk.paragraph}$`, 's')))
  })
})

describe('finish()', () => {
  it('clamps ten full embeds and long content to what Discord accepts', () => {
    const embed: APIEmbed = {
      title: 't'.repeat(1000),
      description: 'd '.repeat(5000),
      fields: Array.from({ length: 40 }, () => ({ name: 'n'.repeat(300), value: 'v '.repeat(800) })),
      footer: { text: 'f'.repeat(3000) },
    }
    const reply = finish({ content: 'c '.repeat(3000), embeds: Array.from({ length: 12 }, () => embed), components: [] })
    expect(reply.content!.length).toBeLessThanOrEqual(LIMITS.content)
    expectWithinLimits(reply.embeds)
  })

  it('keeps an empty field name or value from reaching Discord', () => {
    const reply = finish({ embeds: [{ fields: [{ name: '', value: '  ' }] }], components: [] })
    expect(reply.embeds[0]!.fields![0]).toEqual({ name: '\u200b', value: '\u200b', inline: false })
  })
})

describe('passages', () => {
  const text = 'The U.S. delegation arrived on Friday. Mr. Lee met them at the airport. Talks began at noon. They ended late.'

  it('are split into sentences without breaking at abbreviations', () => {
    expect(sentenceSpans(text).map(([s, e]) => text.slice(s, e))).toEqual([
      'The U.S. delegation arrived on Friday.',
      'Mr. Lee met them at the airport.',
      'Talks began at noon.',
      'They ended late.',
    ])
  })

  it('are cut at sentence boundaries around the supporting sentence, marking what was left out', () => {
    const start = text.indexOf('Mr. Lee')
    const anchor = [start, text.indexOf('airport.') + 'airport.'.length] as const
    const cut = excerpt(text, anchor, { bold: [], underline: [] }, 60)
    expect(cut).toBe('…Mr. Lee met them at the airport. Talks began at noon.…')
    expect(excerpt(text, anchor, { bold: [], underline: [] }, 500)).toBe(text)
  })

  it('highlight matched words in bold and the short answer underlined, escaping the rest', () => {
    const raw = 'Xi is *sending* Vice President Han Zheng.'
    const answer = [raw.indexOf('Vice'), raw.indexOf('.', raw.indexOf('Zheng'))] as const
    const sending = [raw.indexOf('*sending*'), raw.indexOf('*sending*') + 9] as const
    expect(renderMarked(raw, 0, raw.length, { bold: [sending], underline: [answer] })).toBe(
      'Xi is **\\*sending\\*** __Vice President Han Zheng__.',
    )
  })

  it('join highlighted words that stand next to each other', () => {
    const raw = 'Danny Russel, vice president'
    expect(renderMarked(raw, 0, raw.length, { bold: [[0, 5], [6, 12]], underline: [] })).toBe('**Danny Russel**, vice president')
  })

  it('make markdown and mentions from articles or users inert', () => {
    const escaped = escapeText('# Head\n> quote `code` [link](http://x.test) @everyone @here <@123456789012345678> <@&123456789012345678>')
    expect(escaped).not.toMatch(/@everyone|@here|<@&?\d/)
    expect(escaped).toContain('\\# Head')
    expect(escaped).toContain('\\`code\\`')
    expect(escaped).toContain('\\[link](')
    expect(escaped).toContain('\n\\> quote')
  })
})

describe('the article list', () => {
  it('pages ten articles at a time, with known fields only', () => {
    const engine = Engine.fromTexts(
      Array.from({ length: 23 }, (_, i) => ({
        file: `seeds/${String(i).padStart(2, '0')}.txt`,
        text: `Paragraph one of article ${i} about the harbour.\n\nParagraph two.`,
        meta: i === 0 ? { title: 'A *starred* title', source: 'CNN', date: '2025-01-17' } : {},
      })),
    )
    const first = renderSources(engine.articles, 0)
    const description = first.embeds[0]!.description!
    expect(description.split('\n\n')).toHaveLength(10)
    expect(description).toMatch(/^1\. \*\*A \\\*starred\\\* title\*\*\nCNN · 2025-01-17 · \d+ paragraphs? · `seeds\/00\.txt`/)
    expect(description).toContain('2. *(title unknown)*')
    expect(first.components[0]!.components.map((b) => ('custom_id' in b ? [b.custom_id, b.disabled] : null))).toEqual([
      ['sources:-1', true],
      ['sources:1', false],
    ])
    const last = renderSources(engine.articles, 2)
    expect(last.embeds[0]!.description!.split('\n\n')).toHaveLength(3)
    expect(last.embeds[0]!.footer!.text).toMatch(/page 3 of 3$/)
  })
})

describe('autocomplete choices', () => {
  it('are at most 25, each 1–100 characters, without duplicates or blanks', () => {
    const suggestions = ['', '   ', 'who did Xi send?', 'who did Xi send?', ...Array.from({ length: 40 }, (_, i) => `${i} ${'long '.repeat(40)}`)]
    const choices = renderChoices(suggestions)
    expect(choices).toHaveLength(25)
    expect(choices[0]).toEqual({ name: 'who did Xi send?', value: 'who did Xi send?' })
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100)
    expect(new Set(choices.map((c) => c.value)).size).toBe(25)
  })
})
