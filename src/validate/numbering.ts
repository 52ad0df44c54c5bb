// Numbers out of booklet order: a warning at the first initiative whose number its place does
// not give, naming the files and numbers that would change (the booklet still prints; the
// numbers printed would just jump or go back). renumber writes the numbers this finds.
import type { Dataset, Model } from '../model/schema.js';
import { bookletOrder, gaps, misnumbered } from '../model/booklet-order.js';
import { planWords } from '../plan/words.js';

const SHOWN = 5;

export function checkNumbering(
  dataset: Dataset,
  initiatives: Model['initiatives'],
  warn: (file: string, message: string, path: (string | number)[]) => void,
): void {
  if (initiatives.length === 0) return;
  const order = bookletOrder(dataset, initiatives);
  const wrong = misnumbered(order);
  const [firstWrong] = wrong;
  if (!firstWrong) return;
  const w = planWords();
  const missing = gaps(order, dataset).map((g) => ({ ...g, more: g.count - g.first.length }));
  const shown = wrong.slice(0, SHOWN);
  const message = w.get('warn-order', {
    rule: w.get('order-rule', { global: dataset.numbering === 'global' }),
    gaps: missing,
    count: wrong.length,
    shown,
    more: wrong.length - shown.length,
  });
  warn(firstWrong.file, message, ['no']);
}
