// Workbooks written on the second core: exceljs's writing (about 0.45 ms a cell; the ×100 open
// data take seconds) needs nothing of the PDFs, so while one data set is built alone the main
// thread lays out and draws the PDFs and this thread writes the workbooks, one after another.
// The specification goes over as plain data and the bytes come back; they are the bytes
// renderWorkbook gives in the main thread (tests/determinism.test.ts compares them).
import { Worker } from 'node:worker_threads';
import type { WorkbookSpec } from './xlsx.js';

export interface WorkbookThread {
  render(spec: WorkbookSpec): Promise<{ bytes: Buffer; sheets: string[] }>;
  close(): Promise<void>;
}

export function startWorkbookThread(): WorkbookThread {
  // compiled (dist/render/xlsx-worker.js beside dist/, as scripts/run.mjs builds it) or from sources through tsx
  const compiled = import.meta.url.endsWith('.js');
  const worker = new Worker(new URL(compiled ? './render/xlsx-worker.js' : './xlsx-worker.mjs', import.meta.url));
  const waiting = new Map<number, { ok: (r: { bytes: Buffer; sheets: string[] }) => void; fail: (e: Error) => void }>();
  let next = 0;
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.fail(e);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; bytes?: Uint8Array; sheets?: string[]; error?: string; stack?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error !== undefined) w.fail(Object.assign(new Error(m.error), { stack: m.stack }));
    else w.ok({ bytes: Buffer.from(m.bytes!.buffer, m.bytes!.byteOffset, m.bytes!.byteLength), sheets: m.sheets! });
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`ブックを書くスレッドが終了しました（終了コード ${code}）`)));
  return {
    render(spec) {
      const id = next++;
      const done = new Promise<{ bytes: Buffer; sheets: string[] }>((ok, fail) => {
        waiting.set(id, { ok, fail });
        worker.postMessage({ id, spec });
      });
      // a build that stops early (content lost) never collects its workbooks: not an unhandled rejection
      done.catch(() => {});
      return done;
    },
    async close() {
      await worker.terminate();
    },
  };
}
