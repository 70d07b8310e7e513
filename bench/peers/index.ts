// The peers, in table order.
import type { Peer } from './types.js'
import { minisearchDefault } from './minisearchDefault.js'
import { minisearchStem } from './minisearchStem.js'
import { lunrPeer } from './lunr.js'
import { winkPeer } from './wink.js'
import { fts5Peer } from './fts5.js'

export const PEERS: readonly Peer[] = [minisearchDefault, minisearchStem, lunrPeer, winkPeer, fts5Peer]
export type { Peer } from './types.js'

