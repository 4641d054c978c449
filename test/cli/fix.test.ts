// `pillarlink fix` as users run it: the built out/cli.js in a child process, on a temporary copy.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../helpers/build';
import { REPO, removeDir, tempWorkspace } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GUIDE = '---\ntitle: How to write an invoice\ncluster: invoicing\nrole: tutoral\n---\n\n# How to write an invoice\n\nYou can write one by hand, or use a free invoice generator that does the sums.\n';
const FILES = {
  'content/index.md': '---\ntitle: Home\n---\n\n# Home\n\n[Guide](/guide/) and [generator](/tools/generator/).\n',
  'content/tools/generator.md': '---\ntitle: Free invoice generator\ncluster: invoicing\nrole: tool\n---\n\n# Free invoice generator\n\nMake an invoice.\n',
  'content/guide.md': GUIDE,
};

const dirs: string[] = [];
beforeAll(async () => { await buildBundles(); });
afterAll(() => { for (const d of dirs) removeDir(d); });

function workspace(): string {
  const d = tempWorkspace(FILES);
  dirs.push(d);
  return d;
}

describe('pillarlink fix', () => {
  it('--dry-run prints a unified diff and writes nothing', () => {
    const root = workspace();
    const r = run(['fix', root, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/content/guide.md\n+++ b/content/guide.md\n');
    expect(r.stdout).toContain('-role: tutoral\n+role: tutorial\n');
    expect(r.stdout).toContain('+You can write one by hand, or use a [free invoice generator](/tools/generator/) that does the sums.\n');
    expect(r.stdout).toContain('Would apply 2 edits in 1 file.');
    expect(fs.readFileSync(path.join(root, 'content/guide.md'), 'utf8')).toBe(GUIDE);
  });

  it('prints the edits as JSON', () => {
    const root = workspace();
    const r = run(['fix', root, '--dry-run', '--format', 'json', '--rule', 'unknown-role']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      version: 1,
      edits: [{ file: 'content/guide.md', rule: 'unknown-role', title: 'Change role to tutorial', range: { start: { line: 3, character: 6 }, end: { line: 3, character: 13 } }, newText: 'tutorial' }],
    });
  });

  it('writes the fixes, and a second run has nothing left to do', () => {
    const root = workspace();
    expect(run(['fix', root]).code).toBe(0);
    const fixed = fs.readFileSync(path.join(root, 'content/guide.md'), 'utf8');
    expect(fixed).toBe(GUIDE.replace('tutoral', 'tutorial').replace('a free invoice generator', 'a [free invoice generator](/tools/generator/)'));
    expect(fs.readdirSync(path.join(root, 'content')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = run(['fix', root]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('Nothing to fix.\n');
  });

  it('exits 2 on usage errors', () => {
    const root = workspace();
    expect(run(['fix', root, '--rule', 'no-such-rule']).code).toBe(2);
    expect(run(['fix', root, '--format', 'xml']).code).toBe(2);
    expect(run(['fix', root, 'second-root']).code).toBe(2);
  });
});
