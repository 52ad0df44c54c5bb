// What `npm run bench -- --peers` measures: by default the three works the issue compares (the plan
// booklet at ×1 and ×10, the results report at ×100); `--scale 1,10` measures each of the two
// documents at each scale instead, and `--only plan-booklet` keeps the works of that document.
import { documentLabel, selected } from './documents.js';
import { BenchError, argValue, benchWords, scalesOf } from './options.js';

export interface PeerWork {
  key: string;
  name: string;
  scale: number;
  dataset: string;
  document: string;
  kind: 'booklet' | 'results';
}

/** the documents a peer can make too: the booklet and a year's results report (the list and the workbooks are not compared) */
const kindOf = (document: string): PeerWork['kind'] | undefined =>
  document === 'plan-booklet.pdf' ? 'booklet' : /^results-\d{4}\.pdf$/.test(document) ? 'results' : undefined;

const DEFAULT_SCALES: Record<PeerWork['kind'], number[]> = { booklet: [1, 10], results: [100] };

export function peerWorks(argv: string[]): PeerWork[] {
  const only = argValue(argv, '--only')?.split(',').filter(Boolean);
  const scales = argv.includes('--scale') ? scalesOf(argv) : undefined;
  const docs = selected(only).flatMap(({ dataset, document }) => {
    const kind = kindOf(document);
    return kind ? [{ dataset, document, kind }] : [];
  });
  if (docs.length === 0) throw new BenchError(benchWords().get('err-peers-only', { only: only?.join(',') ?? '' }));
  const works: PeerWork[] = [];
  // the booklet's works first, each document from the smallest scale up
  for (const d of docs)
    for (const scale of scales ?? DEFAULT_SCALES[d.kind])
      works.push({ ...d, scale, key: `x${scale}-${d.dataset}-${d.document}`, name: `×${scale} ${documentLabel(d.dataset, d.document)}` });
  return works;
}
