// 図表3 (a plan table drawn from dataset.json's timeline): a period the data marks
// `unconfirmed` is printed as one (its row marked ※, explained under the figure), and every
// bar carries its period as text in the tag tree, not as colour alone. All expectations are
// derived from the bundled data, so a row confirmed or added later is checked the same way.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { checkTags, type TagReport } from './helpers/tag-check.js';
import { json, squash } from './helpers/data.js';
import { out } from './outputs.js';

interface Row {
  label: string;
  unconfirmed?: boolean;
  spans: { from: number; to: number; label?: string }[];
}
const dataset = json('miyagi-ict-plan', 'dataset.json') as { figures: { timeline?: { groups: { rows: Row[] }[] } }[] };
const rows = dataset.figures.flatMap((f) => f.timeline?.groups.flatMap((g) => g.rows) ?? []);
const NOTE = '※期間を公表資料で確かめられていない計画等です';

let figurePage: string[];
let tags: TagReport;
beforeAll(async () => {
  const file = out('miyagi-ict-plan', 'plan-booklet.pdf');
  const { pages } = await readPdf(file);
  const page = pages.find((p: PdfPage) => p.lines.some((l) => squash(l).startsWith('図表3')))!;
  figurePage = page.lines.map(squash);
  tags = await checkTags(readFileSync(file));
});

describe('図表3 in the booklet', () => {
  it('has rows marked unconfirmed in the data, and the confirmed corrections of the last audit', () => {
    expect(rows.filter((r) => r.unconfirmed).length).toBeGreaterThan(0);
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    // the prefecture's own pages: 2013–2016 and 2017–2019 (the 2019 plan's schedule plans the next one in 2019)
    expect(byLabel.get('みやぎの教育情報化推進計画')).toEqual({ label: 'みやぎの教育情報化推進計画', spans: [{ from: 2013, to: 2016 }] });
    expect(byLabel.get('第2期みやぎの教育情報化推進計画')).toEqual({ label: '第2期みやぎの教育情報化推進計画', spans: [{ from: 2017, to: 2019 }] });
    for (const l of ['第1期行動計画', '情報産業振興戦略']) expect(byLabel.get(l)?.unconfirmed, l).toBeUndefined();
  });

  it('marks exactly the unconfirmed rows with ※ and says under the figure what the mark means', () => {
    // the table's lines only (the note under it begins with ※ too); a label may wrap in its cell: read joined
    const text = figurePage.filter((l) => !l.startsWith(NOTE)).join('');
    for (const r of rows) {
      const label = squash(r.label);
      const marked = text.includes(`${label}※`);
      expect(marked, r.label).toBe(!!r.unconfirmed);
    }
    expect(figurePage.some((l) => l.startsWith(NOTE))).toBe(true);
  });

  it('gives every bar its period as text in the tag tree (「2007〜2009年度」, with （期間は未確認） where it is)', () => {
    const periods = tags.cellTexts.filter((a) => /\d{4}(〜\d{4})?年度/.test(a));
    const expected = rows.flatMap((r) =>
      r.spans.map(
        (s) => `${s.label ? `${s.label} ` : ''}${s.from === s.to ? `${s.from}年度` : `${s.from}〜${s.to}年度`}${r.unconfirmed ? '（期間は未確認）' : ''}`,
      ),
    );
    for (const e of expected) expect(periods, e).toContain(e);
    expect(periods.filter((p) => expected.includes(p))).toHaveLength(expected.length);
  });
});
