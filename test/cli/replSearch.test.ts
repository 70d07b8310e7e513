// The REPL's :search, in a session on the real engine: the passages that match the words, best first, with sources.
import { describe, expect, it } from 'vitest'
import { ReplSession } from '../../src/cli/session.js'
import { Engine } from '../../src/engine.js'
import { sourceLine } from '../../src/format/text.js'

const engine = Engine.fromTexts([
  { file: 'a.txt', text: 'Reuters\n\nMexico and Canada face tariffs of 25% from February, the president said on Monday.\n\nThe zeppelin festival drew crowds.\n' },
  { file: 'b.txt', text: 'AP\n\nThe harbour in Porto reopened on Wednesday after repairs to the pier.\n' },
  { file: 'c.txt', text: 'BBC News\n\nTariffs on Chinese goods could rise again, officials in Mexico City warned.\n' },
])

describe(':search', () => {
  it('lists the passages that hold the words, best first, each with its source, and how many match', async () => {
    const session = new ReplSession(engine, { k: 3 })
    const { output } = await session.handle(':search tariffs Mexico')
    const { hits, total } = engine.search('tariffs Mexico', { limit: 3 })
    expect(total).toBe(2)
    expect(output).toBe(
      [
        '2 passages match; the best 2:',
        `1. ${hits[0]!.chunk.text}`,
        `   — ${sourceLine(hits[0]!.chunk)}`,
        `2. ${hits[1]!.chunk.text}`,
        `   — ${sourceLine(hits[1]!.chunk)}`,
      ].join('\n'),
    )
    expect(output).toContain('Mexico and Canada face tariffs')
    expect(output).toContain('Tariffs on Chinese goods')
    expect(output).not.toContain('zeppelin')
    expect(output).not.toContain('Porto')
  })

  it('says so when nothing matches, and how to use it when given no words', async () => {
    const session = new ReplSession(engine)
    expect((await session.handle(':search zeppelinaire')).output).toBe('No passage matches those words.')
    expect((await session.handle(':search')).output).toBe('Usage: :search WORDS, e.g. :search tariffs Mexico')
  })

  it('lists no more passages than :k allows', async () => {
    const session = new ReplSession(engine)
    await session.handle(':k 1')
    const { output } = await session.handle(':search tariffs')
    expect(output.split('\n')[0]).toBe('2 passages match; the best 1:')
    expect(output.split('\n')).toHaveLength(3)
  })
})
