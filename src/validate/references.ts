// Figures and references: every figure of dataset.json's `figures` sound and placed once,
// every `{{figure "…"}}` and `{{page "…" "…"}}` in prose naming something the booklet has.
// The helpers are found in the Handlebars syntax tree, so each problem has its line and column.
import Handlebars from 'handlebars';
import type { RawDataset, JsonFile } from '../load/index.js';
import type { Dataset, Model, Section } from '../model/schema.js';
import type { Severity } from '../problem.js';
import { PAGE_KINDS, PARTS } from '../markdown/references.js';
import { imageProblem } from './images.js';
import { planWords } from '../plan/words.js';
import { Wording, createHandlebars } from '../templates/index.js';

let booklet: Wording | undefined;
const bookletWords = () => (booklet ??= Wording.load(createHandlebars({}), 'booklet'));

export interface Reporter {
  json(severity: Severity, f: JsonFile, path: (string | number)[], message: string): void;
  text(severity: Severity, rel: string, offset: number, message: string): void;
}

/** `![](#id)`: where prose places a figure of dataset.json's figures */
export const PLACEMENT = /!\[[^\]]*\]\(\s*#([^)\s]*)\s*\)/g;
const NAMED_HEADING = /^#{1,6}[ \t].*?\{#([0-9A-Za-z][0-9A-Za-z_-]*)\}[ \t]*$/gm;

interface HelperCall { name: string; args: (string | undefined)[]; line: number; column: number }

/** Every `{{page …}}` and `{{figure …}}` in a Handlebars text (string arguments; others undefined). */
function helperCalls(text: string): HelperCall[] {
  let ast: unknown;
  try {
    ast = Handlebars.parse(text);
  } catch {
    return []; // reported as a syntax error elsewhere
  }
  const calls: HelperCall[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as { type?: string; path?: { type: string; original: string }; params?: { type: string; value?: unknown }[]; loc?: { start: { line: number; column: number } } };
    if ((node.type === 'MustacheStatement' || node.type === 'SubExpression') && node.path?.type === 'PathExpression' && (node.path.original === 'page' || node.path.original === 'figure'))
      calls.push({
        name: node.path.original,
        args: (node.params ?? []).map((p) => (p.type === 'StringLiteral' ? String(p.value) : undefined)),
        line: node.loc?.start.line ?? 1,
        column: (node.loc?.start.column ?? 0) + 1,
      });
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'strip') walk(v);
  };
  walk(ast);
  return calls;
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + column - 1;
}

const sectionIds = (list: Section[]): string[] => list.flatMap((s) => [s.id, ...sectionIds(s.children ?? [])]);

