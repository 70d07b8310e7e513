// MiniSearch 7 with its default options (one field), persisted with toJSON and loaded with loadJSON.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import type { ScaleDoc } from '../types.js'
import type { ScaleSubject } from './types.js'

const OPTIONS = { fields: ['text'] }
const FILE = 'minisearch.json'

export const minisearchSubject: ScaleSubject = {
  name: 'MiniSearch 7 default',
  needsDocs: true,
  async build({ indexDir, docs }) {
    const index = new MiniSearch<ScaleDoc>(OPTIONS)
    index.addAll(docs)
    writeFileSync(join(indexDir, FILE), JSON.stringify(index))
    return { paragraphs: index.documentCount }
  },
  async open({ indexDir }) {
    const index = MiniSearch.loadJSON<ScaleDoc>(readFileSync(join(indexDir, FILE), 'utf8'), OPTIONS)
    return { answer: (question) => index.search(question).slice(0, 10) }
  },
}
