import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'runtime/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
