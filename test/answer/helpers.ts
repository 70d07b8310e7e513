// Small real indexes for the answer tests: texts go through the corpus layer and the real index build.
import { ask } from '../../src/answer/ask.js'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import type { SearchIndex } from '../../src/index/searchIndex.js'
import type { Answer } from '../../src/types.js'

export function indexOf(texts: { file: string; text: string }[]): SearchIndex {
  return buildSearchIndex(corpusFromTexts(texts).chunks)
}

export function asker(index: SearchIndex): (question: string) => Answer {
  return (question) => ask(index, question)
}

/** A made-up local news article: a title line, then one paragraph per blank-line block. */
export const BRIDGE = `Harbor Bridge reopens after two years of repairs

The Harbor Bridge in Port Elland reopened on March 3, 2024, after two years of repairs.

The repairs cost $48 million and were paid for by the regional transport authority.

Engineer Maria Delgado led the project. She said 1,200 workers took part over the two years.

The bridge carries about 40,000 vehicles a day between Port Elland and the island of Vesta.

Delgado, a former navy officer, described the bridge as "the spine of the city" at the opening.

The Regional Transport Authority (RTA) will now repaint the old ferry terminal in Vesta.

The city council voted against a toll in 2023, so crossing the bridge remains free.
`

export const MARKETS = `Farmers market moves to the old rail yard

The weekly farmers market will move to the old rail yard on Dock Street in June, the organisers said.

About 60 stalls sell vegetables, cheese and bread every Saturday morning.

Organiser Tom Reyes said the rail yard offers more shade and room for parking.
`

export const OTHER = `School year starts early

Schools in the district will open on August 14 this year, a week earlier than usual.

The school board said the earlier start leaves more time for exams before the winter break.
`
