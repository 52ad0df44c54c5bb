// Build process bootstrap: the build runs from TypeScript sources, so load them through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./build-worker.ts', import.meta.url);