export function checkFiguresAndReferences(raw: RawDataset, dataset: Dataset, initiatives: Model['initiatives'], report: Reporter): void {
  const ds = raw.json.get('dataset.json')!;
  const figures = dataset.figures ?? [];
  const byId = new Map<string, (typeof figures)[number]>();
  figures.forEach((f, i) => {
    if (byId.has(f.id)) report.json('error', ds, ['figures', i, 'id'], `図の id "${f.id}" が重複しています`);
    byId.set(f.id, f);
    if (f.image) {
      const message = imageProblem(f.image, raw);
      if (message) report.json('error', ds, ['figures', i, 'image'], message);
    }
    if (f.image && f.timeline) report.json('error', ds, ['figures', i], 'image と timeline はどちらか一つにしてください');
    if (!f.image && !f.timeline)
      report.json('warning', ds, ['figures', i], `図「${f.caption}」（${f.id}）の画像がデータにありません。冊子のその位置には、公表版の冊子を参照するよう枠で示します（画像があれば figures/ に置き、image に書いてください）`);
    const t = f.timeline;
    if (t) {
      if (t.from > t.to) report.json('error', ds, ['figures', i, 'timeline', 'to'], `表の終わりの年度（${t.to}）が始まり（${t.from}）より前です`);
      t.groups.forEach((g, gi) =>
        g.rows.forEach((r, ri) => {
          const at = ['figures', i, 'timeline', 'groups', gi, 'rows', ri, 'spans'];
          // a span read from somewhere other than the published figure is data nobody has checked yet
          if (r.unconfirmed)
            report.json('warning', ds, ['figures', i, 'timeline', 'groups', gi, 'rows', ri, 'unconfirmed'], `図「${f.caption}」の「${r.label}」の期間（${r.spans.map((x) => (x.from === x.to ? `${x.from}` : `${x.from}〜${x.to}`)).join('、')}年度）は公表版で確かめられていません。確かめたら unconfirmed を消してください`);
          const spans = r.spans.map((s, si) => ({ ...s, si })).sort((a, b) => a.from - b.from);
          for (const s of spans) {
            if (s.from > s.to) report.json('error', ds, [...at, s.si, 'to'], `「${r.label}」の終わりの年度（${s.to}）が始まり（${s.from}）より前です`);
            if (s.to < t.from || s.from > t.to) report.json('error', ds, [...at, s.si], `「${r.label}」の期間（${s.from}〜${s.to}年度）が表の年度（${t.from}〜${t.to}年度）の外です`);
          }
          for (let k = 1; k < spans.length; k++)
            if (spans[k].from <= spans[k - 1].to) report.json('error', ds, [...at, spans[k].si, 'from'], `「${r.label}」の期間が重なっています（${spans[k].from}年度）`);
        }),
      );
    }
  });

  // where figures are placed: ![](#id) in prose, `figures` of an initiative
  const placed = new Map<string, string>();
  const place = (id: string, where: string, fail: (message: string) => void) => {
    if (!byId.has(id)) fail(`図「${id}」は dataset.json の figures にありません`);
    else if (placed.has(id)) fail(`図「${id}」はすでに ${placed.get(id)} に置かれています（図は一か所にだけ置けます）`);
    else placed.set(id, where);
  };
  const headings = new Set<string>();
  for (const [rel, text] of raw.texts) {
    const lines = text.split('\n');
    for (const m of text.matchAll(PLACEMENT)) {
      const fail = (message: string) => report.text('error', rel, m.index!, message);
      // a figure is a paragraph of its own: inside a sentence Markdown would print its alt text instead
      const line = text.slice(0, m.index!).split('\n').length - 1;
      const blank = (l: number) => l < 0 || l >= lines.length || !lines[l].trim();
      if (lines[line].trim() !== m[0].trim() || !blank(line - 1) || !blank(line + 1))
        fail(`図の置き場所 ${m[0].trim()} は、前後を空行にして一行だけで書いてください`);
      else place(m[1], rel, fail);
    }
    for (const m of text.matchAll(NAMED_HEADING)) {
      if (headings.has(m[1])) report.text('error', rel, m.index!, `見出しの名前 {#${m[1]}} が重複しています`);
      headings.add(m[1]);
    }
  }
  for (const { file, data } of initiatives)
    data.figures?.forEach((id, i) => place(id, file, (message) => report.json('error', raw.json.get(file)!, ['figures', i], message)));
  figures.forEach((f, i) => {
    if (!placed.has(f.id)) report.json('warning', ds, ['figures', i, 'id'], `図「${f.caption}」（${f.id}）はどこにも置かれていません（本文に ![](#${f.id}) と書くか、事業の figures に加えてください）`);
  });

  const measures = dataset.documents.initiativeList?.measuresHeading;
  if (measures && !headings.has(measures))
    report.json('error', ds, ['documents', 'initiativeList', 'measuresHeading'], `見出し {#${measures}} が本文にありません（## 見出し {#${measures}} のように名前を付けてください）`);

  // what the booklet can point at
  const initiativeIds = new Set(initiatives.map((i) => i.id));
  const sections = new Set(sectionIds(dataset.sections));
  const hasList = Boolean(dataset.documents.initiativeList && initiatives.some((i) => i.data.schedule?.length));
  const parts = new Set(['chapter1', 'chapter2', 'chapter3', ...(hasList ? ['initiative-list'] : []), ...(raw.json.get('sites.json') ? ['sites'] : []),
    ...(dataset.documents.booklet?.references ? ['references'] : []), ...(raw.json.get('glossary.json') ? ['glossary'] : [])]);
  const kinds = PAGE_KINDS.join('・');
  for (const [rel, text] of raw.texts) {
    if (!rel.endsWith('.hbs')) continue;
    for (const c of helperCalls(text)) {
      const err = (message: string) => report.text('error', rel, offsetOf(text, c.line, c.column), message);
      const [a, b] = c.args;
      if (c.name === 'figure') {
        if (c.args.length !== 1) err('{{figure "図のid"}} のように、引用する図の id を一つ書いてください');
        else if (a === undefined) continue;
        else if (!byId.has(a)) err(`引用している図「${a}」は dataset.json の figures にありません`);
        else if (!placed.has(a)) err(`引用している図「${a}」はどこにも置かれていないため、番号がありません（本文に ![](#${a}) と書いてください）`);
        else if (byId.get(a)!.numbered === false) err(`図「${a}」は番号を付けない図（numbered: false）なので、図表番号では引用できません`);
        continue;
      }
      if (c.args.length !== 2) {
        err(`{{page "initiative" "037"}} のように、参照先の種類（${kinds}）と名前を書いてください`);
        continue;
      }
      if (a === undefined || b === undefined) continue;
      // the list is declared but not made until an initiative has a schedule (a next plan just begun)
      if (a === 'part' && b === 'initiative-list' && !hasList && dataset.documents.initiativeList) {
        report.text('warning', rel, offsetOf(text, c.line, c.column), planWords().get('warn-list-pending', { pending: bookletWords().get('list-pending') }));
        continue;
      }
      const missing =
        a === 'initiative' ? (initiativeIds.has(b) ? undefined : `頁の参照先の事業「${b}」がありません（initiatives/${b}.json）`)
        : a === 'section' ? (sections.has(b) ? undefined : `頁の参照先の節「${b}」は dataset.json の sections にありません`)
        : a === 'figure' ? (placed.has(b) ? undefined : `頁の参照先の図「${b}」は冊子に置かれていません`)
        : a === 'part' ? (parts.has(b) ? undefined : PARTS[b] ? `頁の参照先「${b}」はこの冊子にありません` : `頁の参照先の部分「${b}」はありません（${Object.keys(PARTS).join('・')} のどれか）`)
        : a === 'heading' ? (headings.has(b) ? undefined : `頁の参照先の見出し {#${b}} が本文にありません`)
        : `頁の参照先の種類「${a}」は使えません（${kinds} のどれか）`;
      if (missing) err(missing);
    }
  }
}
