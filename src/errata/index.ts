// errata: the 正誤表 of a correction. Both versions are built in memory; the text a reader
// sees (lines of each page, via pdfjs-dist) is compared with jsdiff; every changed passage
// is listed with its page and line in the published version, and the characters that
// changed are marked. Headings and entries whose page moved are listed too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffArrays } from 'diff';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { renderDataset, lostProblems, inputsHash, documentNames, type Rendered } from '../pipeline.js';
import { readPdfBytes } from './pdf-lines.js';
import { createHandlebars, Wording } from '../templates/index.js';
import { errataDocument, errataWorkbook, type ErrataView } from '../documents/errata.js';
import { renderPdf } from '../render/pdf.js';
import { ContentLostError } from '../render/loss-guard.js';
import { renderWorkbook } from '../render/xlsx.js';
import type { Written } from '../write/index.js';
import { publishSet } from '../write/set.js';
import { ERRATA_FILES } from './files.js';

export interface ErrataEntry {
  document: string;
  page: number;
  line: number;
  wrong: string;
  right: string;
}

export interface MovedItem {
  item: string;
  from: number;
  to: number;
}

interface Line {
  page: number;
  line: number;
  text: string;
}

/** The published version as a folder: the folder itself, or the data set's files at a git revision. */
function publishedFolder(dir: string, against: string, problems: Problem[]): { folder?: string; cleanup?: () => void } {
  if (existsSync(against) && statSync(against).isDirectory()) return { folder: path.resolve(against) };
  try {
    const root = execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
    const rel = path.relative(root, path.resolve(dir)).split(path.sep).join('/');
    const files = execFileSync('git', ['-C', root, 'ls-tree', '-r', '--name-only', against, '--', rel], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (files.length === 0) throw new Error('empty');
    const tmp = mkdtempSync(path.join(tmpdir(), 'published-'));
    const folder = path.join(tmp, path.basename(dir));
    for (const f of files) {
      const target = path.join(folder, path.relative(rel, f));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, execFileSync('git', ['-C', root, 'show', `${against}:${f}`], { maxBuffer: 1 << 28 }));
    }
    return { folder, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
  } catch {
    problems.push({ severity: 'error', file: against, message: '公表版のフォルダでも、このデータセットを含む git のリビジョンでもありません' });
    return {};
  }
}

/** Lines of a PDF with the page number printed on each page (its footer), or the physical one. */
async function lines(bytes: Buffer): Promise<Line[]> {
  const { pages } = await readPdfBytes(bytes);
  const out: Line[] = [];
  for (const p of pages) {
    const footer = p.lines.map((l) => /^-\s*(\d+)\s*-$/.exec(l.trim()) ?? /(\d+) \/ \d+$/.exec(l.trim())).find(Boolean);
    const page = footer ? Number(footer[1]) : p.number;
    // table cells are compared on their own, column by column, so that a changed cell is not
    // mixed with its neighbours on the same baseline
    const columns = [...new Set(p.segments.map((x) => Math.round(x.x)))].sort((a, b) => a - b);
    const ordered = p.segments.length > p.lines.length * 1.5 ? [...p.segments].sort((a, b) => columns.indexOf(Math.round(a.x)) - columns.indexOf(Math.round(b.x)) || a.line - b.line) : p.segments;
    for (const seg of ordered) out.push({ page, line: seg.line, text: seg.text.trim() });
  }
  return out;
}

export function compareLines(document: string, before: Line[], after: Line[]): ErrataEntry[] {
  const entries: ErrataEntry[] = [];
  const parts = diffArrays(before.map((l) => l.text), after.map((l) => l.text));
  let i = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (!p.added && !p.removed) {
      i += p.count ?? p.value.length;
      continue;
    }
    // a change is a run of removed lines and the added lines that replace them
    const removed = p.removed ? p.value : [];
    const next = p.removed && parts[k + 1]?.added ? parts[++k] : p.added ? p : undefined;
    const added = next?.value ?? [];
    const at = before[Math.min(i, before.length - 1)];
    const last = entries[entries.length - 1];
    const lastEnd = last ? last.line + Math.max(0, last.wrong.split('\n').length - 1) : -9;
    if (last && last.page === at.page && at.line - lastEnd <= 1 && removed.length + added.length > 0) {
      // neighbouring changes in one passage read better as one
      last.wrong = [last.wrong, ...removed].filter((x) => x !== '').join('\n');
      last.right = [last.right, ...added].filter((x) => x !== '').join('\n');
    } else entries.push({ document, page: at.page, line: at.line, wrong: removed.join('\n'), right: added.join('\n') });
    i += removed.length;
  }
  return entries;
}

