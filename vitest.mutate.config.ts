// The tests `npm run mutate` runs against each mutant: those that exercise the mutated modules in-process and on
// their own (tests that start child processes would run the unmutated code; the Discord answer and HTTP suites
// cover the same lines end to end at ten times the cost per mutant).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/discord/verify.test.ts',
      'test/index/persist.test.ts',
      'test/index/indexLock.test.ts',
      'test/index/save.test.ts',
      'test/format/sanitize.test.ts',
      'test/properties.test.ts',
      'test/discord/router.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
  },
})
