// What a question's wording says the answer looks like ("how much" → money, "what share" → a percentage, "how long"
// → a duration), and whether a passage shows such a thing: finer than the answer type, and tagger-free, so that
// dozens of candidate passages can be checked per question.

/** The kinds of value a question can ask for. */
export type Cue = 'money' | 'percent' | 'count' | 'duration' | 'measure' | 'date' | 'name' | 'place'

const ASKS: [RegExp, Cue][] = [
  [/\bhow much\b|\b(?:cost|price|fee|salary|fine|worth)\b/i, 'money'],
  [/\b(?:percent(?:age)?|per cent|share|proportion|stake|fraction|what part)\b/i, 'percent'],
  [/\bhow many\b|\b(?:number|total) of\b/i, 'count'],
  [/\bhow (?:long|old)\b|\bwhat age\b/i, 'duration'],
  [/\bhow (?:tall|high|far|big|heavy|fast|deep|wide|large)\b/i, 'measure'],
  [/\bwhen\b|\b(?:what|which) (?:year|date|day|month|time)\b|\bsince when\b|\bby when\b/i, 'date'],
  [/\bwho(?:m|se|'s)?\b|\b(?:what|which) (?:company|firm|team|band|group|club|artist|player|bookie|bookmaker|outfit|automaker|carmaker|airline|watchdog|body|agency)\b/i, 'name'],
  [/\bwhere\b|\b(?:what|which) (?:town|city|country|venue|stadium|ground|theatre|place|hospital|court)\b/i, 'place'],
]

/** The value kinds a question asks for, in ASKS' order ("how much of the vote" asks for money and a percentage: either shows). */
export function askedCues(question: string): Cue[] {
  const out: Cue[] = []
  for (const [re, cue] of ASKS) if (re.test(question) && !out.includes(cue)) out.push(cue)
  return out
}

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?'
const SHOWS: Record<Cue, RegExp> = {
  money: /[£$€¥]\s?\d|\d\s?(?:bn|m|p)\b|\b\d[\d,.]*\s?(?:euros?|dollars?|pounds?|pence|yen|million|billion)\b/i,
  percent: /\d\s?%|\bper ?cent\b|\b(?:half|a third|a quarter|two thirds|three quarters)\b/i,
  count: new RegExp(`\\b\\d[\\d,.]*\\b|\\b(?:${NUMBER_WORDS})\\b`, 'i'),
  duration: new RegExp(`\\b(?:\\d+|${NUMBER_WORDS}|several|a few)[- ](?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\\b|\\baged? \\d+|\\b\\d+-year-old\\b|\\bsince \\d{4}\\b`, 'i'),
  measure: /\b\d+(?:\.\d+)?\s?(?:m|km|cm|mm|ft|in|kg|g|mph|km\/h|metres?|meters?|feet|foot|inches|miles?|tonnes?|pixels?|mb|gb|tb|mp|megapixels?)\b/i,
  date: /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|tonight|next (?:week|month|year)|last (?:week|month|year)|(?:19|20)\d{2})\b/i,
  // A capitalised word after the sentence's first word: a candidate name (question words excluded by the caller).
  name: /(?<=[\p{Ll},;:'"’)] )\p{Lu}[\p{L}'’-]+/u,
  place: /\b(?:in|at|from|near) (?:the )?\p{Lu}[\p{L}'’-]+/u,
}

/** Whether a passage shows a value of one of the asked kinds; names and places must not be the question's own words. */
export function showsCue(cues: readonly Cue[], passage: string, questionWords: ReadonlySet<string>): boolean {
  for (const cue of cues) {
    if (cue === 'name' || cue === 'place') {
      const re = new RegExp(SHOWS[cue].source, 'gu')
      for (const m of passage.matchAll(re)) {
        const word = m[0].split(' ').pop()!.toLowerCase().replace(/['’]s$/, '')
        if (!questionWords.has(word)) return true
      }
    } else if (SHOWS[cue].test(passage)) {
      return true
    }
  }
  return false
}
