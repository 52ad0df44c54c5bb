import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // .tmp/ holds the bench's checkout of another commit, with that commit's own tests
    exclude: [...configDefaults.exclude, '.tmp/**'],
    globalSetup: ['tests/setup/build-outputs.ts'],
    // vitest leaves one core free by default (one worker on a 2-core machine); the tests spend
    // much of their time waiting on child processes (the CLI, LibreOffice, Chromium), so two run side by side
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
