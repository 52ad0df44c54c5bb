import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The slowest files first (seconds on 2 cores, measured), so that two workers end together: on a
// fresh clone vitest has no timings and starts the largest files first, which left the 128 s
// determinism test to run alone at the end.
const SLOW = [
  'determinism',
  'workbook-print',
  'publish-errata',
  'fuzz',
  'never-delete',
  'errata',
  'yearly-cycle',
  'web',
  'new-plan',
  'survey-returns',
  'text-runs',
  'renumber',
  'output-hostile',
  'era-dates',
];
const rank = (s: TestSpecification) => {
  const i = SLOW.indexOf(path.basename(s.moduleId, '.test.ts'));
  return i < 0 ? SLOW.length : i;
};

class SlowFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

// Tests that read nothing the suite's set-up builds (no .tmp/test-output, no compiled command):
// the fast inner loop, `npx vitest run --project unit` (or one file of it) starts at once.
// Every other file, a new one too, is in `outputs`, after the set-up has built the bundled data sets.
const UNIT = [
  'bench-analysis',
  'bench-peers',
  'build-processes',
  'checked-index',
  'citations',
  'code-cache',
  'context-rows',
  'data-format-doc',
  'draw-runs',
  'achievement',
  'era',
  'sheet-text',
  'shared-compile',
  'fixed-inputs-cache',
  'fuzz',
  'import-graph',
  'inline-runs',
  'load-special-files',
  'loss-guard',
  'loss-guard-leaves',
  'mutation-scores',
  'output-hostile',
  'pdf-node-types',
  'readme-commands',
  'schema',
  'seam',
  'survey',
  'survey-cells',
  'up-to-date',
  'kept-build',
  'lazy-requires',
  'validate-bounds',
  'validate-messages',
  'validate',
  'wording-in-code',
  'xlsx-thread',
  'yearly',
].map((n) => `tests/${n}.test.ts`);

export default defineConfig({
  test: {
    // .tmp/ holds the bench's checkout of another commit, with that commit's own tests
    exclude: [...configDefaults.exclude, '.tmp/**'],
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'outputs',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '.tmp/**', ...UNIT],
          globalSetup: ['tests/setup/build-outputs.ts'],
        },
      },
    ],
    // vitest leaves one core free by default (one worker on a 2-core machine); the tests spend
    // much of their time waiting on child processes (the CLI, LibreOffice, Chromium), so two run side by side
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
