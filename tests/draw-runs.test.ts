// drawRun (src/render/pdf/text-runs.ts) writes a text's operators itself instead of through
// pdfkit's text(): the PDF must be byte for byte what pdfkit writes. The bundled data sets are
// compared in tests/determinism.test.ts; this document gathers the cases drawRun must draw alike or
// leave to pdfkit: justified Japanese (a gap after each character), Latin text with kerning and
// spaces, a word that is one part of several glyphs, colours, opacity, sup/sub, decorations,
// links, character spacing, font features, a line with a destination, text with a line break.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/data.js';

const DOC = {
  info: { title: 'draw runs', creationDate: new Date('2020-01-01T00:00:00Z') },
  defaultStyle: { font: 'BIZUDPGothic', fontSize: 10 },
  content: [
    {
      text: '県は、ICTを活用した行政サービスの向上と、地域の課題の解決に取り組みます。このため、市町村・民間事業者と連携し、データの利活用を進めます。',
      alignment: 'justify',
    },
    { text: 'AVATAR To Wa Yo. Typography: office fi fl — 1,234,567 千円 (R2〜R4)', alignment: 'left' },
    {
      text: 'AVATAR To Wa Yo, justified across a narrow column of Latin words and 数字 123 and more words here.',
      alignment: 'justify',
      margin: [0, 0, 300, 0],
    },
    {
      text: [
        '通常',
        { text: '赤い文字', color: '#c00000' },
        { text: '半透明', opacity: 0.5 },
        { text: '上付き', sup: true },
        { text: '下付き', sub: true },
        'の後',
      ],
    },
    {
      text: [
        { text: '下線', decoration: 'underline' },
        { text: '背景', background: '#eeeeee' },
        { text: 'リンク', link: 'https://www.pref.example.jp/' },
        '字間',
        { text: '広い字間', characterSpacing: 2 },
      ],
    },
    { text: [{ text: 'palt 付きの文字、（括弧）。', fontFeatures: ['palt'] }, '等幅のフォント', { text: 'BIZ UDGothic 等幅', font: 'BIZUDGothic' }] },
    { text: '行の名前（目次の行き先）', id: 'dest-1' },
    { text: '改行を\n含む\n文字', alignment: 'center' },
    {
      table: {
        widths: [60, 40, '*'],
        body: [
          ['事業名', '新規', '事業費（千円）'],
          ['電子申請の拡充', '○', { text: '135,304', alignment: 'right' }],
          [{ text: '長い事業名が狭い列の中で何度も折り返されるときの表示', bold: true }, '—', { text: '0', alignment: 'right' }],
        ],
      },
    },
  ],
};

/** the PDF of DOC, rendered in a process of its own (the seam's switches are read once per process) */
function render(env: Record<string, string>): { pdf: Buffer; stderr: string } {
  const script = `
    import { renderPdf } from ${JSON.stringify(path.join(ROOT, 'src/render/pdf/index.ts'))};
    const doc = ${JSON.stringify(DOC)};
    doc.info.creationDate = new Date(doc.info.creationDate);
    const { bytes } = await renderPdf(doc, []);
    process.stdout.write(bytes.toString('base64'));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  return { pdf: Buffer.from(r.stdout, 'base64'), stderr: r.stderr };
}

describe('text drawn straight (drawRun)', () => {
  it('writes the PDF pdfkit writes, byte for byte', () => {
    const drawn = render({});
    const pdfkit = render({ ICT_PDF_NO_DRAW_RUNS: '1' });
    expect(pdfkit.stderr).toContain('ICT_PDF_NO_DRAW_RUNS');
    expect(drawn.pdf.length).toBeGreaterThan(10_000);
    expect(drawn.pdf.equals(pdfkit.pdf)).toBe(true);
  }, 60_000);
});
