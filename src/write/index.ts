// write: atomic writes (a temporary file renamed into place) and the manifest.
import { mkdirSync, writeFileSync, renameSync, rmSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

export interface Written {
  file: string;
  sha256: string;
  bytes: number;
  pages?: number;
  sheets?: string[];
  /** hash of the data, templates and fonts the file was built from */
  inputs?: string;
}

export function writeAtomic(file: string, bytes: Buffer | string): Written {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return { file, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length };
}

export function writeManifest(outDir: string, inputsHash: string, files: Written[]): Written {
  const manifest = {
    inputs: inputsHash,
    files: files.map((f) => ({
      file: path.relative(outDir, f.file),
      sha256: f.sha256,
      bytes: f.bytes,
      inputs: f.inputs ?? inputsHash,
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
      ...(f.sheets ? { sheets: f.sheets } : {}),
    })),
  };
  return writeAtomic(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/** The files a manifest lists (absolute paths), for a partial rebuild to keep. */
export function readManifest(outDir: string): Written[] {
  try {
    const m = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as { files: (Omit<Written, 'file'> & { file: string })[] };
    return m.files.map((f) => ({ ...f, file: path.join(outDir, f.file) }));
  } catch {
    return [];
  }
}
