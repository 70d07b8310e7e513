// Recognising a line that names the outlet, such as the leading "CNN" of a scraped article. A name counts only
// when the text itself gives it: a known outlet alone on a line, "Source: …", a byline ending in a known
// outlet, a wire dateline "WASHINGTON (Reuters) —", or a short all-caps acronym as the very first line.

const KNOWN_OUTLETS = new Set(
  [
    'ABC News', 'Agence France-Presse', 'AFP', 'Al Jazeera', 'AP', 'Associated Press', 'The Associated Press',
    'Axios', 'BBC', 'BBC News', 'Bloomberg', 'Caixin', 'CBS News', 'China Daily', 'CNBC', 'CNN',
    'Council on Foreign Relations', 'CFR', 'Deutsche Welle', 'DW', 'Financial Times', 'Fox News', 'France 24',
    'Global Times', 'The Guardian', 'The Hill', 'The Independent', 'Kyodo News', 'Los Angeles Times', 'MSNBC',
    'NBC News', 'New York Times', 'The New York Times', 'Newsweek', 'Nikkei Asia', 'NPR', 'PBS', 'Politico',
    'ProPublica', 'Reuters', 'SCMP', 'Sky News', 'South China Morning Post', 'The Atlantic', 'The Economist',
    'The Telegraph', 'The Wall Street Journal', 'Wall Street Journal', 'The Washington Post', 'Washington Post',
    'TIME', 'USA Today', 'Vox', 'Xinhua', 'Xinhua News Agency', 'Yonhap',
  ].map((name) => name.toLowerCase()),
)

// Short all-caps first lines that are labels, not outlets.
const NOT_OUTLETS = new Set(['LIVE', 'NEWS', 'VIDEO', 'WATCH', 'UPDATE', 'OPINION', 'AUDIO', 'PHOTOS', 'MAP', 'FAQ', 'NOTE', 'TEXT'])

/** Whether `name` is a well-known news outlet (case-insensitive). */
export function isKnownOutlet(name: string): boolean {
  return KNOWN_OUTLETS.has(name.trim().toLowerCase())
}

/**
 * The outlet a header line names, or null. `first` marks the article's first line, where a bare acronym
 * ("CNN", "NPR") is taken as the outlet even when it is not in the known list.
 */
export function outletFromLine(line: string, first: boolean): string | null {
  const t = line.trim()
  if (isKnownOutlet(t)) return t
  if (first && /^[A-Z]{2,6}$/.test(t) && !NOT_OUTLETS.has(t)) return t
  const labelled = /^(?:source|outlet|publisher|publication)\s*:\s*(\S.{0,58})$/i.exec(t)
  if (labelled !== null && !/[.!?]$/.test(labelled[1]!)) return labelled[1]!.trim()
  return null
}

/** A byline ("By Jane Doe, CNN"): header lines only, so that "By Monday, …" in a body is never touched. */
export function parseByline(line: string): { outlet: string | null } | null {
  const t = line.trim()
  if (t.length > 100 || !/^by\s+\p{Lu}/iu.test(t) || /[.!?:;]$/.test(t)) return null
  // A byline is a list of names: every word capitalised except joiners.
  const words = t.slice(2).split(/[\s,]+/).filter((w) => w !== '')
  const names = words.filter((w) => !/^(?:and|&|for|of|the|de|van|von|da|del|la|le|in|—|–|-|\|)$/i.test(w))
  if (names.length === 0 || names.some((w) => !/^[\p{Lu}\p{N}]/u.test(w))) return null
  const tail = /(?:,|\s[|—–-]\s|\sfor\s)\s*([^,|—–]+)$/.exec(t)
  const outlet = tail !== null && isKnownOutlet(tail[1]!) ? tail[1]!.trim() : null
  return { outlet }
}

/** The outlet of a wire dateline that opens a paragraph: "WASHINGTON (Reuters) — …". */
export function outletFromDateline(paragraphStart: string): string | null {
  const m = /^\p{Lu}[\p{Lu}\s.,'’-]{1,40}\(([^)]{2,40})\)\s*[-—–]/u.exec(paragraphStart)
  return m !== null && isKnownOutlet(m[1]!) ? m[1]!.trim() : null
}
