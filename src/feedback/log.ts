// The feedback file: append-only JSON lines. A process killed mid-write (or a full disk) can leave a partial last
// line; it never reads back as data. Appends check the file's last byte and start on a fresh line when it is not a
// newline, and the reader skips a trailing partial line and any line that is not a whole record.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { isFeedbackRecord } from './record.js'
import type { FeedbackRecord } from './record.js'
import { hashUserId, installSalt } from './salt.js'

export class FeedbackLog {
  private salt: string | null

  /**
   * @param path the JSONL file (FEEDBACK_FILE); created, with its folder, on the first rating
   * @param salt FEEDBACK_SALT; null: the install's own, generated beside the file on first use
   */
  constructor(
    readonly path: string,
    salt: string | null = null,
  ) {
    this.salt = salt
  }

  /** The id a rating stores for a Discord user: keyed by this install's salt, so it cannot be looked up or joined. */
  hashUser(userId: string): string {
    this.salt ??= installSalt(this.path)
    return hashUserId(this.salt, userId)
  }

  /**
   * Appends one record as one line, in one write. Synchronous on purpose: a line is a few kilobytes, ratings are
   * rare, and no two appends of this process can then interleave between the tail check and the write.
   */
  append(record: FeedbackRecord): void {
    mkdirSync(dirname(this.path), { recursive: true })
    const fd = openSync(this.path, 'a+')
    try {
      const { size } = fstatSync(fd)
      const last = Buffer.alloc(1)
      const fresh = size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a)
      writeSync(fd, `${fresh ? '' : '\n'}${JSON.stringify(record)}\n`)
    } finally {
      closeSync(fd)
    }
  }
}

/** What a feedback file holds: its whole records, and how many lines were not records. */
export interface FeedbackRead {
  records: FeedbackRecord[]
  /** Lines that are not a whole record (torn by a crash and completed by a later append, or edited by hand). */
  damaged: number
  /** True when the file ends in a partial line (a write cut short); it is skipped. */
  partialTail: boolean
}

/** Reads a feedback file; a missing file holds no records. */
export function readFeedback(path: string): FeedbackRead {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damaged: 0, partialTail: false }
    throw error
  }
  return parseFeedback(text)
}

export function parseFeedback(text: string): FeedbackRead {
  const lines = text.split('\n')
  // Whatever follows the last newline was never finished: not a line yet, whatever it looks like.
  const tail = lines.pop() ?? ''
  const records: FeedbackRecord[] = []
  let damaged = 0
  for (const line of lines) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      damaged++
      continue
    }
    if (isFeedbackRecord(value)) records.push(value)
    else damaged++
  }
  return { records, damaged, partialTail: tail !== '' }
}
