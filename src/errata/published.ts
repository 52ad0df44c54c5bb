// The published version an errata is made against, by what the user knows it as: the label of
// a publication record (published/<id>/<label>/), a folder (a record or a data set), or a git
// revision. Each gives the data as published, and where there is one, the documents as they were
// printed; a record also its label and date (the data of a folder or a revision names itself).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { datasetJsonValue } from '../load/index.js';
import { findPublication, isFolder, type Publication } from '../publish/record.js';

export interface PublishedVersion {
  /** the data set's folder as published */
  data: string;
  /** a record's label, as the 正誤表 prints it; none for a folder or a git revision, whose data names itself (errata/index.ts) */
  name?: string;
  /** ISO date of publication, when known */
  date?: string;
  /** the documents as published (a record's output/), read for pages and lines */
  output?: string;
  /** what to print before a problem of the published data's files */
  base: string;
  cleanup?: () => void;
}

// read as the loader reads it: JSON.parse refused a BOM (the record was then not found by its
// label), and a named pipe in place of the file hung the read
function datasetId(dir: string): string | undefined {
  const id = (datasetJsonValue(dir) as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function fromRecord(folder: string, p: Publication): PublishedVersion {
  return { data: path.join(folder, 'data'), name: p.label, date: p.date, output: path.join(folder, 'output'), base: path.join(folder, 'data') };
}

export function findPublished(dir: string, against: string, publishedRoot: string): PublishedVersion | undefined {
  const id = datasetId(dir);
  const record = id ? findPublication(publishedRoot, id, against) : undefined;
  if (record) return fromRecord(record.folder, record.publication);
  if (isFolder(against)) {
    const folder = path.resolve(against);
    if (existsSync(path.join(folder, 'publication.json')) && isFolder(path.join(folder, 'data')))
      return fromRecord(folder, JSON.parse(readFileSync(path.join(folder, 'publication.json'), 'utf8')) as Publication);
    return { data: folder, base: against };
  }
  try {
    const root = execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: 'pipe' }).trim();
    const rel = path.relative(root, path.resolve(dir)).split(path.sep).join('/');
    const files = execFileSync('git', ['-C', root, 'ls-tree', '-r', '--name-only', against, '--', rel], { encoding: 'utf8', stdio: 'pipe' })
      .split('\n')
      .filter(Boolean);
    if (files.length === 0) return undefined;
    const tmp = mkdtempSync(path.join(tmpdir(), 'published-'));
    const folder = path.join(tmp, path.basename(dir));
    for (const f of files) {
      const target = path.join(folder, path.relative(rel, f));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, execFileSync('git', ['-C', root, 'show', `${against}:${f}`], { maxBuffer: 1 << 28 }));
    }
    // named and dated by the data as it was (a commit's date is when it was committed, not published)
    return { data: folder, base: `${against}:${rel}`, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
  } catch {
    return undefined;
  }
}
