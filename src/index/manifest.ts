// The manifest of the index folder: which generation is current, and what it was built from.
import { join } from 'node:path'
import type { LoadedCorpus } from '../corpus/loadCorpus.js'
import { CHUNKER_VERSION } from '../corpus/chunk.js'
import { ANALYSER_VERSION } from './analyse.js'
import { INDEX_OPTIONS } from './searchIndex.js'

/** Bumped when the layout of the files below changes. */
export const INDEX_FORMAT_VERSION = 5
export const MANIFEST_FILE = 'manifest.json'
export type Part = 'corpus' | 'index'

/** What an index was built from. A persisted index is used as it is only when all of it matches the current corpus and code. */
export interface Manifest {
  formatVersion: number
  analyserVersion: string
  chunkerVersion: number
  options: typeof INDEX_OPTIONS
  /** The corpus fingerprint: every file's path and SHA-256, and the sidecar. */
  fingerprint: string
  chunkCount: number
  files: { file: string; sha256: string }[]
  /** Names the parts of this generation. */
  generation: string
  builtAt: string
}

export type Versions = Pick<Manifest, 'formatVersion' | 'analyserVersion' | 'chunkerVersion' | 'options'>
export type Current = Omit<Manifest, 'builtAt' | 'generation'>


/** The file of one part of a generation. */
export function partFile(indexDir: string, part: Part, generation: string): string {
  return join(indexDir, partName(part, generation))
}

/** The name of one part of a generation in the index folder. */
export function partName(part: Part, generation: string): string {
  return `${part}.${generation}.${part === 'index' ? 'bin' : 'json'}`
}

/** The generation a part of ours belongs to (format 2's `search` parts too), or null for any other name. Pure. */
export function partGeneration(name: string): string | null {
  return /^(?:corpus|index|search)\.([0-9a-f]{16})\.(?:json|bin)$/.exec(name)?.[1] ?? null
}

export const VERSIONS: Versions = { formatVersion: INDEX_FORMAT_VERSION, analyserVersion: ANALYSER_VERSION, chunkerVersion: CHUNKER_VERSION, options: INDEX_OPTIONS }

/** Why a manifest's versions and options do not fit this code, or null. Pure. */
export function versionMismatch(m: Partial<Manifest>, current: Versions): string | null {
  if (m.formatVersion !== current.formatVersion) return `index format ${String(m.formatVersion)} → ${current.formatVersion}`
  if (m.analyserVersion !== current.analyserVersion) return `analyser ${String(m.analyserVersion)} → ${current.analyserVersion}`
  if (m.chunkerVersion !== current.chunkerVersion) return `chunker ${String(m.chunkerVersion)} → ${current.chunkerVersion}`
  if (JSON.stringify(m.options) !== JSON.stringify(current.options)) return 'index options changed'
  return null
}

/** Why a persisted index is not current for a corpus, or null when it is. Pure. */
export function staleness(manifest: unknown, current: Current): string | null {
  if (!manifest || typeof manifest !== 'object') return 'manifest is not an object'
  const m = manifest as Partial<Manifest>
  const versions = versionMismatch(m, current)
  if (versions) return versions
  if (m.fingerprint !== current.fingerprint) {
    const before = new Map((m.files ?? []).map((f) => [f.file, f.sha256]))
    const changed = current.files.filter((f) => before.get(f.file) !== f.sha256).map((f) => f.file)
    const removed = [...before.keys()].filter((f) => !current.files.some((c) => c.file === f))
    const parts = [
      changed.length ? `changed or added: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` (+${changed.length - 5})` : ''}` : '',
      removed.length ? `removed: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ` (+${removed.length - 5})` : ''}` : '',
    ].filter(Boolean)
    return parts.length ? `articles ${parts.join('; ')}` : 'article metadata changed'
  }
  if (m.chunkCount !== current.chunkCount) return 'chunk count changed'
  return null
}

export function currentFor(corpus: LoadedCorpus): Current {
  return {
    ...VERSIONS,
    fingerprint: corpus.fingerprint,
    chunkCount: corpus.chunks.length,
    files: corpus.articles.map((a) => ({ file: a.file, sha256: a.sha256 })),
  }
}

