// publish with a 進ちょく状況: a report still 未確定 is not recorded, and a finished one is dated
// with --date in documents.progress.publishedOn (one date per year), built again with it and
// recorded, so that its years then take the 指標 sheet only as corrections (found by a user walk:
// an unfinished report was recorded, its date left as the draft's).
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publish } from '../src/publish/index.js';
import { buildDataset } from '../src/pipeline.js';
import { readPdf } from '../src/errata/pdf-lines.js';
import { ROOT, squash } from './helpers/data.js';

describe('publish with a 進ちょく状況', () => {
  it('refuses a report still 未確定, and dates a finished one with --date', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'publish-progress-'));
    try {
      const data = path.join(work, 'sample-progress');
      const out = path.join(work, 'out');
      const published = path.join(work, 'published');
      cpSync(path.join(ROOT, 'data', 'sample-progress'), data, { recursive: true });
      await buildDataset(data, out, { log: () => {} });
      // the sample's 2020 has an actual and a self-evaluation unanswered
      const draft = await publish(data, '令和2年度版', '2021-06-30', out, published, 'sample-progress');
      expect(draft.folder).toBeUndefined();
      expect(draft.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
        '進ちょく状況が未確定のため記録しません（指標の実績・自己評価の未回答 2 件）。回答をそろえてから作り直してください',
      ]);
      // answered, built, published
      const file = path.join(data, 'initiatives', '03.json');
      const j = JSON.parse(readFileSync(file, 'utf8'));
      j.indicators[1].actuals['2020'] = { value: 10, asOf: '2021-03-31' };
      j.evaluation['2020'] = { grade: 'B', reason: '誤送信防止の研修を行い、事故の件数が減った。', outlook: '継続' };
      writeFileSync(file, JSON.stringify(j, null, 2) + '\n');
      await buildDataset(data, out, { log: () => {} });
      const r = await publish(data, '令和2年度版', '2021-06-30', out, published, 'sample-progress');
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.folder).toBeDefined();
      expect(JSON.parse(readFileSync(path.join(data, 'dataset.json'), 'utf8')).documents.progress.publishedOn).toEqual({
        2019: '2021-06-30',
        2020: '2021-06-30',
      });
      expect(r.dated).toEqual([{ fiscalYear: 2020, face: expect.stringContaining('令和3年6月'), progress: true }]);
      // the report recorded carries the date, not the draft's 令和3年4月
      const { pages, info } = await readPdf(path.join(r.folder!, 'output', 'progress.pdf'));
      const text = squash(pages.map((p) => p.text).join(''));
      expect(text).toContain(squash('令和3年6月'));
      expect(text).not.toContain('未確定');
      // 2021-06-30 00:00 in Japan
      expect(String(info.CreationDate)).toMatch(/^D:20210629150000Z/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
