// Peer: SQLite FTS5 through better-sqlite3, `tokenize='porter unicode61'`, ranked by bm25(). The index is an
// on-disk database in a temp dir: `save` closes it, `load` reopens it read-only.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Peer, PeerHit, PeerRun } from './types.js'

/**
 * The question's terms as an FTS5 OR-query. Every term is a quoted string (inner quotes doubled), so FTS5 syntax
 * in a question (AND, NEAR, '*', ':', '^', parentheses) is searched as text, never parsed.
 */
export function ftsOrQuery(question: string): string {
  const terms = question.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')
}

export const fts5Peer: Peer = {
  name: 'SQLite FTS5 (porter unicode61)',
  create(): PeerRun {
    const dir = mkdtempSync(join(tmpdir(), 'bench-fts5-'))
    const file = join(dir, 'index.db')
    let db: Database.Database | null = null
    let query: Database.Statement<[string, number], { id: number; score: number }> | null = null
    return {
      build(docs) {
        db = new Database(file)
        db.exec("CREATE VIRTUAL TABLE paragraphs USING fts5(text, tokenize='porter unicode61')")
        const insert = db.prepare('INSERT INTO paragraphs(rowid, text) VALUES (?, ?)')
        db.transaction(() => {
          for (const doc of docs) insert.run(doc.id, doc.text)
        })()
      },
      save() {
        db?.close()
        db = null
        return statSync(file).size
      },
      load() {
        db = new Database(file, { readonly: true })
        query = db.prepare<[string, number], { id: number; score: number }>(
          'SELECT rowid AS id, bm25(paragraphs) AS score FROM paragraphs WHERE paragraphs MATCH ? ORDER BY score LIMIT ?',
        )
      },
      search(question, k): PeerHit {
        const match = ftsOrQuery(question)
        if (!query || match === '') return { ids: [], topScore: null }
        const rows = query.all(match, k)
        // bm25() is lower-is-better; negate so every peer's score is higher-is-better.
        return { ids: rows.map((r) => r.id), topScore: rows.length > 0 ? -rows[0].score : null }
      },
      close() {
        db?.close()
        db = null
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}
