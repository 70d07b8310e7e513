// How an added article is stored: a text file in SEEDS_DIR like any other, its metadata in front matter
// (frontMatter.ts reads it back), named by a slug of its title and a short hash, and written atomically: the
// text goes to a hidden temporary file (ignored by the loader and the watcher), is flushed, then renamed into
// place, so no reader ever sees part of an article.
import { createHash } from 'node:crypto'
import { link, open, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { PageMeta } from './pageMeta.js'
import type { ArticleBlock } from './extractHtml.js'

/** Front matter, then a blank line and `body`. Values are one line each, quoted when YAML would misread them. */
export function withFrontMatter(meta: PageMeta, body: string): string {
  const fields = (['title', 'source', 'date', 'url'] as const)
    .filter((key) => meta[key] !== null)
    .map((key) => `${key}: ${yamlValue(meta[key]!)}`)
  if (fields.length === 0) return body
  return `---\n${fields.join('\n')}\n---\n\n${body}`
}

function yamlValue(value: string): string {
  const one = value.replace(/\s+/g, ' ').trim()
  return /^[\w(]/.test(one) && !/[:#]\s|\s#|:$/.test(one) && one !== '---' ? one : JSON.stringify(one)
}

/** Paragraphs separated by blank lines; section headings as Markdown `##` headings, which the chunker reads as such. */
export function articleBody(blocks: readonly ArticleBlock[]): string {
  const lines = blocks.map((b) => (b.kind === 'heading' ? `## ${b.text}` : b.text.replace(/^(#+|---)/, '\\$1')))
  return `${lines.join('\n\n')}\n`
}

/** `slug-of-the-title_1a2b3c4d.txt`: readable in a listing, unique by what was added (its URL, else its text). */
export function articleFileName(title: string | null, identity: string, extension: '.txt' | '.md'): string {
  const slug =
    (title ?? 'article')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'article'
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 8)
  return `${slug}_${hash}${extension}`
}

/**
 * Writes `text` to `dir/name` atomically and without replacing anything: false when a file of that name exists
 * already (the caller treats it as a duplicate).
 */
export async function writeArticleFile(dir: string, name: string, text: string): Promise<boolean> {
  const temp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`)
  const handle = await open(temp, 'wx')
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    // link() fails when the name is taken, where rename() would silently replace the file there.
    await link(temp, join(dir, name))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}
