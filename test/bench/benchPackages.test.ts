// The benchmark's own packages (bench/package.json): when `npm run bench` must install them, and how `--scale`
// runs the `ask` script's command without npm.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { benchPackagesProblem } from '../../bench/benchPackages.js'
import { askCommand } from '../../bench/scale/cliAnswer.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-packages-'))
  const lock = { packages: { '': { name: 'bench' }, 'node_modules/lunr': { version: '2.3.9' }, 'node_modules/fsevents': { version: '2.3.3', optional: true } } }
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function install(name: string, version: string): void {
  mkdirSync(join(dir, 'node_modules', name), { recursive: true })
  writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }))
}

describe('benchPackagesProblem', () => {
  it('says they are not installed when bench/node_modules is missing', () => {
    expect(benchPackagesProblem(dir)).toBe('they are not installed yet')
  })

  it('names a package missing or at another version than the lock (optional ones may be absent)', () => {
    mkdirSync(join(dir, 'node_modules'))
    expect(benchPackagesProblem(dir)).toBe('bench/node_modules/lunr is missing')
    install('lunr', '2.3.8')
    expect(benchPackagesProblem(dir)).toBe('bench/node_modules/lunr is 2.3.8, the lock says 2.3.9')
  })

  it('checks that better-sqlite3 loads once the versions match', () => {
    install('lunr', '2.3.9')
    expect(benchPackagesProblem(dir)).toMatch(/^better-sqlite3 does not load/)
  })
})

describe('askCommand', () => {
  it('turns the ask script into node arguments, or refuses what needs a shell', () => {
    expect(askCommand('tsx src/cli/ask.ts')).toEqual(['--import', 'tsx', 'src/cli/ask.ts'])
    expect(askCommand('node src/cli/launch.mjs ask')).toEqual(['src/cli/launch.mjs', 'ask'])
    expect(askCommand('node --max-semi-space-size=4 src/cli/launch.mjs ask')).toEqual(['--max-semi-space-size=4', 'src/cli/launch.mjs', 'ask'])
    expect(askCommand('npm run build && node dist/cli/ask.js')).toBeNull()
    expect(askCommand('bun src/cli/ask.ts')).toBeNull()
  })
})
