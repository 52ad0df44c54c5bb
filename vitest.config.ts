import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // .tmp/ holds the bench's checkout of another commit, with that commit's own tests
    exclude: [...configDefaults.exclude, '.tmp/**'],
    globalSetup: ['tests/setup/build-outputs.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
