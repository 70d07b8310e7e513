// Fits the two models that decide what ask() claims (src/answer/models/claimWeights.ts):
//   - CLAIM_MODEL: P(the short answer is right), over src/answer/decide/claim.ts's features. A right answer contains an
//     accepted one and is at most max(12, 3 × its words) words long (../shared/eval/README.md). The threshold is chosen
//     for precision: a confidently wrong answer is the worst thing the bot can do.
//   - TOPIC_MODEL: P(the articles are about the question), over topic.ts's features: on-topic questions (answerable or
//     not) against off-topic ones. Only what the articles are not about is declined.
// Fitted on:
//   - SQuAD dev-v1.1's 35 tuning articles and dev-v2.0 (every other question), each over its own index;
//   - our chat questions over the BBC corpus: bench/news/fit-questions.jsonl and fit-chat-*.jsonl (questions over
//     ../shared/eval/fit-articles.txt only), and the off-topic ones, bench/news/offtopic-*.jsonl but offtopic-dev;
//   - "another corpus's questions": the chat and off-topic questions, and every 8th SQuAD 1.1 tuning question, asked of
//     the seeds (three articles about other stories), all off-topic there;
//   - "small corpora": the chat questions again, each asked of a corpus of three articles, its own and two others of
//     fit-articles.txt, as a seeds folder is: a small corpus gives every signal another scale (IDF, BM25, support).
// Never fitted on: news-dev, bench/news/offtopic-dev.jsonl, the seeds' question set, SQuAD 1.1's 13 hold-out articles:
// they are measured only.
// Out of fold (5 folds by article) the script prints AUC, a reliability table and precision / coverage by threshold.
//   npx tsx bench/tune/claimFit.ts                 cross-validated report
//   npx tsx bench/tune/claimFit.ts --write         fit on all the data and write the weights
// ROWS=/tmp/claim-rows.json caches the rows (the slow part) between runs; delete it after changing a feature.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { deliberate } from '../../src/answer/ask.js'
import { CLAIM_FEATURES } from '../../src/answer/decide/claim.js'
import { generalApart, TOPIC_FEATURES } from '../../src/answer/decide/topic.js'
import { prepareRanking } from '../../src/answer/retrieve/rank.js'
import { corpusFromTexts, loadCorpus } from '../../src/corpus/loadCorpus.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import type { SearchIndex } from '../../src/index/searchIndex.js'
import { loadNewsQuestions, OFF_TOPIC_DEV_FILE, offTopicFitFiles, passageMatches, shortAnswerRight } from '../news/newsQuestions.js'
import type { NewsQuestion } from '../news/newsQuestions.js'
import { every, loadAnswerSet } from './answerData.js'
import { fitLogistic, foldOf, logisticProb, reliability, rocAuc } from './logistic.js'
import type { Logistic } from './logistic.js'

type Source = 'squad' | 'chat' | 'mini' | 'offtopic' | 'cross' | 'dev' | 'offdev' | 'seeds' | 'holdout'

interface Row {
  source: Source
  kind: string
  /** Fold key: the article (or the question, for one about none). */
  group: string
  q: string
  a: string | null
  /** Claim features, when there is a short answer. */
  cx: number[] | null
  claimY: number
  tx: number[] | null
  topicY: number
  /** The first passage is right (chat and dev questions). */
  p1: number
}

const REPO = join(import.meta.dirname, '../..')
const NEWS_DIR = join(REPO, '../shared/news/bbc')
const DEV_FILE = join(REPO, '../shared/eval/news-dev.jsonl')
const SEED_QUESTIONS = join(REPO, '../shared/eval/seed-questions.jsonl')
const QUESTIONS_DIR = join(REPO, 'bench/news')

function row(index: SearchIndex, q: string, accepted: readonly string[], meta: Omit<Row, 'a' | 'cx' | 'claimY' | 'tx' | 'p1' | 'q'>, passage?: NewsQuestion): Row {
  const d = deliberate(index, q, { k: 5 })
  if (d.kind !== 'weighed') return { ...meta, q, a: null, cx: null, claimY: 0, tx: null, p1: 0 }
  const a = d.short?.text ?? null
  const top = index.chunks[d.ranked[0]!.id]!.text
  return {
    ...meta,
    q,
    a,
    cx: d.claimFeatures ? CLAIM_FEATURES.map((f) => d.claimFeatures![f] ?? 0) : null,
    claimY: shortAnswerRight(a, accepted) ? 1 : 0,
    tx: TOPIC_FEATURES.map((f) => d.topicFeatures[f] ?? 0),
    p1: passage && !passage.unanswerable && passageMatches(passage, top) ? 1 : 0,
  }
}

