// Recognising publication dates as the articles write them. Only unambiguous forms are read: "January 17,
// 2025", "17 Jan 2025", "2025-01-17", "2025/01/17". Numeric day/month orders ("1/2/2025") are ambiguous and
// never read: a wrong date is worse than none.

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7,
  august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?'
const ORD = '(?:st|nd|rd|th)?'

interface DateMatch { ymd: string; index: number; length: number }

/** `YYYY-MM-DD` when year, month and day make a real calendar date (years 1900–2100), else null. */
export function toYmd(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return null
  if (!Number.isInteger(month) || month < 1 || month > 12) return null
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!Number.isInteger(day) || day < 1 || day > days) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Whether `s` is exactly a real `YYYY-MM-DD` date. */
export function isYmd(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  return m !== null && toYmd(Number(m[1]), Number(m[2]), Number(m[3])) !== null
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?![\d])/g, read: (m) => toYmd(+m[1]!, +m[2]!, +m[3]!) },
  { re: /\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/g, read: (m) => toYmd(+m[1]!, +m[2]!, +m[3]!) },
  {
    re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => toYmd(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})${ORD}\\s+${MONTH},?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => toYmd(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!),
  },
]

function findDates(s: string): DateMatch[] {
  const found: DateMatch[] = []
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      const ymd = read(m)
      if (ymd !== null) found.push({ ymd, index: m.index, length: m[0].length })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

/** The first date written anywhere in `value` (front matter, sidecar-like values), or null. */
export function parseDateValue(value: string): string | null {
  return findDates(value)[0]?.ymd ?? null
}

// What may surround a date on a line of its own: "Updated", "Published on", weekdays, times, time zones.
const AROUND_DATE = [
  /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
  /\b(?:first\s+)?(?:published|updated|posted|modified|last|date[d]?|on|at|as of)\b/gi,
  /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?/gi,
  /\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m\.?)?/gi,
  /\b\d{1,2}\s*[ap]\.?\s?m\.?(?=\s|$|[),|])/gi,
  /\b(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?/g,
  /\b(?:EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|BST|CET|CEST|EET|EEST|IST|JST|KST|HKT|SGT|AEST|AEDT|Z)\b/g,
]

/**
 * The date when the whole line is a dateline such as "January 17, 2025 4:06 pm (EST)" or
 * "Updated 4:06 PM EST, Fri January 17, 2025"; null when the line says anything else (a sentence that
 * mentions a date is not a date line).
 */
export function parseDateLine(line: string): string | null {
  // Every readable form has a four-digit year: a cheap test that spares most lines the full patterns.
  if (line.length > 120 || !/\d{4}/.test(line)) return null
  const dates = findDates(line)
  if (dates.length === 0) return null
  let rest = ''
  let at = 0
  for (const d of dates) {
    if (d.index < at) continue
    rest += line.slice(at, d.index) + ' '
    at = d.index + d.length
  }
  rest += line.slice(at)
  for (const re of AROUND_DATE) rest = rest.replace(re, ' ')
  return /^[\s,.|·•—–\-/:()[\]]*$/.test(rest) ? dates[0]!.ymd : null
}

/** The " date 2025-01-17 " marker some scrapers put at the start of an article's first line. */
const DATE_MARKER = /^\s*date:?\s+(\d{4}-\d{2}-\d{2})(?=\s|$)\s*/i

/** The marker's date and length (to skip it) when `line` starts with one. */
export function parseDateMarker(line: string): { ymd: string; length: number } | null {
  const m = DATE_MARKER.exec(line)
  if (m === null || !isYmd(m[1]!)) return null
  return { ymd: m[1]!, length: m[0].length }
}
