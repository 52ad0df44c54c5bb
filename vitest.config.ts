import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The slowest files first (seconds on 2 cores, measured), so that two workers end together: on a
// fresh clone vitest has no timings and starts the largest files first, which left the 128 s
// determinism test to run alone at the end.
const SLOW = ['determinism', 'workbook-print', 'publish-errata', 'fuzz', 'never-delete', 'errata', 'yearly-cycle', 'web', 'new-plan', 'survey-returns', 'text-runs', 'renumber', 'output-hostile', 'era-dates'];
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

export default defineConfig({
  test: {
    // .tmp/ holds the bench's checkout of another commit, with that commit's own tests
    exclude: [...configDefaults.exclude, '.tmp/**'],
    globalSetup: ['tests/setup/build-outputs.ts'],
    // vitest leaves one core free by default (one worker on a 2-core machine); the tests spend
    // much of their time waiting on child processes (the CLI, LibreOffice, Chromium), so two run side by side
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
