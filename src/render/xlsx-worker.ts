// The workbook thread (see xlsx-thread.ts): specifications in, workbook bytes out. With nothing
// more to write it ends, so that the memory exceljs took goes back at once.
import { parentPort } from 'node:worker_threads';
import { renderWorkbook, type WorkbookSpec } from './xlsx.js';

let busy = 0;
parentPort!.on('message', ({ id, spec }: { id: number; spec: WorkbookSpec }) => {
  busy++;
  renderWorkbook(spec)
    .then(
      // copied, not transferred: a small Buffer may share Node's pool
      ({ bytes, sheets }) => parentPort!.postMessage({ id, bytes, sheets }),
      (e: Error) => parentPort!.postMessage({ id, error: e.message, stack: e.stack }),
    )
    .finally(() => {
      busy--;
      // a workbook already posted is taken first; one posted while the thread ends is posted again to a new one
      setImmediate(() => {
        if (busy === 0) process.exit(0);
      });
    });
});
