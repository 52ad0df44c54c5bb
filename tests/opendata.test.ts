// The 基データ (output/<id>/data/): each rule of the 総務省 machine-readable table rules and of
// the 自治体標準オープンデータセット checked on the CSVs and the workbook of both data sets.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { TEST_OUTPUT } from './setup/build-outputs.js';
import { parseCsv } from './helpers/csv.js';
import { initiatives, json } from './helpers/data.js';
import { renderCsv } from '../src/render/csv.js';
import { oneLine } from '../src/documents/data/tables.js';
import { asOfText } from '../src/resolve/initiative-list.js';
import { fiscalYearLong } from '../src/era/index.js';
import { createHandlebars, Wording } from '../src/templates/index.js';

const SETS = [
  { id: 'miyagi-ict-plan', code: '040002', name: '宮城県' },
  { id: 'fukushima-ict-strategy', code: '070009', name: '福島県' },
];

interface Table {
  file: string;
  header: string[];
  rows: string[][];
  raw: Buffer;
}
const tablesOf = (id: string): Table[] => {
  const dir = path.join(TEST_OUTPUT, id, 'data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((file) => {
      const raw = readFileSync(path.join(dir, file));
      const [header, ...rows] = parseCsv(raw.toString('utf8').replace(/^\uFEFF/, ''));
      return { file, header, rows, raw };
    });
};
/** column name → type and unit, from the data dictionary */
const dictionary = (id: string) => {
  const t = tablesOf(id).find((x) => x.file === 'columns.csv')!;
  const col = (name: string) => t.header.indexOf(name);
  return t.rows.map((r) => ({ file: r[col('ファイル')], column: r[col('項目名')], about: r[col('説明')], type: r[col('型')], unit: r[col('単位')] }));
};

