// Books as LibreOffice Calc saves them, for the tests of what departments send back. Without
// LibreOffice those tests are skipped with a warning, and under CI its absence fails the run.
import { copyFileSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

/** The LibreOffice command, or undefined (warned about: `untested` says what goes untested). */
export function findLibreOffice(untested: string): string | undefined {
  const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);
  if (!soffice) {
    if (process.env.CI) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');
    console.warn(`\n*** LibreOffice (soffice) is not installed: ${untested} (apt-get install libreoffice-calc-nogui) ***\n`);
  }
  return soffice;
}

/**
 * Converts a book with LibreOffice (its profile and output in `work`) to `to` (with an export
 * `filter`, when given), in place of the original; returns the converted book's path.
 */
export function convertWithLibreOffice(soffice: string, work: string, book: string, to: string, filter?: string): string {
  const out = path.join(work, `lo-${to}`);
  execFileSync(
    soffice,
    ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', filter ? `${to}:${filter}` : to, '--outdir', out, book],
    {
      stdio: 'pipe',
      timeout: 180_000,
    },
  );
  const converted = path.join(path.dirname(book), `${path.basename(book, path.extname(book))}.${to}`);
  rmSync(book);
  copyFileSync(path.join(out, path.basename(converted)), converted);
  return converted;
}

/** Opens and saves a book in LibreOffice Calc, as a department without Excel returns it. */
export const resaveInLibreOffice = (soffice: string, work: string, book: string) =>
  convertWithLibreOffice(soffice, work, book, 'xlsx', 'Calc MS Excel 2007 XML');
