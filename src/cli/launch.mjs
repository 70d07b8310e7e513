// Runs a CLI entry point from its compiled JavaScript (dist/), compiling the TypeScript first when src/ is newer
// than the last build. Plain JavaScript, so that it runs before anything is compiled.
//
//   node src/cli/launch.mjs <main|ask|add|buildIndex|feedback|deployCommands> [args…]   run one command
//   node src/cli/launch.mjs --build                                          compile only (postinstall), and pack wink's model
//
// Why: starting through tsx compiles every module at every start (~0.4 s and ~40 MB more); compiled once, a
// start is plain Node. The check costs a few milliseconds: the newest modification time under src/.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const src = join(root, 'src')
const dist = join(root, 'dist')
const STAMP = '.build-stamp.json'
/** Files tsc does not emit but the compiled code reads next to itself. */
const ASSETS = ['index/wordVectors/glove100.bin']
const COMMANDS = new Set(['main', 'ask', 'add', 'buildIndex', 'feedback', 'deployCommands'])

/** Newest modification time and file count of what a build reads: the sources, the assets and the configs. */
function sourceStamp() {
  let newest = 0
  let files = 0
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(?:ts|bin|json)$/.test(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs)
        files++
      }
    }
  }
  walk(src)
  for (const config of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) {
    if (existsSync(join(root, config))) newest = Math.max(newest, statSync(join(root, config)).mtimeMs)
  }
  return { newest, files }
}

function isFresh(stamp) {
  try {
    const built = JSON.parse(readFileSync(join(dist, STAMP), 'utf8'))
    return built.newest === stamp.newest && built.files === stamp.files
  } catch {
    return false
  }
}

/** Compiles src/ into a temporary folder, then moves it into place, so a reader never sees half a build. */
function build(stamp) {
  let tsc
  try {
    tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc')
  } catch {
    throw new Error('dist/ is out of date and TypeScript is not installed: run `npm install` (with dev dependencies).')
  }
  const out = `${dist}.${process.pid}.tmp`
  rmSync(out, { recursive: true, force: true })
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: ['ignore', 'inherit', 'inherit'] })
  // 2: type errors, JavaScript written anyway (as tsx would run it; `npm run typecheck` reports them).
  if (result.status === 2 && existsSync(join(out, 'cli', 'main.js'))) {
    process.stderr.write('TypeScript reported type errors (above); running the compiled code anyway.\n')
  } else if (result.status !== 0) {
    rmSync(out, { recursive: true, force: true })
    throw new Error('TypeScript compilation failed (see above).')
  }
  for (const asset of ASSETS) {
    mkdirSync(dirname(join(out, asset)), { recursive: true })
    copyFileSync(join(src, asset), join(out, asset))
  }
  writeFileSync(join(out, STAMP), JSON.stringify(stamp))
  // Another process started at the same time may have put the same build in place already, and be running it:
  // then keep that one rather than pull it from under it.
  if (isFresh(stamp)) {
    rmSync(out, { recursive: true, force: true })
    return
  }
  rmSync(dist, { recursive: true, force: true })
  try {
    renameSync(out, dist)
  } catch {
    // Another process finished its build first: use that one.
    rmSync(out, { recursive: true, force: true })
  }
}

function ensureBuilt() {
  const stamp = sourceStamp()
  if (isFresh(stamp)) return
  process.stderr.write(`Compiling the TypeScript in ${relative(process.cwd(), src) || 'src'}/ (it changed since the last build)…\n`)
  build(stamp)
}

const [command, ...rest] = process.argv.slice(2)
try {
  ensureBuilt()
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
if (command === '--build') {
  // Also pack wink's model for fast starts (answer/analysis/winkModel.ts), so the first question after
  // `npm install` does not pay for it. Only a speed-up: a failure here is left to the first start to repeat.
  try {
    const { loadCore } = await import(pathToFileURL(join(dist, 'answer', 'analysis', 'winkModel.js')).href)
    loadCore()
  } catch {
    // The first question packs it, or reads the JSON.
  }
} else {
  if (!COMMANDS.has(command ?? '')) {
    process.stderr.write(`launch.mjs: unknown command ${JSON.stringify(command)}; one of ${[...COMMANDS].join(', ')}\n`)
    process.exit(2)
  }
  const dir = command === 'deployCommands' ? 'discord' : 'cli'
  const entry = join(dist, dir, `${command}.js`)
  // The entry sees itself as the script, as if started with `node dist/…`.
  process.argv = [process.argv[0], entry, ...rest]
  await import(pathToFileURL(entry).href)
}
