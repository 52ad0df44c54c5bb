// The same content set with pdfmake directly, without the pipeline: a plain table for the
// results report, plain headings and paragraphs for the booklet. The benchmark divides the
// pipeline's time by this one to show the pipeline's own cost.
// usage: node scripts/bench.mjs direct <data set folder> <plan-booklet.pdf|results-2017.pdf>
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PDF_FONTS } from '../../src/render/fonts.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake');

async function main() {
  const [dir, doc] = process.argv.slice(2);
  const t0 = performance.now();
  if (dir === '--definition') {
    // a definition the pipeline composed (bench-dump): pdfmake alone on the very same content
    pdfmake.setFonts(structuredClone(PDF_FONTS));
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => true);
    const def = JSON.parse(readFileSync(doc, 'utf8'));
    pdfmake.setTableLayouts((await import('../../src/documents/pdf/layouts.js')).tableLayouts);
    const bytes: Buffer = await pdfmake.createPdf(def).getBuffer();
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    process.stdout.write(
      JSON.stringify({ ms: Math.round(performance.now() - t0), pages, bytes: bytes.length, maxRssKiB: process.resourceUsage().maxRSS }) + '\n',
    );
    return;
  }
  const files = readdirSync(path.join(dir, 'initiatives'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const items = files.map((f) => JSON.parse(readFileSync(path.join(dir, 'initiatives', f), 'utf8')));
  pdfmake.setFonts(structuredClone(PDF_FONTS));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => true);
  let def: Record<string, unknown>;
  if (doc.startsWith('results-')) {
    const fy = doc.slice(8, 12);
    def = {
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [30, 36, 30, 40],
      defaultStyle: { font: 'BIZUDPGothic', fontSize: 7.5, lineHeight: 1.25 },
      footer: (p: number, n: number) => ({ text: `${p} / ${n}`, alignment: 'center', fontSize: 8 }),
      content: [
        {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [30, 22, 96, 174, 58, 54, '*', 54, 62],
            body: [
              ['整理番号', '新規', '施策（事業）名称', '取組概要', '事業費', '目標の達成度', '実績・成果等', '部局等名', '担当課'],
              ...items.map((i) => {
                const r = i.results?.[fy] ?? {};
                return [
                  String(i.no),
                  i.isNew ? '○' : '',
                  i.title,
                  i.description ?? '',
                  r.budget === null || r.budget === undefined ? '—' : r.budget.toLocaleString('en-US'),
                  r.achievement ?? '',
                  r.outcome ?? '',
                  i.department,
                  [].concat(i.division).join('\n'),
                ];
              }),
            ],
          },
        },
      ],
    };
  } else {
    const texts = readdirSync(path.join(dir, 'text'))
      .sort()
      .map((f) => readFileSync(path.join(dir, 'text', f), 'utf8'));
    def = {
      pageSize: 'A4',
      pageMargins: [56, 64, 56, 56],
      defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
      footer: (p: number) => ({ text: `- ${p} -`, alignment: 'center', fontSize: 9 }),
      content: [
        ...texts.flatMap((t) => t.split(/\n\n+/).map((p) => ({ text: p.replace(/^#+ /, ''), margin: [0, 0, 0, 4] }))),
        ...items.flatMap((i) => [
          { text: `${i.no} ${i.title}（${i.department}）`, bold: true, margin: [0, 8, 0, 2] },
          { text: i.description ?? '', margin: [10, 0, 0, 3] },
        ]),
        // the initiative list, as one plain table on landscape pages
        {
          pageBreak: 'before',
          pageOrientation: 'landscape',
          fontSize: 7.5,
          lineHeight: 1.2,
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [18, 150, 60, 60, 60, 60, 88, 170, 26, 20],
            body: [
              ['事業番号', '事業名', 'H29', 'H30', 'H31', 'H32', '従たる目標', '指標', '官民', '頁'],
              ...items.map((i) => {
                const years = [2017, 2018, 2019, 2020].map((y) => (i.schedule ?? []).find((s: { from: number }) => s.from === y)?.label ?? '');
                const ind = (i.indicators ?? [])
                  .map(
                    (x: { name: string; baseline: { value: string }; target: { value: string } }) =>
                      `${x.name}\n現状値 ${x.baseline.value}\n目標値 ${x.target.value}`,
                  )
                  .join('\n');
                return [
                  String(i.no),
                  `${i.title}\n【${i.department}${[].concat(i.division).join('、')}】`,
                  ...years,
                  (i.secondaryGoals ?? []).join('\n'),
                  ind,
                  (i.policyMeasures ?? []).join(''),
                  '1',
                ];
              }),
            ],
          },
        },
      ],
    };
  }
  const bytes: Buffer = await pdfmake.createPdf(def).getBuffer();
  const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  process.stdout.write(
    JSON.stringify({ ms: Math.round(performance.now() - t0), pages, bytes: bytes.length, maxRssKiB: process.resourceUsage().maxRSS }) + '\n',
  );
}
main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(3);
});
