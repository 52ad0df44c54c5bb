// Writes the document definition the pipeline would hand to pdfmake, as JSON (functions
// become static: a fixed footer, no page header), so that the benchmark can time pdfmake
// alone on exactly the same content.
// usage: node scripts/bench.mjs dump <data set folder> <document> <out.json>
import { writeFileSync } from 'node:fs';
import { checkDataset } from '../../src/pipeline.js';
import { resolve } from '../../src/resolve/index.js';
import { bookletBody, bookletDocument, bookletFront } from '../../src/documents/pdf/booklet.js';
import { resultsDocument } from '../../src/documents/pdf/results-report.js';
import { initiativeListDocument } from '../../src/documents/pdf/initiative-list-doc.js';
import type { PdfDocument } from '../../src/render/pdf/nodes.js';

const [dir, doc, out] = process.argv.slice(2);
const { model } = checkDataset(dir);
const r = resolve(model!);
let def: PdfDocument;
if (doc === 'plan-booklet.pdf') def = bookletDocument(r.booklet!, r, [...bookletFront(r.booklet!, r), ...bookletBody(r.booklet!, r)]);
else if (doc === 'initiative-list.pdf') def = initiativeListDocument(r, new Map());
else
  def = resultsDocument(
    r.results.find((v) => doc === `results-${v.fiscalYear}.pdf`)!,
    r,
  );
// functions cannot travel as JSON; the metadata's dates would come back as strings
const plain = Object.fromEntries(Object.entries(def).filter(([k, v]) => typeof v !== 'function' && k !== 'info'));
writeFileSync(out, JSON.stringify({ ...plain, footer: { text: '1 / 1', alignment: 'center', fontSize: 8 } }));