function squadRows(version: 'v1.1' | 'v2.0', which: 'train' | 'holdout' | 'all', step: number, source: Source): Row[] {
  const data = loadAnswerSet(version, which)
  prepareRanking(data.index)
  return every(data.cases, step).map((c) =>
    row(data.index, c.question.question, c.question.impossible ? [] : c.question.answers, { source, kind: `squad ${version}`, group: `${version}:${c.question.article}`, topicY: 1 }),
  )
}

function newsRows(index: SearchIndex, questions: readonly NewsQuestion[], source: Source, topicY: number): Row[] {
  return questions.map((q) => row(index, q.q, q.answer_any, { source, kind: q.kind, group: q.article || q.q, topicY }, q))
}

const files = (prefix: string): string[] => readdirSync(QUESTIONS_DIR).filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl')).sort().map((f) => join(QUESTIONS_DIR, f))

async function collect(): Promise<Row[]> {
  const chat = [...files('fit-questions'), ...files('fit-chat-')].flatMap(loadNewsQuestions)
  const offTopic = offTopicFitFiles().flatMap(loadNewsQuestions)
  const news = buildSearchIndex((await loadCorpus(NEWS_DIR)).chunks)
  prepareRanking(news)
  const seeds = buildSearchIndex((await loadCorpus(join(REPO, 'seeds'))).chunks)
  prepareRanking(seeds)
  const out: Row[] = []
  const log = (what: string) => console.error(`[claimFit] ${what}: ${out.length} rows so far`)
  out.push(...newsRows(news, chat, 'chat', 1), ...newsRows(news, offTopic, 'offtopic', 0))
  log('chat')
  out.push(...newsRows(news, loadNewsQuestions(DEV_FILE), 'dev', 1), ...newsRows(news, loadNewsQuestions(OFF_TOPIC_DEV_FILE), 'offdev', 0))
  out.push(...newsRows(seeds, [...chat, ...offTopic], 'cross', 0).map((r) => ({ ...r, claimY: 0, group: `seeds:${r.group}` })))
  // Measured only: the shared seed questions, and ours in their style (with off-topic ones for the seeds).
  for (const file of [SEED_QUESTIONS, join(REPO, 'bench/seeds/questions.jsonl')]) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const s = JSON.parse(line) as { q: string; answer_any?: string[] | null; kind?: string }
      const off = s.kind === 'offtopic'
      out.push(row(seeds, s.q, s.answer_any ?? [], { source: 'seeds', kind: s.kind ?? 'seeds', group: 'seeds', topicY: off ? 0 : 1 }))
    }
  }
  out.push(...smallCorpusRows(chat))
  log('news, seeds, small corpora')
  out.push(...squadRows('v1.1', 'train', 1, 'squad'))
  log('SQuAD 1.1')
  out.push(...squadRows('v2.0', 'all', 2, 'squad'))
  log('SQuAD 2.0')
  out.push(...squadRows('v1.1', 'holdout', 1, 'holdout'))
  const squadOnSeeds = loadAnswerSet('v1.1', 'train').cases.filter((_, i) => i % 8 === 0)
  out.push(...squadOnSeeds.map((c) => ({ ...row(seeds, c.question.question, [], { source: 'cross' as const, kind: 'squad', group: `seeds:squad:${c.question.article}`, topicY: 0 }) })))
  log('SQuAD hold-out, cross')
  return out
}