describe.each(SETS)('open data of $id', ({ id, code, name }) => {
  let tables: Table[];
  beforeAll(() => {
    tables = tablesOf(id);
  });

  it('writes UTF-8 with a BOM, CRLF line ends and a header row, every row as wide as the header (no merged or layout rows)', () => {
    expect(tables.length).toBeGreaterThanOrEqual(2);
    for (const t of tables) {
      expect([...t.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(Buffer.from(t.raw.toString('utf8'), 'utf8').equals(t.raw)).toBe(true);
      expect(t.raw.toString('utf8').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(t.header.length).toBeGreaterThan(2);
      expect(new Set(t.header).size).toBe(t.header.length);
      for (const r of t.rows) expect(r.length, `${t.file}: ${r.join(',').slice(0, 40)}`).toBe(t.header.length);
    }
  });

  it('starts every data table with 全国地方公共団体コード, ID and 地方公共団体名, named once in dataset.json', () => {
    expect(json(id, 'dataset.json').localGovernmentCode).toBe(code);
    for (const t of tables.filter((x) => x.file !== 'columns.csv')) {
      expect(t.header.slice(0, 3)).toEqual(['全国地方公共団体コード', 'ID', '地方公共団体名']);
      for (const r of t.rows) expect([r[0], r[2]]).toEqual([code, name]);
      // an ID names one row
      expect(new Set(t.rows.map((r) => r[1])).size).toBe(t.rows.length);
    }
  });

  it('has a row per initiative with its stable 事業ID (the data file name), 事業名, 部局 and 課室 in their own columns', () => {
    const t = tables.find((x) => x.file === 'initiatives.csv')!;
    const col = (h: string) => t.header.indexOf(h);
    const ids = initiatives(id).map((i) => i.id);
    expect(t.rows.map((r) => r[col('事業ID')]).sort()).toEqual(ids);
    for (const { id: iid, data } of initiatives(id)) {
      const r = t.rows.find((x) => x[col('事業ID')] === iid)!;
      expect(r[col('事業名')]).toBe(data.title);
      expect(r[col('部局')]).toBe(data.department);
      const divisions = Array.isArray(data.division) ? data.division : [data.division];
      divisions.forEach((d: string, k: number) => expect(r[col(`課室${k + 1}`)]).toBe(d));
      // no 【部局】 typed into the name, as the print appendix has it
      expect(r[col('事業名')]).not.toContain('【');
    }
  });

  it('gives every column of every 事業 row the value the data holds, as DATA-FORMAT.md defines it, and 新規 as every other form marks it', () => {
    const t = tables.find((x) => x.file === 'initiatives.csv')!;
    const ds = json(id, 'dataset.json');
    // section numbers (the booklet's 1(1)① as 1-1-1) and titles, from the tree: positions from the top down
    const info = new Map<string, { path: string; title: string; top: { path: string; title: string } }>();
    const walk = (list: any[], above: string, top?: { path: string; title: string }) =>
      list.forEach((s: any, k: number) => {
        const path = above ? `${above}-${k + 1}` : String(k + 1);
        const mine = top ?? { path, title: s.title };
        info.set(s.id, { path, title: s.title, top: mine });
        walk(s.children ?? [], path, mine);
      });
    walk(ds.sections, '');
    // 官民データ施策 as codes: the position in the data set's list, which is the number of its mark (① is 1)
    const codes = new Map((ds.policyMeasures ?? []).map((m: any, k: number) => [m.id, String(k + 1)]));
    (ds.policyMeasures ?? []).forEach((m: any, k: number) => expect(m.mark.codePointAt(0) - 0x245f).toBe(k + 1));
    // 新規 in the results of every year, as their own table (another form) prints it
    const newIn = new Set<string>();
    for (const r of tables.filter((x) => /^results-\d{4}\.csv$/.test(x.file)))
      for (const row of r.rows) if (row[r.header.indexOf('新規（新規=1）')] === '1') newIn.add(row[r.header.indexOf('事業ID')]);
    const all = initiatives(id);
    const lists = (f: (d: any) => string[]) => all.map((i) => f(i.data));
    const repeated = (name: string, f: (d: any) => string[]) =>
      Array.from({ length: Math.max(1, ...lists(f).map((l) => l.length)) }, (_, k) => [`${name}${k + 1}`, (d: any) => f(d)[k] ?? ''] as const);
    const divisions = (d: any) => (Array.isArray(d.division) ? d.division : [d.division]);
    const columns: (readonly [string, (d: any, iid: string) => string])[] = [
      ['全国地方公共団体コード', () => code],
      ['ID', (_d, iid) => iid],
      ['地方公共団体名', () => name],
      ['事業ID', (_d, iid) => iid],
      ['事業番号', (d) => String(d.no)],
      ['事業名', (d) => d.title],
      ['部局', (d) => d.department],
      ...repeated('課室', divisions),
      ['重点目標番号', (d) => info.get(d.section)!.top.path],
      ['重点目標', (d) => info.get(d.section)!.top.title],
      ['節ID', (d) => d.section],
      ['節番号', (d) => info.get(d.section)!.path],
      ['節の名称', (d) => info.get(d.section)!.title],
      ['新規（新規=1）', (d) => (d.isNew || Object.values(d.results ?? {}).some((r: any) => r.isNew) ? '1' : '0')],
      // one line: no line break inside a cell (統一ルール)
      ['取組概要', (d) => oneLine(d.description ?? '')],
      ...repeated('再掲先の節番号', (d) => (d.relistedIn ?? []).map((r: any) => info.get(typeof r === 'string' ? r : r.section)!.path)),
      ...repeated('従たる目標', (d) => (d.secondaryGoals ?? []).map((g: string) => info.get(g)!.title)),
      ...repeated('官民データ施策コード', (d) => (d.policyMeasures ?? []).map((m: string) => codes.get(m))),
    ];
    // every column is compared: none of the table is left out, none is expected that it lacks
    expect([...t.header].sort()).toEqual(columns.map(([h]) => h).sort());
    let marked = 0;
    for (const { id: iid, data } of all) {
      const row = t.rows.find((x) => x[t.header.indexOf('事業ID')] === iid)!;
      expect(Object.fromEntries(t.header.map((h, k) => [h, row[k]])), iid).toEqual(Object.fromEntries(columns.map(([h, f]) => [h, f(data, iid)])));
      // the results of a year that mark it 新規 are another form saying the same
      const isNew = row[t.header.indexOf('新規（新規=1）')] === '1';
      if (newIn.has(iid)) expect(isNew, `${iid}: 新規 in the results, not in initiatives.csv`).toBe(true);
      if (isNew) marked++;
    }
    // Fukushima's results mark 12 initiatives 新規 (issue 23: the 事業 table had them 0)
    if (id.startsWith('fukushima')) expect(marked).toBe(12);
    expect(marked).toBeGreaterThanOrEqual(newIn.size);
  });

  it('lists the 官民データ施策 codes in a code table (policy-measures.csv): code, name, as the data set lists them', () => {
    const ds = json(id, 'dataset.json');
    const t = tables.find((x) => x.file === 'policy-measures.csv');
    if (!ds.policyMeasures?.length) return expect(t).toBeUndefined();
    expect(t!.header).toEqual(['全国地方公共団体コード', 'ID', '地方公共団体名', '官民データ施策コード', '官民データ施策の名称']);
    expect(t!.rows).toEqual(ds.policyMeasures.map((m: any, k: number) => [code, m.id, name, String(k + 1), m.title]));
    // every code the 事業 table uses is in the table
    const i = tables.find((x) => x.file === 'initiatives.csv')!;
    const used = i.header.flatMap((h, c) => (h.startsWith('官民データ施策コード') ? i.rows.map((r) => r[c]) : [])).filter(Boolean);
    expect(used.length).toBeGreaterThan(10);
    for (const u of used) expect(t!.rows.map((r) => r[3])).toContain(u);
  });

  it('holds no line break and no 丸数字 in any cell of any table, the data dictionary included (統一ルール)', () => {
    let cells = 0;
    for (const t of tables)
      for (const r of t.rows)
        for (const c of r) {
          expect(c, t.file).not.toMatch(/[\r\n\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf]/);
          cells++;
        }
    expect(cells).toBeGreaterThan(500);
  });

  it('gives every column of every 指標 row the value the data holds: time points in ISO 8601, the 和暦 beside them as the list prints it', () => {
    const t = tables.find((x) => x.file === 'indicators.csv');
    const all = initiatives(id).flatMap(({ id: iid, data }) => (data.indicators ?? []).map((ind: any, k: number) => ({ iid, data, ind, seq: k + 1 })));
    if (!all.length) return expect(t).toBeUndefined();
    // the 和暦 as the list and the booklet print it, under the data set's era rule
    const common = Wording.load(createHandlebars({ asOf: json(id, 'dataset.json').era?.asOf }), 'common');
    const iso = (a: any): string => {
      if (a.month) {
        const [y, m] = a.month.split('-').map(Number);
        return `${a.month}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
      }
      if (a.fiscalYear) return a.point === 'end' ? `${a.fiscalYear + 1}-03-31` : `${a.fiscalYear}-04/${a.fiscalYear + 1}-03`;
      return String(a.year);
    };
    const expected = all.map(({ iid, data, ind, seq }) => [
      code,
      `${iid}-${seq}`,
      name,
      iid,
      String(data.no),
      data.title,
      String(seq),
      ind.name,
      iso(ind.baseline.asOf),
      asOfText(ind.baseline.asOf, common),
      ind.baseline.value,
      iso(ind.target.asOf),
      asOfText(ind.target.asOf, common),
      ind.target.value,
    ]);
    expect(t!.header).toEqual([
      '全国地方公共団体コード',
      'ID',
      '地方公共団体名',
      '事業ID',
      '事業番号',
      '事業名',
      '連番',
      '指標名',
      '現状値の時点（西暦）',
      '現状値の時点（和暦）',
      '現状値',
      '目標値の時点（西暦）',
      '目標値の時点（和暦）',
      '目標値',
    ]);
    expect([...t!.rows].sort((a, b) => a[1].localeCompare(b[1]))).toEqual(expected.sort((a, b) => a[1].localeCompare(b[1])));
    for (const r of t!.rows) for (const c of [8, 11]) expect(r[c]).toMatch(/^\d{4}(-\d{2}-\d{2}|-04\/\d{4}-03)?$/);
  });

  it('gives every column of every スケジュール row the value the data holds, spans in the order of their years', () => {
    const t = tables.find((x) => x.file === 'schedule.csv');
    const rule = { asOf: json(id, 'dataset.json').era?.asOf };
    const expected = initiatives(id).flatMap(({ id: iid, data }) =>
      [...(data.schedule ?? [])]
        .sort((a: any, b: any) => a.from - b.from)
        .map((sp: any, k: number) => [
          code,
          `${iid}-${k + 1}`,
          name,
          iid,
          String(data.no),
          data.title,
          String(k + 1),
          String(sp.from),
          fiscalYearLong(sp.from, rule),
          String(sp.to),
          fiscalYearLong(sp.to, rule),
          oneLine(sp.label),
        ]),
    );
    if (!expected.length) return expect(t).toBeUndefined();
    expect(t!.header).toEqual([
      '全国地方公共団体コード',
      'ID',
      '地方公共団体名',
      '事業ID',
      '事業番号',
      '事業名',
      '連番',
      '開始年度（西暦）',
      '開始年度（和暦）',
      '終了年度（西暦）',
      '終了年度（和暦）',
      '内容',
    ]);
    expect([...t!.rows].sort((a, b) => a[1].localeCompare(b[1]))).toEqual(expected.sort((a, b) => a[1].localeCompare(b[1])));
  });

  it('gives the text columns of every 事業実施結果 row the data as one line (取組概要, 目標の達成度, 取組実績・成果等, 部局, 課室)', () => {
    const byId = new Map(initiatives(id).map((i) => [i.id, i.data]));
    const results = tables.filter((x) => /^results-\d{4}\.csv$/.test(x.file));
    let rows = 0;
    for (const t of results) {
      const fy = t.file.slice(8, 12);
      const col = (h: string) => t.header.indexOf(h);
      for (const r of t.rows) {
        const d = byId.get(r[col('事業ID')])!;
        const divisions = Array.isArray(d.division) ? d.division : [d.division];
        const got = [
          r[col('事業名')],
          r[col('取組概要')],
          r[col('目標の達成度')],
          r[col('取組実績・成果等')],
          r[col('部局')],
          ...divisions.map((_: string, k: number) => r[col(`課室${k + 1}`)]),
        ];
        expect(got).toEqual(
          [d.title, d.description ?? '', d.results[fy].achievement ?? '', d.results[fy].outcome ?? ''].map(oneLine).concat([d.department, ...divisions]),
        );
        rows++;
      }
    }
    if (id.startsWith('fukushima')) expect(rows).toBe(103);
  });

  it('never leaves an item name out: every row names its 事業 (ID and 事業名) wherever the table has them', () => {
    for (const t of tables) {
      for (const h of ['事業ID', '事業名', 'ID', '項目名']) {
        const c = t.header.indexOf(h);
        if (c >= 0) for (const r of t.rows) expect(r[c], `${t.file} ${h}`).not.toBe('');
      }
    }
  });

  it('writes numbers as numbers (no 円, comma, ▲ or unit typed in) and states every unit in the header', () => {
    const dict = dictionary(id);
    const numeric = dict.filter((d) => d.type === '数値');
    expect(numeric.length).toBeGreaterThan(3);
    for (const d of numeric) {
      const t = tables.find((x) => x.file === d.file)!;
      const c = t.header.indexOf(d.column);
      expect(c, `${d.file} ${d.column}`).toBeGreaterThanOrEqual(0);
      for (const r of t.rows) expect(r[c], `${d.file} ${d.column}`).toMatch(/^(-?\d+(\.\d+)?)?$/);
      if (d.unit) expect(d.column).toContain(`（${d.unit}）`);
    }
    if (id.startsWith('fukushima')) {
      const results = tables.find((x) => x.file === 'results-2017.csv')!;
      const c = results.header.indexOf('事業費（千円）');
      const sum = results.rows.reduce((a, r) => a + Number(r[c] || 0), 0);
      // 75,638,203 千円: the total the report prints
      expect(sum).toBe(75638203);
    }
  });

  it('gives every 西暦 year a 和暦 column right beside it', () => {
    let seen = 0;
    for (const t of tables.filter((x) => x.file !== 'columns.csv'))
      t.header.forEach((h, i) => {
        if (!h.includes('（西暦）')) return;
        seen++;
        expect(t.header[i + 1]).toBe(h.replace('（西暦）', '（和暦）'));
        if (h.includes('年度')) for (const r of t.rows) expect(r[i + 1]).toMatch(new RegExp(`^(平成|令和)(元|\\d+)年度$`));
      });
    expect(seen).toBeGreaterThan(0);
  });

  it('keeps schedule spans and indicators in tables of their own, a row per span and per indicator', () => {
    const spans = initiatives(id).reduce((n, i) => n + (i.data.schedule?.length ?? 0), 0);
    const indicators = initiatives(id).reduce((n, i) => n + (i.data.indicators?.length ?? 0), 0);
    expect(tables.find((x) => x.file === 'schedule.csv')?.rows.length ?? 0).toBe(spans);
    expect(tables.find((x) => x.file === 'indicators.csv')?.rows.length ?? 0).toBe(indicators);
  });

  it('names every column of every table in the data dictionary (columns.csv), with its type', () => {
    const dict = dictionary(id);
    for (const t of tables)
      for (const h of t.header)
        expect(
          dict.some((d) => d.file === t.file && d.column === h && d.about && d.type),
          `${t.file} ${h}`,
        ).toBe(true);
    expect(dict.length).toBe(tables.reduce((n, t) => n + t.header.length, 0));
  });

  it('holds the same tables in opendata.xlsx, one per sheet: header row, no merges, numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(TEST_OUTPUT, id, 'data', 'opendata.xlsx'));
    expect(wb.worksheets.length).toBe(tables.length);
    const dict = dictionary(id);
    for (const ws of wb.worksheets) {
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const t = tables.find((x) => x.header.join() === header.join() && x.rows.length === ws.rowCount - 1);
      expect(t, ws.name).toBeDefined();
      expect(Object.keys((ws as unknown as { _merges: object })._merges)).toEqual([]);
      t!.rows.forEach((r, i) =>
        r.forEach((v, c) => {
          const cell = ws.getRow(i + 2).getCell(c + 1).value;
          const numeric = dict.find((d) => d.file === t!.file && d.column === t!.header[c])?.type === '数値';
          if (v === '') expect(cell ?? null).toBe(null);
          else expect(cell).toBe(numeric ? Number(v) : v);
          // text as text: 040002, 001, 1-01 and 1-1-1 stay as written when Excel shows or edits them
          if (!numeric) expect(ws.getRow(i + 2).getCell(c + 1).numFmt, `${ws.name} ${t!.header[c]}`).toBe('@');
        }),
      );
      for (const h of ['全国地方公共団体コード', 'ID', '事業ID', '節ID', '節番号'].filter((x) => t!.header.includes(x)))
        expect(typeof ws.getRow(2).getCell(t!.header.indexOf(h) + 1).value, `${ws.name} ${h}`).toBe('string');
    }
  });
});

describe('docs/open-data.md, the published contract of the columns', () => {
  it('names every column of every table of both data sets with the type, unit and meaning of columns.csv, and no column that is not made', () => {
    const doc = readFileSync(path.join(__dirname, '..', 'docs', 'open-data.md'), 'utf8');
    // `<年度>`, `<n>` and `<区分>` in a name stand for a year, a number and an achievement category
    const pattern = (s: string) =>
      new RegExp(
        `^${s
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace('<年度>', '\\d{4}')
          .replace('<n>', '\\d+')
          .replace('<区分>', '.+')}$`,
      );
    const rows: { file: RegExp; column: RegExp; type: string; unit: string; about: string; line: number; used: number }[] = [];
    let file: RegExp | undefined;
    doc.split('\n').forEach((line, k) => {
      const heading = line.match(/^## `([^`]+)`/);
      if (heading) file = pattern(heading[1]);
      else if (line.startsWith('## ')) file = undefined;
      const cells = line
        .match(/^\| (.*) \|$/)?.[1]
        .split(' | ')
        .map((c) => c.trim());
      if (file && cells && cells.join() !== '項目名,型,単位,説明' && !/^-+$/.test(cells[0]))
        rows.push({ file, column: pattern(cells[0]), type: cells[1], unit: cells[2], about: cells[3], line: k + 1, used: 0 });
    });
    expect(rows.length).toBeGreaterThan(50);
    for (const { id } of SETS)
      for (const d of dictionary(id)) {
        const row = rows.find((r) => r.file.test(d.file) && r.column.test(d.column));
        expect(row, `${id}: ${d.file} ${d.column} is not in docs/open-data.md`).toBeDefined();
        expect({ type: row!.type, unit: row!.unit, about: row!.about }, `${d.file} ${d.column}`).toEqual({ type: d.type, unit: d.unit, about: d.about });
        row!.used++;
      }
    expect(rows.filter((r) => !r.used).map((r) => `line ${r.line}: ${r.column}`)).toEqual([]);
  });
});

describe('one line per cell', () => {
  it('joins the lines of a text directly after 。, else with a space, and drops empty lines', () => {
    expect(oneLine('保守管理を行う。\r\nCMS操作研修会を開催する。')).toBe('保守管理を行う。CMS操作研修会を開催する。');
    expect(oneLine('(1) 観光客入込状況\n目標60,600千人\n\n(2) 県内宿泊旅行者数')).toBe('(1) 観光客入込状況 目標60,600千人 (2) 県内宿泊旅行者数');
    expect(oneLine('\r=1+1')).toBe('=1+1');
    expect(oneLine(' 前後の空白 ')).toBe(' 前後の空白 ');
  });
});

describe('CSV writer', () => {
  it('quotes a field only when it holds a comma, a quote or a line break, and writes a line break inside one as CRLF', () => {
    const text = renderCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['1\n2', 3],
      ],
    ).toString('utf8');
    expect(text).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"1\r\n2",3\r\n');
    expect(parseCsv(text.slice(1))).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['1\r\n2', '3'],
    ]);
  });
});
