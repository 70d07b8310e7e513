// The meaning stage's weights (rerank/meaning.ts), written by bench/tune/meaningFit.ts: do not edit by hand, refit:
//   npx tsx bench/tune/meaningFit.ts --write --lambda 0.002 --news-weight 4
// Fitted on 150 answerable questions of bench/news/fit-questions.jsonl (each weighing 4) and 1504 questions of
// SQuAD 1.1's 35 tuning articles; listwise softmax, L2 0.002 towards the identity (base 1, the rest 0).
import type { MeaningFeature } from '../rerank/meaning.js'

export const MEANING_MODEL: { weights: Record<MeaningFeature, number> } = {
  weights: { base: 7.5647, soft: 0.6085, softGain: 0.8777, softLocal: 1.4764, softSentence: 1.2437, titleSoft: 0.2638, articleCover: 0.1418, typeAny: 0.6388, cueFit: 1.9336, lead: -1.3322 },
}
