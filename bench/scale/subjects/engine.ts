// This engine through its public API, as `npm run index` and a start-up use it: Engine.open with `rebuild` into
// the index folder, then Engine.open on the persisted index.
import { Engine } from '../../../src/engine.js'
import type { ScaleSubject } from './types.js'

export const engineSubject: ScaleSubject = {
  name: 'this engine (ask)',
  needsDocs: false,
  async build({ seedsDir, indexDir }) {
    const engine = await Engine.open({ seedsDir, indexDir, rebuild: true })
    return {
      paragraphs: engine.chunks.length,
      articles: engine.articles.length,
      docs: () => engine.chunks.map((c) => ({ id: c.id, text: c.title ? `${c.title}\n${c.text}` : c.text })),
    }
  },
  async open({ seedsDir, indexDir }) {
    const engine = await Engine.open({ seedsDir, indexDir })
    return { answer: (question) => engine.ask(question), origin: engine.origin }
  },
}
