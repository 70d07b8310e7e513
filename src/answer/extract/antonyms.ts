// Common English antonym pairs. A question that swaps a word of its source sentence for the opposite
// ("the last emperor" for "the first emperor") asks about something the passage does not say.
const PAIRS = `first last|before after|increase decrease|increased decreased|increases decreases|rise fall|rose fell
|more less|more fewer|most least|most fewest|larger smaller|largest smallest|bigger smaller|biggest smallest|high low
|higher lower|highest lowest|early late|earlier later|earliest latest|north south|northern southern|east west
|eastern western|northeast southwest|northwest southeast|win lose|won lost|wins loses|winning losing|accept reject
|accepted rejected|allow forbid|allowed banned|allowed forbidden|support oppose|supported opposed|start end|began ended
|started ended|open closed|opened closed|maximum minimum|major minor|old new|oldest newest|older younger|oldest youngest
|long short|longest shortest|longer shorter|positive negative|success failure|successful unsuccessful|public private
|inner outer|upper lower|above below|internal external|import export|imports exports|imported exported|same different
|strong weak|strongest weakest|stronger weaker|heavy light|wet dry|hot cold|warm cool|warmer cooler|warmest coldest
|male female|men women|man woman|agree disagree|include exclude|included excluded|legal illegal|true false|common rare
|best worst|better worse|rich poor|richest poorest|cheap expensive|fast slow|faster slower|fastest slowest|gain loss
|gained lost|left right|top bottom|modern ancient|domestic foreign|inside outside|indoor outdoor|entry exit
|increase reduce|increased reduced|raise lower|raised lowered|buy sell|bought sold|enter leave|entered left
|attack defend|attacked defended|arrive depart|arrived departed|birth death|born died|victory defeat|friend enemy
|friends enemies|love hate|always never|all none|everyone nobody|many few|often rarely|sunrise sunset|odd even
|positive negative|plus minus|add remove|added removed|appear disappear|appeared disappeared|create destroy
|created destroyed|build demolish|built demolished|join leave|joined left|official unofficial|possible impossible
|able unable|known unknown|natural artificial|solid liquid|direct indirect|directly indirectly|formal informal
|upstream downstream|similar different|similarity difference|similarities differences|summer winter|spring autumn|day night|morning evening|beginning end|input output|rural urban`

const OPPOSITES = new Map<string, Set<string>>()
for (const pair of PAIRS.replace(/\n/g, '').split('|')) {
  const [a, b] = pair.trim().split(' ')
  if (!a || !b) continue
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const set = OPPOSITES.get(x) ?? new Set<string>()
    set.add(y)
    OPPOSITES.set(x, set)
  }
}

// A negating prefix makes an opposite of most words: "officially" / "unofficially", "legal" / "illegal".
const NEGATING_PREFIX = /^(un|non|dis|in|im|il|ir)-?(.{4,})$/

/** Words of `question` whose opposite stands in `sentence` while they themselves do not (lower-cased words). */
export function swappedOpposites(question: readonly string[], sentence: ReadonlySet<string>): number {
  let n = 0
  for (const w of question) {
    if (sentence.has(w)) continue
    const opposite = OPPOSITES.get(w)
    if (opposite && [...opposite].some((o) => sentence.has(o))) n++
    else if (NEGATING_PREFIX.test(w) && sentence.has(w.replace(NEGATING_PREFIX, '$2'))) n++
    else if (['un', 'non', 'dis', 'in', 'im', 'il', 'ir'].some((p) => sentence.has(p + w))) n++
  }
  return n
}
