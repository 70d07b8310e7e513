// Seeds sanity check for retrieval: for each question of ../shared/eval/seed-questions.jsonl, whether the top
// passage holds one of its `passage_any` strings. Prints the misses with what ranked first.
//   npx tsx bench/tune/retrievalSeeds.ts [seedsDir] [questions.jsonl]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Engine } from '../../src/engine.js'

interface SeedQuestion {
  q: string
  passage_any: string[]
}

async function main(): Promise<void> {
  const root = join(import.meta.dirname, '../..')
  const seedsDir = process.argv[2] ?? join(root, 'seeds')
  const file = process.argv[3] ?? join(root, '../shared/eval/seed-questions.jsonl')
  const questions = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SeedQuestion)
  const engine = await Engine.open({ seedsDir, indexDir: null })
  let hits = 0
  let answerable = 0
  for (const q of questions) {
    const top = engine.search(q.q, { limit: 5 }).hits
    if (!q.passage_any) continue
    answerable++
    const rank = top.findIndex((h) => q.passage_any.some((p) => h.chunk.text.includes(p))) + 1
    if (rank === 1) hits++
    else console.log(`miss (rank ${rank || '>5'}): ${q.q}\n  top: ${top[0]?.chunk.text.slice(0, 160) ?? '(none)'}`)
  }
  console.log(`top passage holds the expected text for ${hits}/${answerable} seed questions`)
}

await main()
