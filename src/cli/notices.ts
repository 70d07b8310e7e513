// One-line notices from work that runs beside the REPL (the folder watcher's reloads): in a terminal they are
// printed above the prompt, which is then drawn again, never in the middle of what the user is typing.
import { forTerminal } from '../format/sanitize.js'

export class Notices {
  private show: (line: string) => void = (line) => process.stderr.write(`${line}\n`)

  /** Shows one notice (sanitised: it may quote a file name). */
  post(line: string): void {
    this.show(forTerminal(line))
  }

  /** Where notices go from now on. */
  to(show: (line: string) => void): void {
    this.show = show
  }
}
