// `npm run index` tells the truth about its save, and two of them at once on one folder leave a loadable index.
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/engine.js'
import { readSavedIndex } from '../../src/index/persist.js'
import { run } from './support.js'
import { makeWorkspace } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
beforeAll(() => {
  ws = makeWorkspace()
})
afterAll(() => ws.remove())

const index = (indexDir: string) => run('buildIndex', ['--seeds', ws.seedsDir, '--index', indexDir])

/** Whether this user is kept out of a read-only folder (root is not). */
function readOnlyHolds(dir: string): boolean {
  try {
    writeFileSync(join(dir, 'probe'), '')
    return false
  } catch {
    return true
  }
}

describe('npm run index when the index cannot be saved', () => {
  it('exits 1 with one line naming INDEX_DIR when INDEX_DIR is a file', async () => {
    const file = join(ws.dir, 'a-file')
    writeFileSync(file, 'not a folder')
    const result = await index(file)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).not.toMatch(/saved to/)
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`Could not save the index (INDEX_DIR=${file}): ${file} (or a folder above it) is a file, not a folder`)
  })

  it('exits 1 when INDEX_DIR is read-only', async (ctx) => {
    const dir = join(ws.dir, 'read-only')
    mkdirSync(dir)
    chmodSync(dir, 0o555)
    if (!readOnlyHolds(dir)) ctx.skip() // root writes anyway
    const result = await index(dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`Could not save the index (INDEX_DIR=${dir}): no permission to write in ${dir}`)
  })
})

describe('two `npm run index` at once on one folder', () => {
  it('leaves a loadable index, round after round (20 rounds)', { timeout: 300_000 }, async () => {
    const dir = join(ws.dir, 'shared-index')
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all([index(dir), index(dir)])
      for (const r of results) expect({ round, code: r.code, stderr: r.stderr.split('\n').filter((l) => !l.includes('"level":30')) }).toEqual({ round, code: 0, stderr: [''] })
      expect(await readSavedIndex(dir), `round ${round}`).not.toBeNull()
      expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['manifest.json']))
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([])
    }
    const engine = await Engine.open({ seedsDir: ws.seedsDir, indexDir: dir })
    expect(engine.origin).toBe('loaded')
    expect(engine.ask('who did Xi send?').answer).toMatch(/Han Zheng/)
  })
})
