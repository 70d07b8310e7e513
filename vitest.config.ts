import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: the Discord end-to-end files start real clients, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
  },
})
