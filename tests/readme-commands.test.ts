// The README's commands are ones the tool takes: every `npm run <script> -- …` names a script of
// package.json and only options that command knows (a wrong example is a user's first error).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/data.js';
import { COMMAND_OPTIONS } from '../src/cli-options.js';

describe('README', () => {
  it('shows only commands and options that exist', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const uses = [...readme.matchAll(/npm run ([a-z:-]+) -- ([^`|\n]*)/g)] // commands of the tool (npm run … → scripts/run.mjs <command>); the repository's own tools (bench, pdfmake-internals) have their own options
      .filter((m) => m[1] !== 'bench' && m[1] !== 'pdfmake-internals');
    expect(uses.length).toBeGreaterThan(10);
    for (const [, script, args] of uses) {
      expect(scripts[script], script).toBeDefined();
      const command = /run\.mjs (\S+)/.exec(scripts[script])![1];
      for (const o of args.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? []) expect([...COMMAND_OPTIONS[command], '--help', '-h'], `${script} ${o}`).toContain(o);
    }
  });
});
