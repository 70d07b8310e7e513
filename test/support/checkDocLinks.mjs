// Checks that every relative link and #anchor in the README and docs/ resolves: the file exists, and an anchor
// names a heading of the target (GitHub's slugs). External links (http:, https:, mailto:) are not fetched.
//
//   node test/support/checkDocLinks.mjs [--allow-missing FILE]… [FILE.md…]
//
// Default files: README.md, index/README.md and every docs/*.md. --allow-missing names a file that another
// branch adds (links to it are reported as pending, not as errors). Exit code 1 when a link dangles.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function slug(heading, seen) {
  const text = heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
  const n = seen.get(text) ?? 0
  seen.set(text, n + 1)
  return n === 0 ? text : `${text}-${n}`
}

/** The text outside fenced code blocks, line by line (links and headings inside code are not links). */
function proseLines(markdown) {
  const out = []
  let fence = null
  markdown.split('\n').forEach((line, i) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line)
    if (m && (fence === null || m[1][0] === fence[0])) {
      fence = fence === null ? m[1] : null
      return
    }
    if (fence === null) out.push({ line, number: i + 1 })
  })
  return out
}

const anchorCache = new Map()
function anchorsOf(file) {
  if (!anchorCache.has(file)) {
    const seen = new Map()
    const anchors = new Set()
    for (const { line } of proseLines(readFileSync(file, 'utf8'))) {
      const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
      if (h) anchors.add(slug(h[1], seen))
    }
    anchorCache.set(file, anchors)
  }
  return anchorCache.get(file)
}

const args = process.argv.slice(2)
const allowMissing = new Set()
const files = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--allow-missing') allowMissing.add(resolve(root, args[++i] ?? ''))
  else files.push(resolve(args[i]))
}
if (files.length === 0) {
  files.push(join(root, 'README.md'), join(root, 'index', 'README.md'))
  const docs = join(root, 'docs')
  if (existsSync(docs)) for (const name of readdirSync(docs).sort()) if (name.endsWith('.md')) files.push(join(docs, name))
}

let broken = 0
let checked = 0
const pending = []
for (const file of files) {
  const where = relative(root, file)
  for (const { line, number } of proseLines(readFileSync(file, 'utf8'))) {
    const text = line.replace(/`[^`]*`/g, '')
    for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<a\s+href="([^"]+)"/g)) {
      const target = m[1] ?? m[2]
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue
      checked++
      const [path, anchor] = target.split('#', 2)
      const dest = path === '' ? file : resolve(dirname(file), decodeURIComponent(path))
      const problem = !existsSync(dest)
        ? allowMissing.has(dest) ? 'pending' : `no such file ${relative(root, dest)}`
        : anchor !== undefined && statSync(dest).isFile() && dest.endsWith('.md') && !anchorsOf(dest).has(anchor)
          ? `no heading #${anchor} in ${relative(root, dest)}`
          : null
      if (problem === 'pending') pending.push(`${where}:${number}: ${target}`)
      else if (problem !== null) {
        broken++
        process.stdout.write(`${where}:${number}: ${target}: ${problem}\n`)
      }
    }
  }
}
for (const p of pending) process.stdout.write(`${p}: pending (allowed missing)\n`)
process.stdout.write(`${files.length} files, ${checked} relative links, ${broken} broken\n`)
process.exit(broken > 0 ? 1 : 0)
