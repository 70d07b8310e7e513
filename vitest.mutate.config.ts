// The tests `npm run mutate` runs against each mutant: those that exercise the mutated modules in-process (tests
// that start child processes would run the unmutated code, and only cost time).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/discord/verify.test.ts',
      'test/discord/http.test.ts',
      'test/index/persist.test.ts',
      'test/index/indexLock.test.ts',
      'test/format/sanitize.test.ts',
      'test/properties.test.ts',
      'test/discord/router.test.ts',
      'test/discord/answers.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
  },
})
