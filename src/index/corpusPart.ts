// The corpus part of a saved generation: articles with their chunks, without repeating each article's metadata
// per chunk, and the files' stamps.
import type { FileStamp, LoadedCorpus } from '../corpus/loadCorpus.js'
import type { Article, Chunk } from '../types.js'
import type { Manifest } from './manifest.js'

type ChunkRow = [paragraph: number, line: number, start: number, end: number, text: string, heading: string | null]

export interface CorpusJSON {
  fingerprint: string
  sidecarSha: string | null
  skipped: { file: string; reason: string }[]
  articles: (Article & { stamp: FileStamp | null; chunks: ChunkRow[] })[]
}

export function corpusToJSON(corpus: LoadedCorpus): CorpusJSON {
  const stamps = new Map(corpus.stamps.map((s) => [s.file, s]))
  let c = 0
  return {
    fingerprint: corpus.fingerprint,
    sidecarSha: corpus.sidecarSha,
    skipped: corpus.skipped,
    articles: corpus.articles.map((a) => ({
      ...a,
      stamp: stamps.get(a.file) ?? null,
      chunks: corpus.chunks.slice(c, (c += a.paragraphs)).map((ch): ChunkRow => [ch.paragraph, ch.line, ch.start, ch.end, ch.text, ch.heading]),
    })),
  }
}

/** The saved corpus; throws when it is not one or does not match the manifest. */
export function corpusFromJSON(json: CorpusJSON, manifest: Manifest): LoadedCorpus {
  if (!json || typeof json !== 'object' || !Array.isArray(json.articles) || json.fingerprint !== manifest.fingerprint) {
    throw new Error('corpus part does not match the manifest')
  }
  const articles: Article[] = []
  const chunks: Chunk[] = []
  const stamps: FileStamp[] = []
  for (const { stamp, chunks: rows, ...article } of json.articles) {
    if (!Array.isArray(rows) || rows.length !== article.paragraphs || typeof article.file !== 'string') throw new Error('corpus part is corrupt')
    articles.push(article)
    if (stamp) stamps.push(stamp)
    const { file, title, source, date, url } = article
    for (const [paragraph, line, start, end, text, heading] of rows) {
      if (typeof text !== 'string') throw new Error('corpus part is corrupt')
      chunks.push({ id: chunks.length, file, title, source, date, url, paragraph, line, start, end, text, heading })
    }
  }
  if (chunks.length !== manifest.chunkCount) throw new Error('corpus part does not match the manifest')
  return { articles, chunks, fingerprint: json.fingerprint, skipped: json.skipped ?? [], stamps, sidecarSha: json.sidecarSha ?? null }
}
