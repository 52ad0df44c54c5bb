// Worker bootstrap: from TypeScript sources (tests, tsx), load the workbook thread through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./xlsx-worker.ts', import.meta.url);
