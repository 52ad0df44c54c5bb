// The mutation check of the core modules (issue 27, item 8): `npm run mutation`.
// Stryker changes one thing at a time in these files (a `<` into `<=`, a condition into `true`, a
// string into "") and runs the unit tests that reach the changed line; a change no test notices
// is a surviving mutant: a fault the tests would let through.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/survey/cells.ts', 'src/render/pdf/loss-guard.ts', 'src/validate/bounds.ts', 'src/era/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // the sandbox is a copy of the repository: leave out what the tests do not read
  ignorePatterns: ['.tmp', 'output', 'dist', 'reports'],
  tempDirName: '.tmp/stryker',
  // a change that loops forever is stopped after this long (the tests themselves take milliseconds)
  timeoutMS: 2000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.tmp/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
};
