// A build of several data sets runs them in build processes (commands/build.ts). A build process
// that ends in the middle of a data set (killed, out of memory) must not pass silently: that set
// is named with how its process ended, the other sets are still built, and the command fails.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** the build processes the command started (read from /proc: Linux, as CI is) */
function buildProcessesOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('build-worker');
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('a build process that ends in the middle of a data set', () => {
  it('names the set and how its process ended, builds the others, and exits 3', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'build-processes-'));
    try {
      const data = path.join(work, 'data');
      const out = path.join(work, 'out');
      for (const n of ['a', 'b', 'c']) {
        cpSync(path.join(ROOT, 'tests', 'fixtures', 'mini'), path.join(data, n), { recursive: true });
        const file = path.join(data, n, 'dataset.json');
        const json = JSON.parse(readFileSync(file, 'utf8'));
        writeFileSync(file, JSON.stringify({ ...json, id: `mini-${n}` }, null, 2));
      }
      const cli = spawn(process.execPath, ['scripts/run.mjs', 'build', '--data', data, '--out', out], { cwd: ROOT });
      let text = '';
      let killed: number[] = [];
      const onData = (d: Buffer) => {
        text += d.toString();
        // both build processes are in the middle of a set once one says its data are checked
        if (!killed.length && /検証・解決 OK/.test(text)) {
          killed = buildProcessesOf(cli.pid!);
          for (const p of killed) process.kill(p, 'SIGKILL');
        }
      };
      cli.stdout.on('data', onData);
      cli.stderr.on('data', onData);
      const code = await new Promise<number | null>((done) => cli.on('exit', done));
      expect(killed.length, text).toBe(2);
      expect(code, text).toBe(3);
      // each set whose process was killed is named, with how it ended; nothing of it is written
      const label = (n: string) => path.relative(ROOT, path.join(data, n));
      const ended = ['a', 'b', 'c'].filter((n) => text.includes(`${label(n)}: 作成のプロセスが途中で終わったため、作成しませんでした（SIGKILL。`));
      expect(ended.length, text).toBe(2);
      for (const n of ended) expect(existsSync(path.join(out, `mini-${n}`))).toBe(false);
      // the set handed to neither killed process is built all the same, in a new one
      const [left] = ['a', 'b', 'c'].filter((n) => !ended.includes(n));
      expect(text).toContain(`${label(left)}: 作成しました`);
      expect(existsSync(path.join(out, `mini-${left}`, 'manifest.json'))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
