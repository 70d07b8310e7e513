// Preloaded (NODE_OPTIONS=--import) into the CLI that `--scale` times: at exit, appends this process's peak RSS
// in kilobytes to the file BENCH_SCALE_RSS_FILE names. Plain JavaScript: it loads before any TypeScript loader.
import { appendFileSync } from 'node:fs'
import process from 'node:process'

const out = process.env.BENCH_SCALE_RSS_FILE
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`))
