// The renderers' optimisations (the PDF seam's, ICT_PDF_NO_…=1, and the workbooks', ICT_XLSX_NO_…=1)
// each have a switch that turns them off, so that a build without them can be compared byte for
// byte with one with them (tests/determinism.test.ts).
// A switch that is honoured says so once on stderr: the comparison then proves the switch took
// effect, and nobody builds slowly without knowing why. (A developer's line, not a user's
// message: it names the variable, so it is written here and not in templates/.)
const told = new Set<string>();

export function switchedOff(name: string): boolean {
  if (!process.env[name]) return false;
  if (!told.has(name)) {
    told.add(name);
    process.stderr.write(`（開発用）${name} により、この最適化を外して作ります\n`);
  }
  return true;
}
