// What buttons carry and what a click reads back from the message: the state that lets any replica serve any click.
import { describe, expect, it } from 'vitest'
import { customIds, parseCustomId, renderAnswer } from '../../src/format/discord.js'
import { listQueryOf, listTitle, questionOf, shortAnswerOf, unescapeText } from '../../src/format/discordRead.js'
import { renderSearchPage } from '../../src/format/discordLists.js'
import { escapeText } from '../../src/format/discordText.js'
import { Engine } from '../../src/engine.js'

describe('custom ids', () => {
  it('round-trip every action', () => {
    const cases = [
      customIds.sourcesPage(3),
      customIds.searchPage(2, '123456789012345678'),
      customIds.moreSources('Ab_-9xYz', [15, 10, 0, 1234]),
      customIds.morePage(1, 'Ab_-9xYz', [15, 10]),
      customIds.feedback('bad', 'passages', 'Ab_-9xYz', []),
      customIds.feedback('good', 'answer', 'Ab_-9xYz', [7, 8]),
      customIds.feedback('bad', 'declined', 'Ab_-9xYz', [1]),
      // Made before the three outcomes: a rated decline showed passages.
      'fb:good:decline:Ab_-9xYz:3',
    ]
    expect(cases.map(parseCustomId)).toEqual([
      { kind: 'sources', page: 3 },
      { kind: 'search', page: 2, owner: '123456789012345678' },
      { kind: 'more', page: null, corpus: 'Ab_-9xYz', chunks: [15, 10, 0, 1234] },
      { kind: 'more', page: 1, corpus: 'Ab_-9xYz', chunks: [15, 10] },
      { kind: 'feedback', verdict: 'bad', outcome: 'passages', corpus: 'Ab_-9xYz', chunks: [] },
      { kind: 'feedback', verdict: 'good', outcome: 'answer', corpus: 'Ab_-9xYz', chunks: [7, 8] },
      { kind: 'feedback', verdict: 'bad', outcome: 'declined', corpus: 'Ab_-9xYz', chunks: [1] },
      { kind: 'feedback', verdict: 'good', outcome: 'passages', corpus: 'Ab_-9xYz', chunks: [3] },
    ])
  })

  it('stay within Discord’s 100 characters, keeping as many passages as fit, in order', () => {
    const many = Array.from({ length: 40 }, (_, i) => 2_000_000 + i)
    for (const id of [customIds.moreSources('Ab_-9xYz', many), customIds.morePage(999, 'Ab_-9xYz', many), customIds.feedback('good', 'answer', 'Ab_-9xYz', many)]) {
      expect(id.length).toBeLessThanOrEqual(100)
      const action = parseCustomId(id) as { chunks: number[] }
      expect(action.chunks.length).toBeGreaterThan(5)
      expect(action.chunks).toEqual(many.slice(0, action.chunks.length))
    }
  })

  it('from an older version of the bot, or made up, parse as nothing (the click then says it expired)', () => {
    for (const id of ['search:gone123:1', 'more:abc', 'search:1', 'fb:meh:answer:Ab_-9xYz:1', 'more:Ab_-9xYz:zz.!', 'sources:x', '', 'x:y:z']) {
      expect(parseCustomId(id)).toBeNull()
    }
  })
})

describe('reading a message back', () => {
  const tricky = [
    'who did **Xi** send?',
    'a\\*b and back\\slash and a\\.b',
    '__under__ ~~strike~~ ||spoiler|| `code` ```block```',
    '# heading\n- list\n1. item\n> quote\n-# small',
    '@everyone @here <@123456789012345678> <@&123> <#456> <@!789>',
    '[masked](https://example.com) and 25% — “quotes”',
  ]

  it('unescapeText undoes escapeText exactly', () => {
    for (const text of tricky) expect(unescapeText(escapeText(text))).toBe(text)
    // And for arbitrary text over the characters that matter.
    const alphabet = ['a', ' ', '*', '_', '\\', '`', '~', '|', '>', '#', '-', '1', '.', '@', '<', '&', '!', '[', ']', '(', ')', '\n', 'é']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
      expect(unescapeText(escapeText(text))).toBe(text)
    }
  })

  it('finds an answer’s question and short answer', () => {
    const engine = Engine.fromTexts([{ file: 'seeds/a.txt', text: 'Xi Jinping is sending Vice President Han_Zheng* to the inauguration.' }])
    const answer = engine.ask('who is Xi sending to the **inauguration**?', { k: 3 })
    expect(answer.answer).toContain('Han_Zheng')
    const embed = renderAnswer(answer, { corpus: 'abcd1234' }).embeds[0]
    expect(questionOf(embed)).toBe('who is Xi sending to the **inauguration**?')
    expect(shortAnswerOf(embed)).toBe(answer.answer)
    expect(shortAnswerOf({ description: 'I couldn’t find that in the articles.' })).toBeNull()
  })

  it('finds a list page’s query, also one too long for a title (then shown in full below it)', () => {
    for (const query of ['Trump Xi call', `${'very long query words '.repeat(20)}end`, tricky[4]!]) {
      const page = renderSearchPage({ heading: 'Search', query, hits: [], page: 0, total: 0, pageId: String })
      expect(page.embeds[0]!.title!.length).toBeLessThanOrEqual(256)
      const shown = listTitle('Search', escapeText(query))
      expect(listQueryOf(shown, 'Search')).toBe(query)
    }
    expect(listQueryOf({ title: 'More sources: x' }, 'Search')).toBeNull()
  })
})
