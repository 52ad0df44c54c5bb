// Workbooks written on the second core: exceljs's writing (about 0.45 ms a cell; the ×100 open
// data take seconds) needs nothing of the PDFs, so while one data set is built alone the main
// thread lays out and draws the PDFs and this thread writes the workbooks, one after another.
// The specification goes over as plain data and the bytes come back; they are the bytes
// renderWorkbook gives in the main thread (tests/determinism.test.ts compares them).
//
// Memory: exceljs holds the whole workbook while it writes it (about 500 MiB for the ×100 open
// data), and a thread keeps what its heap grew to until it ends. So the thread ends itself as
// soon as it has nothing to write (xlsx-worker.ts), and a workbook asked for later starts a new
// one. The main thread cannot hear that while pdfmake lays out (it does not yield), but the
// memory is given back all the same. A workbook posted just as the thread ended is posted again
// to the next thread.
import { Worker } from 'node:worker_threads';
import type { WorkbookSpec } from './xlsx.js';

/**
 * A data set built alone writes its workbooks in the thread from this many initiatives on. Below,
 * starting the thread (loading exceljs again: a few hundred ms of CPU) costs more than writing the
 * workbooks beside the PDFs: measured against the thread, the bundled sets (about 100 initiatives)
 * built 4–6 % sooner and with 10–14 % less CPU without it, Fukushima ×4 (412) and ×10 (1,030) 6 % and
 * 8 % later (medians of 8 runs alternated).
 */
export const WORKBOOK_THREAD_FROM = 250;

export interface WorkbookThread {
  render(spec: WorkbookSpec): Promise<{ bytes: Buffer; sheets: string[] }>;
  close(): Promise<void>;
  /** how many threads were started so far (one more after each time it ended with nothing to do) */
  readonly started: number;
}

interface Job {
  spec: WorkbookSpec;
  ok: (r: { bytes: Buffer; sheets: string[] }) => void;
  fail: (e: Error) => void;
}

export function startWorkbookThread(): WorkbookThread {
  // compiled (dist/render/xlsx-worker.js beside dist/, as scripts/run.mjs builds it) or from sources through tsx
  const compiled = import.meta.url.endsWith('.js');
  const url = new URL(compiled ? './render/xlsx-worker.js' : './xlsx-worker.mjs', import.meta.url);
  const jobs = new Map<number, Job>();
  let current: { worker: Worker; posted: Set<number> } | undefined;
  let closed = false;
  let next = 0;
  let started = 0;

  const spawn = () => {
    const worker = new Worker(url);
    started++;
    const me = { worker, posted: new Set<number>() };
    const settle = (id: number) => {
      const job = jobs.get(id);
      jobs.delete(id);
      me.posted.delete(id);
      return job;
    };
    worker.on('message', (m: { id: number; bytes?: Uint8Array; sheets?: string[]; error?: string; stack?: string }) => {
      const job = settle(m.id);
      if (!job) return;
      if (m.error !== undefined) job.fail(Object.assign(new Error(m.error), { stack: m.stack }));
      else job.ok({ bytes: Buffer.from(m.bytes!.buffer, m.bytes!.byteOffset, m.bytes!.byteLength), sheets: m.sheets! });
    });
    worker.on('error', (e) => {
      if (current === me) current = undefined;
      for (const id of [...me.posted]) settle(id)?.fail(e);
    });
    worker.on('exit', (code) => {
      if (current === me) current = undefined;
      // ended with nothing to do (code 0) while a workbook was on its way to it: to the next thread
      const left = [...me.posted];
      me.posted.clear();
      if (code === 0 && !closed) for (const id of left) post(id);
      else for (const id of left) settle(id)?.fail(new Error(`ブックを書くスレッドが終了しました（終了コード ${code}）`));
    });
    return me;
  };

  const post = (id: number) => {
    if (!current) current = spawn();
    current.posted.add(id);
    current.worker.postMessage({ id, spec: jobs.get(id)!.spec });
  };

  return {
    render(spec) {
      const id = next++;
      const done = new Promise<{ bytes: Buffer; sheets: string[] }>((ok, fail) => jobs.set(id, { spec, ok, fail }));
      post(id);
      // a build that stops early (content lost) never collects its workbooks: not an unhandled rejection
      done.catch(() => {});
      return done;
    },
    async close() {
      closed = true;
      await current?.worker.terminate();
    },
    get started() {
      return started;
    },
  };
}
