import type { AnswerType } from '../../types.js'

// Cheap, tagger-free cues that a sentence holds an answer of the wanted type; used to rerank many passages.
const DATE_CUE = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|tonight|(?:1[0-9]|20)[0-9]{2}s?|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}(?:st|nd|rd|th)|centur(?:y|ies)|decades?)\b/i
const NUMBER_CUE = /[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|percent)\b/i

export const CUE_DATE = 1
export const CUE_NUMBER = 2

/** The cue flags of one sentence: CUE_DATE when it shows a date, CUE_NUMBER when it shows a number. */
export function cueFlags(sentence: string): number {
  return (DATE_CUE.test(sentence) ? CUE_DATE : 0) | (NUMBER_CUE.test(sentence) ? CUE_NUMBER : 0)
}

/**
 * 1 when a sentence shows a cue of the wanted answer type, else 0. `names` are the term ids of the sentence's
 * capitalised words (past its first): a person or place cue is one that is not among the question's own words.
 */
export function typeCue(type: AnswerType, flags: number, names: Int32Array, isQuestionTerm: (id: number) => boolean): number {
  switch (type) {
    case 'date':
      return flags & CUE_DATE ? 1 : 0
    case 'number':
      return flags & CUE_NUMBER ? 1 : 0
    case 'person':
    case 'place':
      for (const id of names) if (!isQuestionTerm(id)) return 1
      return 0
    default:
      return 0
  }
}
