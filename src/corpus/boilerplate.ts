// Lines that are not article text: page furniture a scraper carried along ("Advertisement", "Share",
// "- Post", "More on:"), rules ("—", "---"), copyright and disclaimer lines. The rules look at the form of a
// whole line, so a real sentence that merely contains one of these words is kept.

// Whole lines (compared in lower case, without list markers, link syntax and a trailing colon).
const EXACT = new Set([
  'ad', 'ads', 'advertisement', 'advertising', 'sponsored', 'sponsored content', 'paid content', 'promoted',
  'share', 'shares', 'share this', 'share this article', 'share this story', 'share article', 'share story',
  'tweet', 'email', 'e-mail', 'print', 'post', 'comment', 'comments', 'save', 'save article', 'copy link',
  'link copied', 'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'reddit', 'flipboard', 'pinterest',
  'read more', 'read next', 'read full article', 'read the full article', 'continue reading', 'keep reading',
  'more on', 'more', 'related', 'related articles', 'related stories', 'related content', 'related coverage',
  'see also', 'also read', 'read also', 'recommended', 'recommended stories', 'most read', 'most popular',
  'trending', 'trending now', 'top stories', 'more stories', 'more from', 'subscribe', 'subscribe now',
  'sign up', 'sign in', 'log in', 'login', 'register', 'skip to content', 'skip to main content', 'menu', 'home',
  'close', 'search', 'back to top', 'top of page', 'listen', 'listen to this article', 'listen to this story',
  'watch', 'watch now', 'video', 'play video', 'photos', 'gallery', 'view gallery', 'enlarge this image',
  'toggle caption', 'hide caption', 'expand', 'collapse', 'story continues below', 'article continues below',
  'story continues below advertisement', 'article continues after advertisement', 'scroll to continue',
  'download the app', 'open in app', 'accept cookies', 'cookie settings', 'we use cookies', 'loading',
  'loading…', 'loading...', 'next', 'previous', 'tags', 'topics', 'filed under',
])

const PATTERNS: { re: RegExp; maxLength: number }[] = [
  // "5 min read", "Reading time: 4 minutes"
  { re: /^(?:reading time:?\s*)?\d+\s*-?\s*min(?:ute)?s?(?:\s+read)?$/, maxLength: 40 },
  // A label that introduces links to other pages: "Read more: …", "Related: …", "More on: …".
  { re: /^(?:more on|more from|related(?: articles| stories| coverage| content)?|read more|read next|see also|also read|read also|recommended|watch|listen|video|photos|tags|topics):/, maxLength: 150 },
  { re: /^(?:share|share this (?:article|story)) (?:on|via|to|with)\b/, maxLength: 60 },
  { re: /^(?:follow|like) us on\b/, maxLength: 100 },
  { re: /^(?:click|tap) here\b/, maxLength: 120 },
  { re: /^(?:sign up|subscribe)\b.*\b(?:newsletter|updates|alerts|briefing|free)\b/, maxLength: 150 },
  // Copyright lines.
  { re: /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))/, maxLength: 300 },
  { re: /\ball rights reserved\b/, maxLength: 300 },
  // Disclaimers: "Blog posts represent the views of CFR fellows and staff and not those of CFR, which takes
  // no institutional positions." / "The views expressed in this article are the author's own."
  { re: /\bno institutional positions?\b/, maxLength: 400 },
  { re: /^(?:blog )?posts? (?:represent|reflect)s? (?:only )?the (?:views|opinions) of\b/, maxLength: 400 },
  { re: /^the (?:views|opinions) expressed\b.*\b(?:author|authors|writer|contributor|own)\b/, maxLength: 400 },
  { re: /^(?:views|opinions) expressed (?:here|in this)\b/, maxLength: 400 },
  // Picture credits and captions labelled as such.
  { re: /^(?:image|photo|photograph|picture|illustration|graphic|credit|caption|photo credit|image source)s?\s*:/, maxLength: 200 },
  { re: /^(?:getty images|ap photo|afp via getty images|reuters\/)/, maxLength: 120 },
]

/** The line without list markers, Markdown emphasis, link syntax and a trailing colon or arrow. */
function bare(line: string): string {
  return line
    .trim()
    .replace(/^(?:[-*+•·>]\s*)+/u, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/[\s:：»›→…|]+$/u, '')
    .trim()
}

// Furniture lines are short; longer lines are text, and are not run through the patterns at all.
const MAX_FURNITURE_CHARS = 400

/** Whether a non-blank line is page furniture rather than article text. */
export function isBoilerplate(line: string): boolean {
  const t = line.trim()
  // Rules and ornaments ("—", "---", "* * *") and anything else without a single letter ("12:30", "1/3").
  if (!/\p{L}/u.test(t)) return true
  if (/^(?:https?:\/\/|www\.)\S+$/.test(t)) return true
  if (t.length > MAX_FURNITURE_CHARS) return false
  // A Markdown image or an HTML comment on its own line.
  if (/^!\[[^\]]*\]\([^)]*\)$/.test(t) || /^<!--.*-->$/.test(t)) return true
  const lower = t.toLowerCase()
  const b = bare(t).toLowerCase()
  if (EXACT.has(b)) return true
  return PATTERNS.some(({ re, maxLength }) => t.length <= maxLength && (re.test(b) || re.test(lower)))
}
