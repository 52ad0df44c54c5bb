// Builds data sets in a build process (commands/build.ts), one after another as the command
// hands them over, so that data sets build side by side on the machine's cores with each core's
// modules loaded once (and its shaping shared by the data sets it builds). Progress lines and each
// result go back to the command as messages; an error goes back as what it is (an output problem
// with its path and code, or an internal error). `{ stop: true }` ends the process.
import './v8-tiering.js';
import './code-cache-install.js';
import { buildDataset } from './pipeline.js';
import { errorToMessage } from './write/output-error.js';
import { useFixedInputsHash } from './inputs-hash.js';

const send = (m: unknown) => process.send!(m);
process.on('message', (m: { dir?: string; outRoot?: string; only?: string[]; fixedInputs?: string; stop?: boolean }) => {
  if (m.stop || !m.dir || !m.outRoot) return process.disconnect();
  if (m.fixedInputs) useFixedInputsHash(m.fixedInputs);
  // the command has found the set changed (kept-build.ts) before handing it over: not asked again
  buildDataset(m.dir, m.outRoot, { log: (line) => send({ line }), only: m.only ? new Set(m.only) : undefined, changed: true }).then(
    // with the process's peak memory so far: the command's --json tells the largest of its processes
    (result) => send({ result, maxRssKiB: process.resourceUsage().maxRSS }),
    (e) => send({ error: errorToMessage(e) }),
  );
});
