import path from 'node:path';
export const OUT = path.resolve(__dirname, '../.tmp/test-output');
export const out = (...p: string[]) => path.join(OUT, ...p);
