// Merging metadata: what the text says, then what a maintainer set (sidecar or in-memory `meta`).
// A string sets or corrects a field, null clears a detected value, an absent field keeps the detected one.

import type { ArticleMeta } from '../types.js'

const FIELDS = ['title', 'source', 'date', 'url'] as const

export function applyOverrides(detected: ArticleMeta, overrides?: Partial<ArticleMeta>): ArticleMeta {
  const meta: ArticleMeta = { ...detected }
  if (overrides === undefined) return meta
  for (const field of FIELDS) {
    const value = overrides[field]
    if (value !== undefined) meta[field] = value
  }
  return meta
}
