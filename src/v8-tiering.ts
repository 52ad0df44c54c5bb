// How soon V8 hands a function to its optimizing compiler. By default a function is optimized once
// about 66 kB of its bytecode has run (`--interrupt-budget=67584`); a build is short and runs a great
// many functions only some thousand times, so most of that compiling (on V8's helper threads, next to
// the build) went to code that had little left to run. With a budget 15 times larger, only what stays
// hot is optimized: the bundled Miyagi booklet built with CPU ×0.70 and wall ×0.92, the ×10 booklet
// CPU ×0.83, the default build CPU ×0.75 and wall ×0.82; the ×100 results report (35 s) was unchanged
// (×0.99 CPU, same peak memory). Pairs of runs alternated; README 性能. Only the JIT's timing
// changes: the outputs are the same bytes.
// Imported first by the command line and each build process, so that it holds before the rest is
// loaded; V8's flags are the process's, so the workbook thread has it too. A budget given on the
// command line (`node --interrupt-budget=… scripts/run.mjs`, to measure against) is kept.
import { setFlagsFromString } from 'node:v8';

export const INTERRUPT_BUDGET = 1_000_000;

if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
