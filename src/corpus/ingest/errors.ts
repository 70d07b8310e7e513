/** Why an article could not be added, in words for the person who asked (refused link, unreadable page, …). */
export class IngestError extends Error {
  override name = 'IngestError'
}
