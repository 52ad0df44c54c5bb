// What a build is asked (BuildOptions) and what it tells (BuildResult), shared by the command, the
// build processes, the shortcut for unchanged sets (kept-build.ts) and the two halves of the pipeline.
import type { Problem } from './problem.js';
import type { Written } from './write/index.js';
import type { Checked } from './check-dataset.js';

export interface BuildOptions {
  log: (s: string) => void;
  /** build only these documents (file names); the others stay as they are */
  only?: Set<string>;
  /** leave these documents out */
  skip?: Set<string>;
  /** the data set as already loaded and validated (watch has just checked it) */
  checked?: Checked;
  /** already found not to be kept as it is (kept-build.ts): not asked again */
  changed?: boolean;
  /**
   * write the workbooks in a thread of their own, beside the PDFs, when the data set has at least
   * this many initiatives (a data set built alone: the second core is free; WORKBOOK_THREAD_FROM)
   */
  workbookThread?: number;
}

export interface DocumentTiming {
  name: string;
  pages?: number;
  sheets?: string[];
  /** composing the document definition (our code) */
  composeMs: number;
  /** pdfmake / exceljs: layout and output */
  renderMs: number;
}

export interface BuildResult {
  id?: string;
  problems: Problem[];
  files: Written[];
  /** files of the set before that the new set no longer holds */
  dropped?: string[];
  /** the set was already what this build would write (write/up-to-date.ts): nothing was rendered or written */
  unchanged?: boolean;
  /** `--only` names nothing this data set publishes: checked, and nothing rendered or written */
  noneAsked?: boolean;
  timings: { loadValidateMs: number; resolveMs: number; documents: DocumentTiming[]; totalMs: number };
}

export interface Output {
  name: string;
  bytes: Buffer;
  pages?: number;
  sheets?: string[];
}
