// The contract every peer search engine implements for the benchmark: build, persist round trip, bare search.

/** One SQuAD paragraph, indexed as one document. */
export interface PeerDoc {
  id: number
  text: string
}

export interface PeerHit {
  /** Paragraph ids, best first. */
  ids: number[]
  /** The raw relevance score of the top hit (higher is better), or null when nothing matched. */
  topScore: number | null
}

/** One live instance of a peer. Methods are called in order: build, save, load, then search many times, close. */
export interface PeerRun {
  build(docs: readonly PeerDoc[]): void
  /** Serialises the built index; returns its size in bytes. */
  save(): number
  /** Replaces the built index by the one deserialised from what `save` produced. */
  load(): void
  /** OR-query of the question's terms, top `k`. */
  search(question: string, k: number): PeerHit
  close(): void
}

export interface Peer {
  /** Name shown in the tables. */
  name: string
  create(): PeerRun
}
