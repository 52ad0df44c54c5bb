// Builds data sets in a worker thread, one after another as the CLI hands them over, so that
// data sets build side by side on the machine's cores with each core's modules loaded once (and
// its shaping shared by the data sets it builds). Progress lines and each result go back to the
// CLI as messages; an error goes back as what it is (an output problem with its path and code,
// or an internal error). `{ stop: true }` ends the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { buildDataset } from './pipeline.js';
import { errorToMessage } from './write/output-error.js';

const { outRoot, only } = workerData as { outRoot: string; only?: string[] };
parentPort!.on('message', (m: { dir?: string; stop?: boolean }) => {
  if (m.stop || !m.dir) return parentPort!.close();
  // the CLI has found the set changed (kept-build.ts) before handing it over: not asked again
  buildDataset(m.dir, outRoot, { log: (line) => parentPort!.postMessage({ line }), only: only ? new Set(only) : undefined, changed: true }).then(
    (result) => parentPort!.postMessage({ result: { ...result, files: result.files } }),
    (e) => parentPort!.postMessage({ error: errorToMessage(e) }),
  );
});
