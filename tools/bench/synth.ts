// Synthetic data sets for the benchmark: the bundled data sets with every initiative
// repeated `scale` times (real text from the seeds), numbers, ids and titles kept unique.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function synthesize(source: string, target: string, scale: number): string {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  if (scale === 1) return target;
  const dir = path.join(target, 'initiatives');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const originals = files.map((f) => ({ f, data: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
  // numbers grow per copy; per-section numbering keeps its own counter per pillar
  const perSection = new Map<string, number>();
  for (const { data } of originals) perSection.set(data.section, Math.max(perSection.get(data.section) ?? 0, data.no));
  const globalMax = Math.max(...originals.map((o) => o.data.no));
  const perSectionNumbering = JSON.parse(readFileSync(path.join(target, 'dataset.json'), 'utf8')).numbering === 'per-section';
  for (let k = 1; k < scale; k++) {
    for (const { f, data } of originals) {
      const copy = structuredClone(data);
      copy.no = perSectionNumbering ? data.no + k * perSection.get(data.section)! : data.no + k * globalMax;
      // a copy is another initiative, not the same one twice (validation refuses a file copied beside its original)
      copy.title = `${data.title}（${k + 1}）`;
      // relisting with `after` points at the first copy's ids: keep it simple and drop the anchor
      copy.relistedIn = (data.relistedIn ?? []).map((r: string | { section: string }) => (typeof r === 'string' ? r : r.section));
      // a figure stands in one place only: the copies leave it to the original
      delete copy.figures;
      writeFileSync(path.join(dir, `${f.slice(0, -5)}-x${k}.json`), JSON.stringify(copy, null, 2));
    }
  }
  return target;
}
