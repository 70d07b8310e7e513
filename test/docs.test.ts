// The README and docs/ are the front door: every relative link and #anchor in them must resolve.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('README.md, index/README.md and docs/*.md', () => {
  it('link only to files and headings that exist', () => {
    const out = execFileSync(process.execPath, [join(import.meta.dirname, 'support/checkDocLinks.mjs')], { encoding: 'utf8' })
    // It exits 1 (and execFileSync throws) when a link dangles.
    expect(out).toMatch(/, 0 broken/)
  })
})
