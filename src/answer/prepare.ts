import { defaultWordVectors } from '../index/wordVectors/wordVectors.js'
import { warmTagger } from './analysis/annotate.js'

/**
 * Loads what the first question needs and no index holds: the tagger's model (~0.1 s) and the word vectors
 * (~0.05 s). For a process about to answer, while it waits for its saved index to come off the disk; on the
 * first question otherwise.
 */
export function prepareAnswering(): void {
  warmTagger()
  defaultWordVectors()
}
