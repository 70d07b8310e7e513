// Runs child.ts in a fresh Node process (through tsx, as every npm script here runs) and collects the JSON lines
// it prints, each stamped with the time since spawn as the parent saw it.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT } from '../args.js'
import type { ChildJob } from './types.js'

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url))
/** A child that takes longer than this is killed and its row reports it. */
const TIMEOUT_MS = 10 * 60 * 1000

export interface ChildLine {
  step: string
  /** Milliseconds from spawn to the line's arrival. */
  atMs: number
  [key: string]: unknown
}

export function runChild(job: ChildJob): Promise<ChildLine[]> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(job)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const lines: ChildLine[] = []
    let pending = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const atMs = performance.now() - started
      pending += chunk
      let newline
      while ((newline = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, newline)
        pending = pending.slice(newline + 1)
        if (line.trim() !== '') lines.push({ ...(JSON.parse(line) as { step: string }), atMs })
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(lines)
      else reject(new Error(`${job.subject} ${job.phase} exited ${code ?? signal}: ${lastLine(stderr)}`))
    })
  })
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n')
  const error = lines.find((l) => /Error/.test(l))
  return (error ?? lines.at(-1) ?? '').slice(0, 300)
}
