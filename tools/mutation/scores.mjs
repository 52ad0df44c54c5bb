// The mutation score of each core module, from the report of the last `stryker run`: Stryker's own
// threshold (`thresholds.break`) holds for all files together, where a well-tested module could hide
// a weak one. Exits 1 if any module scores below that threshold.
import { readFileSync } from 'node:fs';
import config from '../../stryker.config.mjs';

// the report of another run may be named (tests/mutation-scores.test.ts)
const report = JSON.parse(readFileSync(process.argv[2] ?? config.jsonReporter.fileName, 'utf8'));
const floor = config.thresholds.break;
// a module is one entry of `mutate`: a file, or a folder given as a glob (src/era/**/*.ts)
const modules = config.mutate.map((m) => m.replace(/\*.*$/, ''));

const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];
let failed = false;
for (const m of modules) {
  const counts = {};
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (!(file === m || (m.endsWith('/') && file.startsWith(m)))) continue;
    for (const { status } of mutants) counts[status] = (counts[status] ?? 0) + 1;
  }
  const detected = DETECTED.reduce((s, k) => s + (counts[k] ?? 0), 0);
  const total = detected + UNDETECTED.reduce((s, k) => s + (counts[k] ?? 0), 0);
  if (total === 0) {
    console.log(`${m}: no mutants in the report`);
    failed = true;
    continue;
  }
  const score = (100 * detected) / total;
  const low = score < floor;
  failed ||= low;
  const detail = Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(`${m}: ${score.toFixed(1)} % (${detail})${low ? ` — below ${floor} %` : ''}`);
}
process.exit(failed ? 1 : 0);