export async function errata(dir: string, against: string, outRoot: string, log: (s: string) => void): Promise<{ problems: Problem[]; files: Written[]; view?: ErrataView }> {
  const problems: Problem[] = [];
  const { folder, cleanup } = publishedFolder(dir, against, problems);
  if (!folder) return { problems, files: [] };
  try {
    // the PDFs are compared; the workbook is not needed
    const pdfsOnly = { log: () => {}, skip: new Set(['appendix.xlsx']) };
    const before: Rendered = await renderDataset(folder, pdfsOnly);
    if (hasErrors(before.problems)) return { problems: before.problems.map((p) => ({ ...p, file: `${against}: ${p.file}` })), files: [] };
    const after: Rendered = await renderDataset(dir, pdfsOnly);
    if (hasErrors(after.problems) || !after.resolved || !after.model) return { problems: after.problems, files: [] };
    const words = Wording.load(createHandlebars(after.resolved.rule), 'errata');
    const docName = (name: string) => (name.startsWith('results-') ? words.get('doc-results') : words.get(`doc-${name}`));
    const entries: ErrataEntry[] = [];
    for (const o of after.outputs.filter((x) => x.name.endsWith('.pdf'))) {
      const old = before.outputs.find((x) => x.name === o.name);
      if (!old) continue;
      entries.push(...compareLines(docName(o.name), await lines(old.bytes), await lines(o.bytes)));
      log(`${o.name}: 比較しました`);
    }
    // headings and entries whose printed page changed
    const moved: MovedItem[] = [];
    const label = new Map<string, string>();
    for (const s of after.resolved.sections) label.set(`sec-${s.id}`, `${s.label} ${s.title}`);
    for (const s of after.resolved.booklet?.sections ?? [])
      for (const e of s.entries) label.set(e.anchor, words.get('entry', { no: e.no, title: e.title.map((t) => t.text).join(''), relisted: e.relisted }));
    for (const [anchor, to] of after.pages?.anchors ?? []) {
      const from = before.pages?.anchors.get(anchor);
      if (from !== undefined && from !== to && label.has(anchor)) moved.push({ item: label.get(anchor)!, from, to });
    }
    const view: ErrataView = { title: after.resolved.title, against, entries, moved, date: after.resolved.date, issuer: after.resolved.issuer };
    let pdf: Awaited<ReturnType<typeof renderPdf>>;
    try {
      pdf = await renderPdf(errataDocument(view, words), [dir]);
    } catch (e) {
      // the 正誤表 itself lost content in layout: nothing is written
      if (!(e instanceof ContentLostError)) throw e;
      return { problems: [...after.problems, ...lostProblems('errata.pdf', e.lost, after.resolved.words.common)], files: [], view };
    }
    const xlsx = await renderWorkbook(errataWorkbook(view, words, after.resolved.issuer));
    // the 正誤表 joins the data set's output as a whole, like a build; the documents there stay
    const inputs = inputsHash(after.raw);
    const [pdfName, xlsxName] = ERRATA_FILES;
    const { files } = publishSet(outRoot, after.model.dataset.id, {
      files: [
        { name: pdfName, bytes: pdf.bytes, pages: pdf.layout.pageCount, inputs },
        { name: xlsxName, bytes: xlsx.bytes, sheets: xlsx.sheets, inputs },
      ],
      keep: () => true,
      order: [...documentNames(after.model), ...ERRATA_FILES],
    });
    return { problems: [...after.problems], files, view };
  } finally {
    cleanup?.();
  }
}
