// Names editors and downloaders give their temporary files: never articles, never a change worth a reload.
// Shared by readFiles.ts (which passes them over silently) and watchFolder.ts (which ignores their events).

/**
 * Whether `name` (one path segment) is a temporary or hidden file: hidden names (vim's `.x.swp`, emacs's `.#x`
 * lock, gedit's `.goutputstream-*`, LibreOffice's `.~lock.*`, rsync's `.x.AbC123`), backups ending in `~`,
 * emacs's `#x#` auto-saves, `.swp` `.swo` `.swx` `.tmp` `.temp` `.part` `.crdownload` files, JetBrains' `___jb_`
 * safe-write files, and vim's write-permission probe `4913` (then 5036, 5159, … when taken).
 */
export function isTemporaryName(name: string): boolean {
  if (name.startsWith('.') || name.endsWith('~')) return true
  if (/^#.*#$/.test(name) || /___jb_\w+___$/.test(name)) return true
  if (/\.(?:sw[a-p]|swpx|swx|tmp|temp|part|crdownload)$/i.test(name)) return true
  return /^\d{4,5}$/.test(name) && Number(name) >= 4913 && (Number(name) - 4913) % 123 === 0
}
