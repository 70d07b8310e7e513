// Decoded texts → one corpus: chunk every article, number the chunks densely, and fingerprint the result.
// Pure, shared by `loadCorpus` (files) and `corpusFromTexts` (memory).

import { createHash } from 'node:crypto'
import { blankControls } from '../controls.js'
import type { Article, ArticleMeta, Chunk } from '../types.js'
import { CHUNKER_VERSION, chunkArticle } from './chunk.js'
import type { ChunkedArticle } from './chunk.js'
import { compare } from './readFiles.js'
import type { Skip } from './readFiles.js'

export interface ArticleInput {
  /** Display path. */
  file: string
  /** Decoded text, BOM removed. */
  text: string
  /** SHA-256 (hex) of the source bytes. */
  sha256: string
  /** Maintainer-set metadata (sidecar or in-memory `meta`). */
  meta?: Partial<ArticleMeta>
}

/** An article chunked before (its file unchanged since): reused as it is, without its text. */
export interface ChunkedInput {
  file: string
  sha256: string
  meta?: Partial<ArticleMeta>
  chunked: ChunkedArticle
}

export interface AssembledCorpus {
  articles: Article[]
  chunks: Chunk[]
  fingerprint: string
  skipped: Skip[]
  /** Per-file notes for a warning (files that were loaded, but with something to fix). */
  problems: Skip[]
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Chunks each input (sorted by file) into one corpus. A file without any article text is skipped.
 * `fingerprintExtra` (the sidecar's bytes) is mixed into the fingerprint.
 */
export function assembleCorpus(inputs: readonly (ArticleInput | ChunkedInput)[], fingerprintExtra: Uint8Array | null): AssembledCorpus {
  const sorted = [...inputs].sort((a, b) => compare(a.file, b.file))
  const articles: Article[] = []
  const chunks: Chunk[] = []
  const skipped: Skip[] = []
  const problems: Skip[] = []
  const hash = createHash('sha256').update(`newsdesk-corpus v${CHUNKER_VERSION}\n`)
  for (const input of sorted) {
    // Escape sequences and control characters are blanked (same length, so offsets hold): an article must not
    // drive a terminal, nor have "\x1b[31mRED" read as the word "31mRED".
    const { meta, chunks: own, problems: notes } = 'chunked' in input ? input.chunked : chunkArticle(input.file, blankControls(input.text), input.meta)
    if (own.length === 0) {
      skipped.push({ file: input.file, reason: 'no article text (only a title, headings, metadata or page furniture)' })
      continue
    }
    for (const note of notes) problems.push({ file: input.file, reason: note })
    for (const chunk of own) chunks.push({ ...chunk, id: chunks.length })
    articles.push({ ...meta, paragraphs: own.length, sha256: input.sha256 })
    hash.update(`${input.file}\0${input.sha256}\0${input.meta === undefined ? '' : JSON.stringify(input.meta)}\n`)
  }
  if (fingerprintExtra !== null) hash.update('sidecar\0').update(fingerprintExtra)
  return { articles, chunks, fingerprint: hash.digest('hex'), skipped, problems }
}
