// `npm run mutate`: StrykerJS over the modules where a silent change hurts most (docs/mutation.md has the scores).
// Not in CI: a run takes well over a few minutes on two cores.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/discord/http/verify.ts',
    'src/index/save.ts',
    'src/index/indexLock.ts',
    'src/controls.ts',
    'src/format/sanitize.ts',
    'src/discord/events/messageCreate.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['/index', '/dist', '/reports', '/coverage', '/bench/node_modules'],
  cleanTempDir: 'always',
}
