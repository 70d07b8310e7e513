// The data that flows through the engine. Every layer and front end uses these types; none redefines them.

/** What is known about one article. A field the text does not give (and no sidecar sets) is null: never guessed. */
export interface ArticleMeta {
  /** Path of the file as shown to users, relative to the working directory, e.g. `seeds/001_ec95834cf9bd06a8.txt`. */
  file: string
  /** The article's headline. */
  title: string | null
  /** The outlet that published it, e.g. `CNN`. */
  source: string | null
  /** Publication date as `YYYY-MM-DD`. */
  date: string | null
  /** Canonical URL, only when the sidecar or Markdown front matter gives one. */
  url: string | null
}

/** An article as loaded: its metadata and how many chunks it produced. */
export interface Article extends ArticleMeta {
  /** Number of article-text paragraphs (chunks) in the file. */
  paragraphs: number
  /** SHA-256 of the file's bytes, hex. */
  sha256: string
}

/** One paragraph of article text: the unit that is indexed, retrieved and cited. */
export interface Chunk extends ArticleMeta {
  /** Dense id, 0..n-1, unique within one corpus. */
  id: number
  /** 1-based number of this paragraph among the article's text paragraphs (headings and boilerplate lines are not counted). */
  paragraph: number
  /** 1-based line in the file where the paragraph starts. */
  line: number
  /**
   * Character offsets of the paragraph in the file's decoded text: `fileText.slice(start, end) === text`, except
   * that control characters and escape sequences are blanked to spaces of the same length.
   */
  start: number
  end: number
  /** The paragraph exactly as written. */
  text: string
  /** The nearest heading above the paragraph inside the article, if any. */
  heading: string | null
}

/**
 * What `ask()` may claim: a short answer it is probably right about (`answer`); no claim, but the passages closest
 * to the question (`passages`); or nothing, because the articles are not about the question (`declined`).
 */
export type Outcome = 'answer' | 'passages' | 'declined'

/** Why no short answer was claimed. */
export type DeclineReason =
  /** Empty after cleaning: the front end shows its help text. */
  | 'empty'
  /** Longer than the limit (500 characters). */
  | 'too_long'
  /** Only punctuation, emoji or stop words: nothing to search for. */
  | 'no_terms'
  /** No articles are loaded (the articles folder is empty): nothing to answer from (outcome `declined`). */
  | 'no_articles'
  /** The articles are not about the question (outcome `declined`). */
  | 'not_found'
  /** Passages are about the question, but no short answer in them is probably right (outcome `passages`). */
  | 'weak_evidence'

/** What the short answer is expected to be, from the question's wording. */
export type AnswerType = 'person' | 'date' | 'place' | 'number' | 'sentence'

/** How a citation relates to the answer. */
export type CitationRole =
  /** The passage the answer comes from. */
  | 'primary'
  /** Another article that says the same. */
  | 'supports'
  /** Another article that says something different about the same thing. */
  | 'differs'
  /** A further passage that matches the question, ranked lower. */
  | 'more'
  /** Offered without a short answer (outcome `passages`): among the closest to the question. */
  | 'related'

/** A half-open character range `[start, end)` inside a chunk's `text`. */
export type Span = readonly [start: number, end: number]

/** A passage cited in an answer. */
export interface Citation {
  chunk: Chunk
  role: CitationRole
  /** The supporting sentence, as written. */
  sentence: string
  /** Where that sentence sits in `chunk.text`. */
  sentenceSpan: Span
  /** Words of the chunk that match the question's terms, for highlighting; sorted, non-overlapping. */
  highlights: Span[]
  /** Final ranking score (higher is better); comparable within one answer only. */
  score: number
  /** The signals behind `score`, for `:why` and debugging. */
  features: Record<string, number>
}

/** The engine's one result type. Front ends only render it. */
export interface Answer {
  /** The question after cleaning (trimmed, whitespace folded, control characters removed). */
  question: string
  /** What is claimed: a short answer, the closest passages, or nothing. */
  outcome: Outcome
  /** True exactly when `outcome` is `answer`. */
  answered: boolean
  /** The short answer claimed (e.g. `Vice President Han Zheng`), set exactly when `outcome` is `answer`. */
  answer: string | null
  /** Where `answer` sits in the primary citation's `chunk.text`. */
  answerSpan: Span | null
  answerType: AnswerType
  /** Set exactly when `answered` is false. */
  declineReason: DeclineReason | null
  /** Best first. `answer`: the answer's passage first; `passages`: the closest passages (`related`), at least one; `declined`: none. */
  citations: Citation[]
  /** Estimated probability that the short answer is right (outcome `answer`), or that the best candidate would have been (0 without one). */
  confidence: number
  /** The question's content terms after analysis (what was searched for), for display and `:why`. */
  terms: string[]
  /** Milliseconds spent in `ask()`. */
  elapsedMs: number
  /** Question words the corpus lacks, corrected to a corpus word before searching, for `:why`. Present only when non-empty. */
  corrections?: { from: string; to: string }[]
}

/** Options for one `ask()` call. */
export interface AskOptions {
  /** How many citations to return at most. Default 3. */
  k?: number
  /**
   * The previous exchange with the same user, for follow-ups ("and when was that?").
   * Its terms are added to the question's when the question leans on it.
   */
  previous?: { question: string; answer: string | null } | null
}

/** One hit of a plain passage search (`/search`, REPL `:search`). */
export interface SearchHit {
  chunk: Chunk
  score: number
  highlights: Span[]
}
