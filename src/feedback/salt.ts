// Users are stored as a keyed hash of their Discord id: the same user gets the same id within one install (so one
// person's repeated clicks can be told apart from many people's), and nobody can look the id up or join it with
// another install's data. The key (salt) is FEEDBACK_SALT, or one generated once beside the feedback file.
import { createHmac, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** File of the generated salt, beside the feedback file. */
export const SALT_FILE = 'feedback.salt'

/** 32 hex digits (128 bits) of HMAC-SHA256(salt, user id). */
export function hashUserId(salt: string, userId: string): string {
  return createHmac('sha256', salt).update(userId).digest('hex').slice(0, 32)
}

/**
 * The install's salt: read from `feedback.salt` beside `feedbackFile`, or made there (readable by the owner only).
 * Two processes starting at once agree: the file is linked into place exclusively, and the loser reads the winner's.
 */
export function installSalt(feedbackFile: string): string {
  const path = join(dirname(feedbackFile), SALT_FILE)
  mkdirSync(dirname(path), { recursive: true })
  // Written whole under a temporary name, then linked into place: the salt file never exists half-written.
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 })
  try {
    linkSync(tmp, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(tmp)
  }
  const salt = readFileSync(path, 'utf8').trim()
  if (salt.length < 16) throw new Error(`feedback: ${path} holds no usable salt; delete it to make a new one`)
  return salt
}
