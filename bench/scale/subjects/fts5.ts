// SQLite FTS5 (porter unicode61) through better-sqlite3, in an on-disk database: built once, then opened
// read-only. The query is the FTS5 peer's own OR-query of the question's terms.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ftsOrQuery } from '../../peers/fts5.js'
import type { ScaleSubject } from './types.js'

const FILE = 'fts5.db'

export const fts5Subject: ScaleSubject = {
  name: 'SQLite FTS5 (porter unicode61)',
  needsDocs: true,
  async build({ indexDir, docs }) {
    const db = new Database(join(indexDir, FILE))
    try {
      db.exec("CREATE VIRTUAL TABLE paragraphs USING fts5(text, tokenize='porter unicode61')")
      const insert = db.prepare('INSERT INTO paragraphs(rowid, text) VALUES (?, ?)')
      db.transaction(() => {
        for (const doc of docs) insert.run(doc.id, doc.text)
      })()
    } finally {
      db.close()
    }
    return { paragraphs: docs.length }
  },
  async open({ indexDir }) {
    const db = new Database(join(indexDir, FILE), { readonly: true })
    const query = db.prepare<[string, number], { id: number; score: number }>(
      'SELECT rowid AS id, bm25(paragraphs) AS score FROM paragraphs WHERE paragraphs MATCH ? ORDER BY score LIMIT ?',
    )
    return {
      answer: (question) => {
        const match = ftsOrQuery(question)
        return match === '' ? [] : query.all(match, 10)
      },
    }
  },
}
