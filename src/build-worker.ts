// One data set's build in a worker thread, so that data sets build side by side on the
// machine's cores. Progress lines and the result go back to the CLI as messages; an error goes
// back as what it is (an output problem with its path and code, or an internal error).
import { parentPort, workerData } from 'node:worker_threads';
import { buildDataset } from './pipeline.js';
import { errorToMessage } from './write/output-error.js';

const { dir, outRoot, only } = workerData as { dir: string; outRoot: string; only?: string[] };
buildDataset(dir, outRoot, { log: (line) => parentPort!.postMessage({ line }), only: only ? new Set(only) : undefined }).then(
  (result) => parentPort!.postMessage({ result: { ...result, files: result.files } }),
  (e) => parentPort!.postMessage({ error: errorToMessage(e) }),
);
