// Maps a profiled position back to the original source file through the script's own source
// map (the project's dist/ chunks, and packages that ship one: pdfkit, fontkit), so that a
// profile can be bucketed by the file a function was written in.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceOf } from './profile-buckets.js';

/** '../src/load/index.ts' → 'src/load/index.ts', 'webpack://x/./lib/a.js' → 'lib/a.js' */
export function cleanSource(s: string): string {
  return s.replace(/^[a-z]+:\/\/[^/]*\//, '').replace(/^(\.\.?\/)+/, '');
}

export function sourceMapResolver(): SourceOf {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (url: string): SourceMap | undefined => {
    if (maps.has(url)) return maps.get(url);
    let map: SourceMap | undefined;
    try {
      const file = fileURLToPath(url);
      const code = readFileSync(file, 'utf8');
      const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code.slice(-500))?.[1];
      const mapFile = ref && !ref.startsWith('data:') ? path.resolve(path.dirname(file), ref) : undefined;
      if (mapFile && existsSync(mapFile)) map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
    } catch {
      map = undefined; // no readable map: the frame is bucketed by its URL alone
    }
    maps.set(url, map);
    return map;
  };
  return (url, line, column) => {
    if (!url.startsWith('file:')) return undefined;
    const entry = mapOf(url)?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
    return entry?.originalSource ? { source: cleanSource(entry.originalSource), line: entry.originalLine ?? 0 } : undefined;
  };
}
