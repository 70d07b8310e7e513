// `npm run bench`: makes sure the benchmark's own packages (bench/package.json) are installed, then runs main.ts
// with the same arguments. main.ts imports the peers statically, so it is imported only once they are there.
import { ensureBenchPackages } from './benchPackages.js'

try {
  ensureBenchPackages((line) => process.stderr.write(`${line}\n`))
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
await import('./main.js')
