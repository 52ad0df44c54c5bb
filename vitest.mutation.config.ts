import { configDefaults, defineConfig } from 'vitest/config';

// The tests the mutation check (stryker.config.mjs, `npm run mutation`) runs against the changed core
// modules: unit files that call them directly on small in-memory data, no global set-up, nothing built.
// Stryker runs the tests that reach a change, once per change (about 1,000 of them): a test that takes
// seconds here costs minutes. Whole builds through these modules are tested in the `outputs` project.
export const MUTATION_TESTS = ['era', 'survey-cells', 'validate-bounds', 'loss-guard-leaves'].map((n) => `tests/${n}.test.ts`);

export default defineConfig({
  test: {
    include: MUTATION_TESTS,
    exclude: [...configDefaults.exclude, '.tmp/**'],
  },
});
