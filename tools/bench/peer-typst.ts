// The bench's Typst peer, run in its own process (npm run bench -- --peers measures it with GNU
// time): compiles a .typ source (typst-source.ts) to PDF with the BIZ UD fonts of fonts/ only,
// untagged or tagged (PDF/UA-1, which Typst 0.14 writes with its tag tree), and prints its page count.
// usage: node scripts/bench.mjs peer-typst <source.typ> <out.pdf> <fonts folder> [--tagged]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const [source, out, fonts] = process.argv.slice(2);
const tagged = process.argv.includes('--tagged');
const compiler = NodeCompiler.create({ workspace: path.dirname(path.resolve(source)), fontArgs: [{ fontPaths: [path.resolve(fonts)] }] });
const result = compiler.compile({ mainFilePath: path.resolve(source) });
const doc = result.result;
if (result.hasError() || !doc) {
  result.printErrors();
  process.exit(3);
}
// untagged: no tag tree at all; tagged: PDF/UA-1, as the project's PDFs declare it
writeFileSync(out, compiler.pdf(doc, tagged ? { pdfStandard: 'ua-1' } : { pdfTags: false }));
process.stdout.write(JSON.stringify({ pages: doc.numOfPages }) + '\n');
