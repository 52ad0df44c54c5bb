import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/build-outputs.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