/** The chat questions, each asked of a three-article corpus: its article and two from other thirds of the list. */
function smallCorpusRows(chat: readonly NewsQuestion[]): Row[] {
  const byArticle = new Map<string, NewsQuestion[]>()
  for (const q of chat) byArticle.set(q.article, [...(byArticle.get(q.article) ?? []), q])
  const articles = [...byArticle.keys()].sort()
  const third = Math.floor(articles.length / 3)
  const out: Row[] = []
  for (let i = 0; i < third; i++) {
    const trio = [articles[i]!, articles[i + third]!, articles[i + 2 * third]!]
    const corpus = corpusFromTexts(trio.map((a) => ({ file: `seeds/${a.replace('/', '_')}`, text: readFileSync(join(NEWS_DIR, a), 'utf8') })))
    const index = buildSearchIndex(corpus.chunks)
    for (const a of trio) out.push(...newsRows(index, byArticle.get(a)!, 'mini', 1).map((r) => ({ ...r, group: a })))
  }
  return out
}

const FITTED: ReadonlySet<Source> = new Set(['squad', 'chat', 'mini', 'offtopic', 'cross'])

interface Options {
  l2: number
  chatWeight: number
}

/** Claim rows weigh 1 (SQuAD) or `chatWeight` (ours); the off-topic and cross rows as much as the chat ones. */
function claimWeight(r: Row, o: Options): number {
  return r.source === 'squad' ? 1 : o.chatWeight
}

function fitClaim(rows: readonly Row[], o: Options): Logistic {
  const train = rows.filter((r) => r.cx !== null)
  return fitLogistic(train.map((r) => r.cx!), train.map((r) => r.claimY), train.map((r) => claimWeight(r, o)), o.l2)
}

/**
 * Topic rows: each group weighs as much in all, whatever its size. SQuAD (on-topic) weighs a little more than our chat
 * questions: its questions read like general knowledge, which generalQuestion.ts flags, and declining them over their
 * own articles would cost passages a user needs (at half the weight, 0.6% of the hold-out questions were declined,
 * against 0.4%). The off-topic questions over the BBC corpus as much as another corpus's questions over the seeds (4,000 of those
 * would otherwise teach only what a three-article corpus looks like).
 */
function fitTopic(rows: readonly Row[], o: Options): Logistic {
  const train = rows.filter((r) => r.tx !== null)
  const count = new Map<string, number>()
  for (const r of train) count.set(r.source, (count.get(r.source) ?? 0) + 1)
  const share: Partial<Record<Source, number>> = { squad: 1, chat: 0.7, mini: 0.3, offtopic: 0.7, cross: 0.3 }
  return fitLogistic(train.map((r) => r.tx!), train.map((r) => r.topicY), train.map((r) => (share[r.source] ?? 0) / count.get(r.source)!), o.l2)
}

interface Scored {
  r: Row
  claim: number
  topic: number
}

function outOfFold(rows: readonly Row[], o: Options): Scored[] {
  const fitted = rows.filter((r) => FITTED.has(r.source))
  const groups = [...new Set(fitted.map((r) => r.group))].sort()
  const foldOfGroup = new Map(groups.map((g) => [g, foldOf(g)]))
  const out: Scored[] = []
  for (let k = 0; k < 5; k++) {
    const train = fitted.filter((r) => foldOfGroup.get(r.group) !== k)
    const claim = fitClaim(train, o)
    const topic = fitTopic(train, o)
    for (const r of fitted.filter((r) => foldOfGroup.get(r.group) === k)) out.push(score(r, claim, topic))
  }
  return out
}

function score(r: Row, claim: Logistic, topic: Logistic): Scored {
  return { r, claim: r.cx ? logisticProb(claim, r.cx) : 0, topic: r.tx ? logisticProb(topic, r.tx) : 0 }
}

/**
 * GENERAL_MODEL was fitted on our chat and off-topic questions: their rows take its out-of-fold scores
 * (generalFit.ts --oof, GENERAL_OOF=FILE), or the topic model would learn to trust scores it cannot have on new ones.
 */
function useGeneralOutOfFold(rows: Row[]): void {
  const file = process.env.GENERAL_OOF
  if (!file) {
    console.log('GENERAL_OOF not set: the general-question scores of our own questions are in-sample')
    return
  }
  const oof = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>))
  const at = (name: string) => TOPIC_FEATURES.indexOf(name)
  let replaced = 0
  for (const r of rows) {
    const p = oof.get(r.q)
    if (p === undefined || r.tx === null) continue
    r.tx[at('general')] = p
    r.tx[at('generalApart')] = generalApart(p, r.tx[at('plainArticle')]!)
    replaced++
  }
  console.log(`general-question scores out of fold for ${replaced} rows`)
}

