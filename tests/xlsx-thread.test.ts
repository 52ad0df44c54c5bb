// The workbook thread ends as soon as it has nothing to write (its heap goes back: about 500 MiB
// for the ×100 open data), and a workbook asked for later starts a new one; either way the
// bytes are those the main thread writes.
import { describe, it, expect } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { startWorkbookThread } from '../src/render/xlsx-thread.js';
import { renderWorkbook, type WorkbookSpec } from '../src/render/xlsx.js';

const spec = (title: string, n: number): WorkbookSpec => ({
  title,
  creator: '情報政策課',
  date: '2024-04-01',
  sheets: [{ name: '一覧', widths: [8, 30], header: [['番号', '名称']], rows: Array.from({ length: n }, (_, i) => ({ cells: [i + 1, `事業${i + 1}`] })) }],
});

describe('the workbook thread', () => {
  it('ends when idle and starts again for a later workbook, with the bytes of the main thread', async () => {
    const thread = startWorkbookThread();
    try {
      // two at once: one thread writes both
      const [a, b] = await Promise.all([thread.render(spec('一', 5)), thread.render(spec('二', 50))]);
      expect(thread.started).toBe(1);
      // it ends on its own with nothing more to write (at once; half a second is plenty)
      await sleep(500);
      const c = await thread.render(spec('三', 20));
      expect(thread.started).toBe(2);
      for (const [got, s] of [
        [a, spec('一', 5)],
        [b, spec('二', 50)],
        [c, spec('三', 20)],
      ] as const)
        expect(got.bytes.equals((await renderWorkbook(s)).bytes), s.title).toBe(true);
    } finally {
      await thread.close();
    }
  }, 60_000);
});
