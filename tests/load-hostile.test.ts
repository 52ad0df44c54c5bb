// Hostile and broken input at the load and figure stages (issue 17, items 2, 5, 6 and 9):
// each case is a changed copy of `mini`; validation must refuse it with the file and a
// fitting message (exit 1), never read outside the data set, never crash.
import { describe, it, expect, afterAll } from 'vitest';
import {
  cpSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  appendFileSync,
  existsSync,
  readdirSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { checkDataset, buildDataset } from '../src/pipeline.js';
import { formatProblem, hasErrors, type Problem } from '../src/problem.js';
import { tooDeepAt } from '../src/load/json-checks.js';
import { MAX_TEXT_BYTES } from '../src/load/index.js';
import { TEXT_FILE_MAX } from '../src/validate/templates.js';
import { blockNodes } from '../src/documents/pdf/pdf-text.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { png, solidPng, ihdr, chunk, PNG_SIGNATURE, JPEG_BASELINE, JPEG_PROGRESSIVE } from './helpers/images.js';
import { runCli } from './helpers/cli.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');
const work = mkdtempSync(path.join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A copy of mini changed by `change`; `outside` is a folder beside it, not in the data set. */
function variant(change: (data: string, outside: string) => void): string {
  const base = path.join(work, String(n++));
  const data = path.join(base, 'mini');
  const outside = path.join(base, 'outside');
  cpSync(MINI, data, { recursive: true });
  mkdirSync(outside);
  change(data, outside);
  return data;
}

const shown = (ps: Problem[]) => ps.map((p) => formatProblem(p)).join('\n');
/** validation's problems; asserts it refuses (what the CLI turns into exit 1) */
function refused(data: string): Problem[] {
  const { problems, model } = checkDataset(data);
  expect(hasErrors(problems), shown(problems)).toBe(true);
  expect(model).toBeUndefined();
  return problems;
}
function expectError(ps: Problem[], file: string, ...words: string[]): Problem {
  const hit = ps.find((p) => p.severity === 'error' && p.file === file && words.every((w) => p.message.includes(w)));
  expect(hit, `${file} ${words.join(' ')} in:\n${shown(ps)}`).toBeDefined();
  return hit!;
}

const cli = runCli;

/** `name` put in figures/ and shown in the intro text */
const withFigure = (name: string, bytes: Buffer | string) =>
  variant((d) => {
    writeFileSync(path.join(d, 'figures', name), bytes);
    appendFileSync(path.join(d, 'text', 'intro.md.hbs'), `\n\n![図表9 試し](figures/${name})\n`);
  });

describe('nothing outside the data set is read', () => {
  it('a text file linked to /etc/passwd is refused, and its text never reaches a build', () => {
    const data = variant((d) => {
      rmSync(path.join(d, 'text', '1-1.md.hbs'));
      symlinkSync('/etc/passwd', path.join(d, 'text', '1-1.md.hbs'));
    });
    expectError(refused(data), 'text/1-1.md.hbs', 'データセットの外を指すリンクです', '/etc/passwd');
    const out = path.join(path.dirname(data), 'out');
    const r = cli(['build', '--data', data, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('データセットの外を指すリンクです');
    expect(r.stdout + r.stderr).not.toMatch(/root:.*:0:0:/);
    expect(existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []).toEqual([]);
  });

  it('a figures/ folder linked outside is refused, and nothing in it is read', () => {
    const data = variant((d, outside) => {
      renameSync(path.join(d, 'figures'), path.join(outside, 'figures'));
      symlinkSync(path.join(outside, 'figures'), path.join(d, 'figures'));
    });
    const ps = refused(data);
    expectError(ps, 'figures', 'データセットの外を指すリンクです', 'outside');
    expect(ps.some((p) => p.file.startsWith('figures/'))).toBe(false);
  });

  it('a text/ folder linked outside is refused', () => {
    const data = variant((d, outside) => {
      renameSync(path.join(d, 'text'), path.join(outside, 'text'));
      symlinkSync(path.join(outside, 'text'), path.join(d, 'text'));
    });
    expectError(refused(data), 'text', 'データセットの外を指すリンクです');
  });

  it('a folder linked outside deeper down is refused, and not followed', () => {
    const data = variant((d, outside) => {
      writeFileSync(path.join(outside, 'secret.svg'), '<svg width="1" height="1"/>');
      symlinkSync(outside, path.join(d, 'figures', 'sub'));
    });
    const ps = refused(data);
    expectError(ps, 'figures/sub', 'データセットの外を指すリンクです');
    expect(ps.some((p) => p.file.includes('secret'))).toBe(false);
  });

  it('an initiative or a figure linked to a file outside is refused', () => {
    const data = variant((d, outside) => {
      cpSync(path.join(d, 'initiatives', '002.json'), path.join(outside, '002.json'));
      rmSync(path.join(d, 'initiatives', '002.json'));
      symlinkSync(path.join(outside, '002.json'), path.join(d, 'initiatives', '002.json'));
      cpSync(path.join(d, 'figures', 'flow.svg'), path.join(outside, 'flow.svg'));
      rmSync(path.join(d, 'figures', 'flow.svg'));
      symlinkSync('../../outside/flow.svg', path.join(d, 'figures', 'flow.svg'));
    });
    const ps = refused(data);
    expectError(ps, 'initiatives/002.json', 'データセットの外を指すリンクです', '002.json');
    expectError(ps, 'figures/flow.svg', 'データセットの外を指すリンクです', '../../outside/flow.svg');
  });

  it('a dangling link is an error naming it, not a silent skip', () => {
    const data = variant((d) => symlinkSync('no-such-file.json', path.join(d, 'initiatives', '003.json')));
    expectError(refused(data), 'initiatives/003.json', 'リンク先がありません', 'no-such-file.json');
  });

  it('a link inside the data set is refused too (README: links are not used)', () => {
    const data = variant((d) => symlinkSync('../dataset.json', path.join(d, 'text', 'extra.md.hbs')));
    expectError(refused(data), 'text/extra.md.hbs', 'リンク（シンボリックリンク）は使えません');
  });
});

describe('files in the wrong shape are named, not skipped', () => {
  for (const name of ['dataset.json', 'glossary.json', 'sites.json']) {
    it(`${name} as a folder`, () => {
      const data = variant((d) => {
        rmSync(path.join(d, name), { force: true });
        mkdirSync(path.join(d, name));
      });
      expectError(refused(data), name, `${name} がフォルダになっています`);
    });
  }

  it('dataset.json as a folder fails the build with exit 1 (it used to exit 0 writing nothing)', () => {
    const data = variant((d) => {
      rmSync(path.join(d, 'dataset.json'));
      mkdirSync(path.join(d, 'dataset.json'));
    });
    const r = cli(['validate', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dataset.json がフォルダになっています');
  });

  it('an initiative file that is a folder', () => {
    const data = variant((d) => mkdirSync(path.join(d, 'initiatives', '003.json')));
    expectError(refused(data), 'initiatives/003.json', 'フォルダになっています');
  });

  it('an initiative named .JSON is an error asking to rename it', () => {
    const data = variant((d) => renameSync(path.join(d, 'initiatives', '002.json'), path.join(d, 'initiatives', '002.JSON')));
    expectError(refused(data), 'initiatives/002.JSON', '小文字の .json', '「initiatives/002.json」に名前を変えて');
  });

  it('a named pipe among the texts is refused without hanging the read', () => {
    const data = variant((d) => execFileSync('mkfifo', [path.join(d, 'text', 'pipe.md.hbs')]));
    expectError(refused(data), 'text/pipe.md.hbs', '普通のファイルではありません');
  });

  it('text as a file where a folder belongs', () => {
    const data = variant((d) => {
      rmSync(path.join(d, 'text'), { recursive: true });
      writeFileSync(path.join(d, 'text'), 'x');
    });
    expectError(refused(data), 'text', 'フォルダにしてください');
  });
});

describe('JSON beyond the parser', () => {
  it('a key written twice is an error at the second key, with its line, column and path', () => {
    const data = variant((d) => {
      const f = path.join(d, 'initiatives', '001.json');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/\n(\s*)"title": ("[^"]*"),/, '\n$1"title": $2,\n$1"title": "後の名称",'));
    });
    const hit = expectError(refused(data), 'initiatives/001.json', '項目 "title" が同じオブジェクトの中に2回');
    const text = readFileSync(path.join(data, 'initiatives', '001.json'), 'utf8');
    const second = text.indexOf('"title"', text.indexOf('"title"') + 1);
    const before = text.slice(0, second).split('\n');
    expect([hit.line, hit.column]).toEqual([before.length, before[before.length - 1].length + 1]);
    expect(hit.path).toEqual(['title']);
  });

  it('a nested duplicate is found too', () => {
    const data = variant((d) => {
      const f = path.join(d, 'dataset.json');
      writeFileSync(f, readFileSync(f, 'utf8').replace('"from": 2017,', '"from": 2017, "from": 2018,'));
    });
    expect(expectError(refused(data), 'dataset.json', '"from"').path).toEqual(['period', 'from']);
  });

  it('a value nested 100,000 deep is an error at its place, not a stack overflow', () => {
    const data = variant((d) => writeFileSync(path.join(d, 'initiatives', '003.json'), `{\n  "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}\n}\n`));
    const hit = expectError(refused(data), 'initiatives/003.json', '入れ子が深すぎます（64 段まで）');
    expect([hit.line, hit.column]).toEqual([2, 8 + 63]);
  });

  it('the depth scan counts brackets outside strings only, and 64 levels pass', () => {
    expect(tooDeepAt('['.repeat(64) + ']'.repeat(64))).toBe(-1);
    expect(tooDeepAt('['.repeat(65) + ']'.repeat(65))).toBe(64);
    expect(tooDeepAt(`["${'['.repeat(100)}\\"${'{'.repeat(100)}"]`)).toBe(-1);
  });
});

describe('figures are decoded at validation', () => {
  const refusedFigure = (name: string, bytes: Buffer | string, ...words: string[]) =>
    expectError(refused(withFigure(name, bytes)), `figures/${name}`, ...words);

  it('a PNG header claiming 2³¹×2³¹ is an error, not an uncaught exception', () => {
    const bomb = Buffer.concat([
      PNG_SIGNATURE,
      ihdr(2 ** 31, 2 ** 31),
      chunk('IDAT', Buffer.from([0x78, 0x9c, 3, 0, 0, 0, 0, 1])),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    refusedFigure('bomb.png', bomb, 'PNG のファイルが壊れています', '2147483648×2147483648');
    const big = Buffer.concat([PNG_SIGNATURE, ihdr(0x7fffffff, 0x7fffffff), chunk('IEND', Buffer.alloc(0))]);
    refusedFigure('big.png', big, '画像が大きすぎます', '上限は 40 メガ画素');
  });

  it('a valid 20000×20000 PNG (small on disk) is refused by its pixel count', () => {
    const bytes = solidPng(20000, 20000);
    expect(bytes.length).toBeLessThan(1_000_000);
    refusedFigure('huge.png', bytes, '画像が大きすぎます（20000×20000 画素');
  });

  it('a truncated or corrupt PNG is named', () => {
    const good = png(40, 30);
    refusedFigure('cut.png', good.subarray(0, good.length - 30), 'PNG のファイルが途中で切れています');
    const flipped = Buffer.from(good);
    flipped[good.length - 20] ^= 0xff; // inside IDAT: the CRC no longer matches
    refusedFigure('flip.png', flipped, 'PNG のファイルが壊れています', 'IDAT のチェックサム');
    // a good CRC over bad image data: too few rows, a filter byte out of range
    const short = Buffer.concat([PNG_SIGNATURE, ihdr(40, 30), chunk('IDAT', zlib.deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
    refusedFigure('short.png', short, 'PNG のファイルが途中で切れています');
    const rows = Buffer.alloc(30 * (1 + 40 * 4));
    rows[0] = 9;
    const filter = Buffer.concat([PNG_SIGNATURE, ihdr(40, 30), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
    refusedFigure('filter.png', filter, '行のフィルタ 9');
  });

  it('a truncated or corrupt JPEG is named', () => {
    refusedFigure('cut.jpg', JPEG_BASELINE.subarray(0, JPEG_BASELINE.length - 40), 'JPEG のファイルが途中で切れています');
    refusedFigure('soi.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'JPEG のファイルが壊れています', 'SOF');
    const noFrame = Buffer.from(JPEG_BASELINE);
    const sof = noFrame.indexOf(Buffer.from([0xff, 0xc0]));
    noFrame[sof + 1] = 0xc3; // lossless: PDF cannot show it
    refusedFigure('lossless.jpg', noFrame, 'この JPEG は印刷できません');
  });

  it('a figure over the byte limit is not read', () => {
    const data = variant((d) => {
      writeFileSync(path.join(d, 'figures', 'large.png'), '');
      truncateSync(path.join(d, 'figures', 'large.png'), 25e6); // sparse: no disk used
    });
    expectError(refused(data), 'figures/large.png', '大きすぎます（25.0 MB。上限は 20 MB');
  });

  const svg = (body: string, attrs = 'width="10" height="10"') =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`;

  it('a malformed SVG is an error with its line and column', () => {
    const hit = refusedFigure('bad.svg', '<svg width="1" height="1">\n  <g>\n</svg>', 'SVG（XML）の書き方の誤り');
    expect(hit.line).toBe(3);
    // lines end at CR LF and CR too (issue 28), as XML itself reads them
    for (const [name, eol] of [
      ['cr.svg', '\r'],
      ['crlf.svg', '\r\n'],
    ]) {
      const other = refusedFigure(name, `<svg width="1" height="1">${eol}  <g>${eol}</svg>`, 'SVG（XML）の書き方の誤り');
      expect([other.line, other.column]).toEqual([hit.line, hit.column]);
    }
    refusedFigure('root.svg', '<html width="1" height="1"/>', '<svg> ではありません（<html>）');
    refusedFigure('empty.svg', '', 'SVG に <svg> 要素がありません');
    refusedFigure('sjis.svg', Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x3e, 0x82, 0xa0, 0x3c, 0x2f, 0x73, 0x76, 0x67, 0x3e]), 'UTF-8 ではありません');
  });

  it('an SVG without a size is refused', () => {
    refusedFigure('nosize.svg', svg('<rect width="5" height="5"/>', ''), 'SVG の大きさがわかりません');
    refusedFigure('zero.svg', svg('', 'width="0" height="10"'), 'SVG の大きさがわかりません');
    refusedFigure('viewbox.svg', svg('', 'viewBox="0 0 10"'), 'viewBox="0 0 10"');
  });

  it('an SVG nested 50,000 deep is refused at the limit', () => {
    refusedFigure('deep.svg', svg('<g>'.repeat(50_000) + '</g>'.repeat(50_000)), '入れ子が深すぎます（200 段まで）');
  });

  it('an SVG whose <use> chains stand for billions of elements is refused before drawing', () => {
    let defs = '<rect id="l0" width="1" height="1"/>';
    for (let i = 1; i <= 10; i++) defs += `<g id="l${i}">${'<use href="#lX"/>'.replaceAll('X', String(i - 1)).repeat(10)}</g>`;
    refusedFigure('laughs.svg', svg(`<defs>${defs}</defs><use href="#l10"/>`), 'SVG の描く要素が多すぎます', '20,000 個');
    refusedFigure('many.svg', svg('<rect width="1" height="1"/>'.repeat(20_001)), '20,000 個');
  });

  it('an SVG with a DOCTYPE or an entity is refused', () => {
    refusedFigure('dtd.svg', `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`, 'DOCTYPE');
  });

  it('an SVG image element is refused whatever it names; outside references too', () => {
    refusedFigure('img.svg', svg('<image href="/etc/hosts.png" width="5" height="5"/>'), '<image href="/etc/hosts.png">');
    refusedFigure('ximg.svg', svg('<image xlink:href="../secret.png" width="5" height="5"/>'), '<image href="../secret.png">');
    refusedFigure('data.svg', svg('<image href="data:image/png;base64,AAAA"/>'), '<image href="data:image/png;base64,AAAA">');
    refusedFigure('fe.svg', svg('<filter id="f"><feImage href="#r"/></filter>'), '<feImage href="#r">');
    refusedFigure('use.svg', svg('<use href="other.svg#x"/>'), '外のファイルや URL は参照できません', 'other.svg#x');
    refusedFigure('css.svg', svg('<style>rect { fill: url(https://example.invalid/p.svg#x) }</style>'), 'url(https://example.invalid/p.svg#x)');
    refusedFigure('attr.svg', svg('<rect width="5" height="5" fill="url(\'file:///etc/x.svg#p\')"/>'), 'file:///etc/x.svg#p');
    refusedFigure('import.svg', svg('<style><![CDATA[@import "http://example.invalid/a.css";]]></style>'), '@import');
    refusedFigure('pi.svg', `<?xml-stylesheet href="http://example.invalid/a.css"?>${svg('')}`, '<?xml-stylesheet');
  });

  it('what validation accepts, the build draws: PNGs of every colour type, both JPEG kinds, SVGs at the limits', async () => {
    const figures: Record<string, Buffer | string> = {
      'rgba.png': png(30, 20),
      'rgb-interlaced.png': png(17, 9, { colour: 2, interlace: 1 }),
      'grey1.png': png(33, 20, { colour: 0, depth: 1 }),
      'palette-alpha.png': png(33, 21, { colour: 3, depth: 4, interlace: 1, extra: [chunk('tRNS', Buffer.from([0, 128]))] }),
      'grey-alpha16.png': png(17, 9, { colour: 4, depth: 16 }),
      'baseline.jpg': JPEG_BASELINE,
      'progressive.jpg': JPEG_PROGRESSIVE,
      'viewbox.svg': svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><rect width="5" height="5" fill="url(#g)"/><use xlink:href="#g"/>',
        'viewBox="0 0 10 20"',
      ),
      'deep.svg': svg('<g>'.repeat(198) + '<rect width="5" height="5"/>' + '</g>'.repeat(198)),
      'cycle.svg': svg('<g id="a"><rect width="1" height="1"/><use href="#b"/></g><g id="b"><use href="#a"/></g>'),
    };
    const data = variant((d) => {
      for (const [name, bytes] of Object.entries(figures)) {
        writeFileSync(path.join(d, 'figures', name), bytes);
        appendFileSync(path.join(d, 'text', 'intro.md.hbs'), `\n\n![図 ${name}](figures/${name})\n`);
      }
    });
    const { problems } = checkDataset(data);
    expect(shown(problems.filter((p) => p.severity === 'error'))).toBe('');
    const out = path.join(path.dirname(data), 'out');
    const r = await buildDataset(data, out, { log: () => {}, only: new Set(['plan-booklet.pdf']) });
    expect(shown(r.problems)).toBe('');
    expect(
      readFileSync(path.join(out, 'mini', 'plan-booklet.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

describe('a second lock behind validation', () => {
  it('an SVG <image> that reached the renderer anyway opens no file', async () => {
    const secret = path.join(work, 'secret.png');
    writeFileSync(secret, png(8, 8, { colour: 2 }));
    const svgText = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="${secret}" width="10" height="10"/></svg>`;
    const nodes = blockNodes([{ kind: 'figure', src: 'figures/x.svg', caption: '', data: svgText }]);
    // allowed: the folder holding the file, so that only the SVG option stands in the way
    const { bytes } = await renderPdf({ content: nodes, defaultStyle: { font: 'BIZUDPGothic' } } as never, [work]);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).not.toContain('/Subtype /Image');
  });
});

describe('files far larger than any data are refused by their size, unread (issue 28)', () => {
  /** `rel` made `bytes` long without writing them: a sparse file, no disk used */
  const huge = (rel: string, bytes: number) =>
    variant((d) => {
      const f = path.join(d, ...rel.split('/'));
      writeFileSync(f, '');
      truncateSync(f, bytes);
    });

  it('a 200 MB initiative file is an error naming it and its size, not an out-of-memory abort', () => {
    const data = huge('initiatives/003.json', 200e6);
    expectError(refused(data), 'initiatives/003.json', '大きすぎます（200.0 MB。上限は 10 MB', '誤って');
    const r = cli(['build', '--data', data, '--out', path.join(path.dirname(data), 'out')], { timeout: 60_000 });
    expect([r.code, r.signal]).toEqual([1, null]);
    expect(r.stderr).toContain('initiatives/003.json');
    expect(r.stderr).toContain('大きすぎます（200.0 MB');
  });

  it('dataset.json, glossary.json and sites.json are bounded too', () => {
    for (const rel of ['dataset.json', 'glossary.json', 'sites.json']) expectError(refused(huge(rel, 10e6 + 1)), rel, '大きすぎます（10.0 MB。上限は 10 MB');
  });

  it('a text file over 1 MB is refused before it is read, with what to do', () => {
    const ps = refused(huge('text/1-1.md.hbs', 300e6));
    expectError(ps, 'text/1-1.md.hbs', '大きすぎます（300.0 MB。上限は 1 MB', '200,000 文字');
    // it is there, only not read: dataset.json, which names it, is not said to miss it
    expect(shown(ps)).not.toContain('見つかりません');
  });

  it('the byte limits leave room for every file the character limits allow', () => {
    // 200,000 characters of up to 4 bytes each in UTF-8: the character check stays the one a user meets
    expect(MAX_TEXT_BYTES).toBeGreaterThanOrEqual(4 * TEXT_FILE_MAX);
    const data = variant((d) => writeFileSync(path.join(d, 'text', '1-1.md.hbs'), '字'.repeat(TEXT_FILE_MAX + 1)));
    const hit = expectError(refused(data), 'text/1-1.md.hbs', '本文ファイルが長すぎます');
    expect(hit.message).not.toContain('MB');
  });
});

describe('special files are refused by name and never opened (issue 28)', () => {
  it('a named pipe stops no build: the command finishes with the pipe named', () => {
    const data = variant((d) => {
      execFileSync('mkfifo', [path.join(d, 'text', 'pipe.md.hbs')]);
      execFileSync('mkfifo', [path.join(d, 'initiatives', '003.json')]);
    });
    // bounded: a read that waited for a writer would hang here, and the timeout would end it
    const r = cli(['build', '--data', data, '--out', path.join(path.dirname(data), 'out')], { timeout: 60_000 });
    expect([r.code, r.signal]).toEqual([1, null]);
    expect(r.stderr).toMatch(/text\/pipe\.md\.hbs: .*普通のファイルではありません/);
    expect(r.stderr).toMatch(/initiatives\/003\.json: .*普通のファイルではありません/);
  });

  it('a link to a device is refused as a link', () => {
    const data = variant((d) => symlinkSync('/dev/zero', path.join(d, 'figures', 'zero.png')));
    expectError(refused(data), 'figures/zero.png', 'データセットの外を指すリンクです', '/dev/zero');
  });
});

describe('how Windows and old Mac editors save (issue 28)', () => {
  const BOM = '\uFEFF';
  /** the line and column of `needle`'s first occurrence in a text with \n line ends */
  const placeOf = (text: string, needle: string) => {
    const before = text.slice(0, text.indexOf(needle)).split('\n');
    return [before.length, before[before.length - 1].length + 1];
  };
  const at = (p: Problem) => [p.line, p.column];

  it('a text file saved with a BOM (Notepad) is read as if it had none, positions unchanged', () => {
    const data = variant((d) => {
      const f = path.join(d, 'text', 'intro.md.hbs');
      writeFileSync(f, BOM + readFileSync(f, 'utf8'));
    });
    const { problems } = checkDataset(data);
    expect(shown(problems.filter((p) => p.severity === 'error'))).toBe('');
    const bad = variant((d) => writeFileSync(path.join(d, 'text', '1-1.md.hbs'), `${BOM}本文 {{nohelper 1}}\n`));
    expect(at(expectError(refused(bad), 'text/1-1.md.hbs', '「nohelper」'))).toEqual([1, 4]);
  });

  it("a JSON file saved with a BOM is read, and its positions are the editor's", () => {
    let text = '';
    const data = variant((d) => {
      const f = path.join(d, 'initiatives', '001.json');
      text = readFileSync(f, 'utf8').replace('"department"', '"title": "重複", "department"');
      writeFileSync(f, BOM + text);
    });
    expect(at(expectError(refused(data), 'initiatives/001.json', '項目 "title" が同じオブジェクトの中に2回'))).toEqual(placeOf(text, '"title": "重複"'));
  });

  for (const [name, eol] of [
    ['CR only (old Mac)', '\r'],
    ['CR LF (Windows)', '\r\n'],
    ['mixed', '\r\n|\r|\n'],
  ] as const) {
    const ends = (text: string) => {
      if (!eol.includes('|')) return text.replace(/\n/g, eol);
      // a CR right before the next line's LF would be one CR LF: it is used only before text
      let i = 0;
      const mixed = text.replace(/\n/g, (_, at: number) => (text[at + 1] === '\n' ? ['\r\n', '\n'][i++ % 2] : ['\r\n', '\r', '\n'][i++ % 3]));
      expect([/\r(?!\n)/, /\r\n/, /(?<!\r)\n/].map((re) => re.test(mixed))).toEqual([true, true, true]);
      return mixed;
    };

    it(`JSON with ${name} line ends: errors at the line and column an editor shows`, () => {
      let dup = '';
      const data = variant((d) => {
        const f = path.join(d, 'initiatives', '001.json');
        dup = readFileSync(f, 'utf8').replace('"division"', '"title": "重複", "division"');
        writeFileSync(f, ends(dup));
      });
      expect(at(expectError(refused(data), 'initiatives/001.json', '項目 "title"'))).toEqual(placeOf(dup, '"title": "重複"'));
      // a syntax error, and a value the schema refuses
      let comma = '';
      let wrong = '';
      const data2 = variant((d) => {
        const f = path.join(d, 'initiatives', '002.json');
        comma = readFileSync(f, 'utf8').replace(/\n\}\s*$/, ',\n}\n');
        writeFileSync(f, ends(comma));
        const g = path.join(d, 'initiatives', '001.json');
        wrong = readFileSync(g, 'utf8').replace('"no": 1', '"no": "一"');
        writeFileSync(g, ends(wrong));
      });
      const ps = refused(data2);
      expect(at(expectError(ps, 'initiatives/002.json', '最後の項目の後に「,」'))).toEqual(placeOf(comma, ',\n}'));
      expect(ps.find((p) => p.file === 'initiatives/001.json')?.line).toBe(placeOf(wrong, '"no"')[0]);
    });

    it(`a text file with ${name} line ends: errors in place, figures on their own line accepted`, () => {
      const body = '# 背景\n\n![](#zu1)\n\n本文の {{nohelper 1}} です。\n\n字「\u{2FFFF}」\n';
      const data = variant((d) => {
        const ds = path.join(d, 'dataset.json');
        writeFileSync(
          ds,
          readFileSync(ds, 'utf8').replace('"sections": [', '"figures": [{ "id": "zu1", "caption": "流れ", "image": "figures/flow.svg" }],\n  "sections": ['),
        );
        writeFileSync(path.join(d, 'text', 'intro.md.hbs'), ends(body));
      });
      const ps = refused(data);
      expect(at(expectError(ps, 'text/intro.md.hbs', '「nohelper」'))).toEqual(placeOf(body, '{{nohelper'));
      expect(at(expectError(ps, 'text/intro.md.hbs', 'U+2FFFF'))).toEqual(placeOf(body, '\u{2FFFF}'));
      expect(shown(ps.filter((p) => p.message.includes('図')))).toBe('');
    });
  }
});
