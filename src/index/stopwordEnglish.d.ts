// The English list of the `stopword` package, imported from its own file: the package's entry point holds every
// language's list (~60) and costs ~40 ms of every start; this file alone, ~5 ms.
declare module 'stopword/src/stopwords_eng.js' {
  export const eng: string[]
}
