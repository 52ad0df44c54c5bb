// A PDF's text as poppler's pdftotext -layout lays it out: each printed row of a table on one line,
// which is how the progress report's rows are compared. poppler-utils is a test requirement
// (.ci/run installs it); without it the test says so instead of failing with ENOENT.
import { execFileSync, spawnSync } from 'node:child_process';

export function layoutText(pdf: string): string {
  if (spawnSync('pdftotext', ['-v']).error) throw new Error('pdftotext is needed for this test: apt-get install poppler-utils');
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}
