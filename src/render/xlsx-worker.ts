// The workbook thread (see xlsx-thread.ts): specifications in, workbook bytes out.
import { parentPort } from 'node:worker_threads';
import { renderWorkbook, type WorkbookSpec } from './xlsx.js';

parentPort!.on('message', ({ id, spec }: { id: number; spec: WorkbookSpec }) => {
  renderWorkbook(spec).then(
    // copied, not transferred: a small Buffer may share Node's pool
    ({ bytes, sheets }) => parentPort!.postMessage({ id, bytes, sheets }),
    (e: Error) => parentPort!.postMessage({ id, error: e.message, stack: e.stack }),
  );
});