const THRESHOLDS = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.68, 0.7, 0.75, 0.8, 0.85, 0.9]

/** Precision and coverage of the claims at each threshold, among questions the topic model lets through. */
function claimCurve(name: string, scored: readonly Scored[], topicThreshold: number): void {
  const answerable = scored.filter((s) => s.r.topicY === 1 && !(s.r.kind === 'unanswerable' || s.r.source === 'offtopic'))
  const onTopicAnswerable = answerable.length
  console.log(`\n${name}: ${scored.length} questions`)
  for (const t of THRESHOLDS) {
    const claimed = scored.filter((s) => s.r.cx !== null && s.claim >= t && s.topic >= topicThreshold)
    const right = claimed.filter((s) => s.r.claimY === 1).length
    const unans = scored.filter((s) => s.r.kind === 'unanswerable')
    const unansClaimed = unans.filter((s) => s.r.cx !== null && s.claim >= t && s.topic >= topicThreshold).length
    console.log(
      `  claim ≥ ${t.toFixed(2)}: claimed ${claimed.length}, precision ${(right / Math.max(1, claimed.length)).toFixed(3)}, coverage ${(right / Math.max(1, onTopicAnswerable)).toFixed(3)}` +
        (unans.length ? `, unanswerable given one ${(unansClaimed / unans.length).toFixed(3)}` : ''),
    )
  }
}

function topicCurve(name: string, scored: readonly Scored[]): void {
  const on = scored.filter((s) => s.r.topicY === 1)
  const off = scored.filter((s) => s.r.topicY === 0)
  const onAnswerable = on.filter((s) => s.r.kind !== 'unanswerable')
  console.log(`\n${name} topic: ${on.length} on, ${off.length} off${on.length && off.length ? `, AUC ${rocAuc(scored.map((s) => s.topic), scored.map((s) => s.r.topicY)).toFixed(3)}` : ''}`)
  for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
    const parts = [
      onAnswerable.length ? `answerable declined ${(onAnswerable.filter((s) => s.topic < t).length / onAnswerable.length).toFixed(3)}` : '',
      off.length ? `off-topic declined ${(off.filter((s) => s.topic < t).length / off.length).toFixed(3)}` : '',
    ].filter(Boolean)
    console.log(`  topic < ${t.toFixed(2)}: ${parts.join(', ')}`)
  }
}

const MARKS = {
  claim: ['// BEGIN CLAIM_MODEL (generated by bench/tune/claimFit.ts --write)', '// END CLAIM_MODEL'],
  topic: ['// BEGIN TOPIC_MODEL (generated by bench/tune/claimFit.ts --write)', '// END TOPIC_MODEL'],
} as const

function block(name: 'CLAIM_MODEL' | 'TOPIC_MODEL', m: Logistic, features: readonly string[], threshold: number, doc: string[], marks: readonly [string, string]): string {
  const r = (x: number) => Math.round(x * 1000) / 1000
  return [
    marks[0],
    ...doc,
    `export const ${name} = {`,
    `  intercept: ${r(m.b)},`,
    '  weights: {',
    ...features.flatMap((f, j) => (r(m.w[j]!) === 0 ? [] : [`    ${/^[A-Za-z_$][\w$]*$/.test(f) ? f : JSON.stringify(f)}: ${r(m.w[j]!)},`])),
    '  } as Readonly<Record<string, number>>,',
    `  threshold: ${threshold},`,
    '}',
    marks[1],
  ].join('\n')
}

