import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const SEEDS = resolve(import.meta.dirname, '../../seeds')

/** A temporary folder with a copy of the bundled seeds in `seeds/` and room for an index in `index/`. */
export async function tempSeeds(): Promise<{ root: string; seedsDir: string; indexDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'newsdesk-'))
  const seedsDir = join(root, 'seeds')
  await cp(SEEDS, seedsDir, { recursive: true })
  return { root, seedsDir, indexDir: join(root, 'index'), cleanup: () => rm(root, { recursive: true, force: true }) }
}