function replaceBlock(source: string, marks: readonly [string, string], text: string): string {
  const a = source.indexOf(marks[0])
  const b = source.indexOf(marks[1])
  if (a < 0 || b < a) throw new Error(`markers ${marks[0]} not found`)
  return source.slice(0, a) + text + source.slice(b + marks[1].length)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      l2: { type: 'string', default: '0.01' },
      'chat-weight': { type: 'string', default: '3' },
      claim: { type: 'string', default: '0.7' },
      topic: { type: 'string', default: '0.2' },
    },
  })
  const o: Options = { l2: Number(values.l2), chatWeight: Number(values['chat-weight']) }
  const claimThreshold = Number(values.claim)
  const topicThreshold = Number(values.topic)
  const cache = process.env.ROWS
  const rows: Row[] = cache && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as Row[]) : await collect()
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(rows))
  useGeneralOutOfFold(rows)
  const count = (s: Source) => rows.filter((r) => r.source === s).length
  console.log(`rows: SQuAD ${count('squad')}, chat ${count('chat')}, small corpora ${count('mini')}, off-topic ${count('offtopic')}, cross ${count('cross')}; measured only: news-dev ${count('dev')}, off-topic dev ${count('offdev')}, seeds ${count('seeds')}, SQuAD hold-out ${count('holdout')}`)
  const oof = outOfFold(rows, o)
  for (const [name, part] of [['SQuAD (out of fold)', oof.filter((s) => s.r.source === 'squad')], ['chat (out of fold)', oof.filter((s) => s.r.source === 'chat' || s.r.source === 'offtopic')], ['small corpora (out of fold)', oof.filter((s) => s.r.source === 'mini')]] as const) {
    const withClaim = part.filter((s) => s.r.cx !== null)
    console.log(`\n${name}: claim AUC ${rocAuc(withClaim.map((s) => s.claim), withClaim.map((s) => s.r.claimY)).toFixed(3)}; reliability of P(short answer right):`)
    for (const line of reliability(withClaim.map((s) => ({ p: s.claim, y: s.r.claimY })))) console.log(line)
    claimCurve(name, part, topicThreshold)
  }
  topicCurve('chat + off-topic (out of fold)', oof.filter((s) => s.r.source === 'chat' || s.r.source === 'offtopic'))
  topicCurve('other corpus (out of fold)', oof.filter((s) => s.r.source === 'cross'))
  const claim = fitClaim(rows.filter((r) => FITTED.has(r.source)), o)
  const topic = fitTopic(rows.filter((r) => FITTED.has(r.source)), o)
  for (const source of ['dev', 'offdev', 'seeds', 'holdout'] as const) {
    const part = rows.filter((r) => r.source === source).map((r) => score(r, claim, topic))
    claimCurve(`${source} (measured only)`, part, topicThreshold)
    topicCurve(`${source} (measured only)`, part)
  }
  if (process.env.SHOW) {
    for (const s of rows.filter((r) => r.source === process.env.SHOW).map((r) => score(r, claim, topic)).sort((a, b) => b.claim - a.claim)) {
      console.log(`${s.claim.toFixed(2)} ${s.topic.toFixed(2)} ${s.r.claimY ? 'RIGHT' : 'wrong'} ${s.r.kind} | ${s.r.q} → ${s.r.a ?? '–'}`)
    }
  }
  if (!values.write) return
  const date = new Date().toISOString().slice(0, 10)
  const path = join(REPO, 'src/answer/models/claimWeights.ts')
  let source = readFileSync(path, 'utf8')
  source = replaceBlock(source, MARKS.claim, block('CLAIM_MODEL', claim, CLAIM_FEATURES, claimThreshold, [
    `// Fitted ${date} on SQuAD dev-v1.1's tuning articles and dev-v2.0 (${count('squad')} questions) and our questions (${count('chat')} chat,`,
    `// ${count('mini')} asked of three-article corpora, ${count('offtopic')} off-topic, ${count('cross')} asked of the seeds), ours weighing ${o.chatWeight}× SQuAD's; L2 ${o.l2}.`,
    '// Refit: npx tsx bench/tune/claimFit.ts --write',
    '/** P(the short answer is right): a logistic model over claim.ts\'s features. Claim the answer from `threshold` up. */',
  ], MARKS.claim))
  source = replaceBlock(source, MARKS.topic, block('TOPIC_MODEL', topic, TOPIC_FEATURES, topicThreshold, [
    `// Fitted ${date} on the same questions: on-topic (SQuAD, chat, answerable or not) against off-topic (off-topic and`,
    '// another corpus\'s questions), weighed as fitTopic() says; the general-question scores of our own questions out of fold.',
    '/** P(the articles are about the question): a logistic model over topic.ts\'s features. Decline below `threshold`. */',
  ], MARKS.topic))
  writeFileSync(path, source)
  console.log(`\nwrote CLAIM_MODEL (threshold ${claimThreshold}) and TOPIC_MODEL (threshold ${topicThreshold}) to ${path}`)
}

await main()
