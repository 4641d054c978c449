// The warm start of `pillarlink check --cache-dir` (server/src/node/warmCheck.ts): out/cli.js serves
// the stored output of an unchanged workspace before it loads the analysis bundle, and any change to
// what the analysis read sends the run down the full path, with the answer of a run without a cache.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../helpers/build';
import { checkView } from '../../server/src/cli/view';
import { NodeResultsCache } from '../../server/src/node/cache';
import { serveWarmCheck, warmRecordFile, writeWarmRecord } from '../../server/src/node/warmCheck';
import { REPO, copyFixture, makeTempDir, removeDir, tempWorkspace } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) removeDir(d); });

const settle = () => new Promise((r) => setTimeout(r, 2300));
const files = (dir: string, prefix: string) => fs.readdirSync(dir).filter((f) => f.startsWith(prefix));

function run(root: string, cacheDir: string | undefined, format = 'json', failOn = 'never') {
  const r = spawnSync(process.execPath, [CLI, 'check', root, '--format', format, '--fail-on', failOn, '--workers', '0', ...(cacheDir ? ['--cache-dir', cacheDir] : [])], { encoding: 'utf8' });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return r;
}

/**
 * Runs check with the cache: whether the warm start answered (it writes nothing; the full path
 * rewrites the warm record, or removes it, whatever it answers from).
 */
function served(root: string, cacheDir: string, format = 'json', failOn = 'never'): { stdout: string; status: number | null; warm: boolean } {
  const record = () => files(cacheDir, 'warm-').map((f) => { const st = fs.statSync(path.join(cacheDir, f)); return `${f}:${st.ino}:${st.mtimeMs}`; }).join();
  const before = record();
  const r = run(root, cacheDir, format, failOn);
  return { stdout: r.stdout, status: r.status, warm: before !== '' && record() === before };
}

describe('warm start of check --cache-dir', () => {
  beforeAll(() => buildBundles(), 120_000);

  it('serves an unchanged workspace before loading the bundle, and any change to what was read from the full path', async () => {
    const root = copyFixture(path.join(REPO, 'examples'));
    const cacheDir = makeTempDir('pillarlink-warm-');
    dirs.push(root, cacheDir);
    await settle();
    const first = run(root, cacheDir).stdout;
    expect(first).toBe(run(root, undefined).stdout);
    expect(files(cacheDir, 'warm-')).toHaveLength(1);
    expect(served(root, cacheDir)).toEqual({ stdout: first, status: 0, warm: true });
    // Another format, or the same format with another --fail-on: the exit code of the run that stored it.
    for (const failOn of ['error', 'warning', 'never']) {
      const plain = run(root, undefined, 'csv', failOn);
      expect(served(root, cacheDir, 'csv', failOn)).toMatchObject({ stdout: plain.stdout, status: plain.status });
      expect(served(root, cacheDir, 'csv', failOn)).toEqual({ stdout: plain.stdout, status: plain.status, warm: true });
    }
    expect(run(root, undefined, 'csv', 'error').status).toBe(1);

    const changes: [string, () => void][] = [
      // Same size and modification time, other text: the change time moves.
      ['a page rewritten in place', () => {
        const page = path.join(root, 'content', 'pricing.md');
        const st = fs.statSync(page);
        const text = fs.readFileSync(page, 'utf8');
        const changed = text.replace('](/', '](#');
        expect(changed.length).toBe(text.length);
        expect(changed).not.toBe(text);
        fs.writeFileSync(page, changed);
        fs.utimesSync(page, st.atime, st.mtime);
      }],
      ['a page appended to', () => fs.appendFileSync(path.join(root, 'content', 'about.md'), '\nSee [the chart](./guides/chart.svg).\n')],
      // No page changes, but the link above resolves now: a folder's listing changed.
      ['a file added that a link points to', () => fs.writeFileSync(path.join(root, 'content', 'guides', 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')],
      ['a page removed', () => fs.rmSync(path.join(root, 'content', 'contact.md'))],
      ['a folder renamed', () => fs.renameSync(path.join(root, 'content', 'lp'), path.join(root, 'content', 'landing'))],
      ['a .gitignore written', () => fs.writeFileSync(path.join(root, '.gitignore'), 'content/blog/\n')],
      ['the .gitignore edited', () => fs.writeFileSync(path.join(root, '.gitignore'), 'content/guides/\n')],
      ['the config edited', () => {
        const file = path.join(root, 'pillarlink.json');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"rules": \{ \}/, '"rules": { "broken-link": "off" }'));
      }],
    ];
    let previous = first;
    for (const [what, change] of changes) {
      change();
      const expected = run(root, undefined).stdout;
      expect(expected, what).not.toBe(previous);
      // Changed just now: the full path answers, and leaves no record it could not vouch for.
      expect(served(root, cacheDir), what).toEqual({ stdout: expected, status: 0, warm: false });
      expect(files(cacheDir, 'warm-'), what).toHaveLength(0);
      await settle();
      expect(served(root, cacheDir), what).toEqual({ stdout: expected, status: 0, warm: false });
      expect(served(root, cacheDir), what).toEqual({ stdout: expected, status: 0, warm: true });
      previous = expected;
    }
  }, 120_000);

  it('answers only command lines it knows exactly; a new tool build, another view or a damaged record go to the full path', async () => {
    const root = tempWorkspace({ 'index.md': '# Home\n\nSee [the guide](guide.md).\n', 'guide.md': '# Guide\n\nBack [home](index.md).\n' });
    const cacheDir = makeTempDir('pillarlink-warm-');
    const bin = makeTempDir('pillarlink-bin-');
    dirs.push(root, cacheDir, bin);
    fs.writeFileSync(path.join(bin, 'cli.js'), '// loader\n');
    fs.writeFileSync(path.join(bin, 'cli-main.js'), '// bundle\n');
    await settle();
    const startedAt = Date.now();
    const inputs = {
      key: 'k1',
      startedAt,
      walk: { dirs: [''], gitignores: [], plain: true },
      files: { reads: new Map([['pillarlink.json', false]]), pages: ['guide.md', 'index.md'], stamps: new Map<string, string>() },
    };
    await writeWarmRecord(cacheDir, root, inputs, bin);
    expect(fs.existsSync(warmRecordFile(cacheDir, root))).toBe(true);
    await NodeResultsCache.forFolder(cacheDir, root, 'rendered').set(`k1\n${checkView('json')}`, { chunks: ['{"a":', '1}\n'], worst: 2 });
    const out: string[] = [];
    const serve = (argv: string[]) => { out.length = 0; return serveWarmCheck(argv, bin, (s) => out.push(s)); };

    // The stored worst severity is a warning: exit 1 under --fail-on warning only.
    expect(serve(['check', root, '--format', 'json', '--cache-dir', cacheDir])).toBe(0);
    expect(out.join('')).toBe('{"a":1}\n');
    expect(serve(['check', root, '--format=json', '--fail-on', 'warning', '--cache-dir', cacheDir, '--workers', '2'])).toBe(1);
    expect(serve(['check', root, '--format', 'json', '--fail-on', 'never', '--cache-dir', cacheDir])).toBe(0);
    // Not this view, not this command line, not understood: nothing written, the full CLI answers.
    for (const argv of [
      ['check', root, '--cache-dir', cacheDir],
      ['check', root, '--format', 'csv', '--cache-dir', cacheDir],
      ['check', root, '--format', 'json'],
      ['check', root, '--format', 'json', '--cache-dir', cacheDir, '--config', path.join(root, 'x.json')],
      ['check', root, '--format', 'yaml', '--cache-dir', cacheDir],
      ['check', root, '--format', 'json', '--fail-on', 'sometimes', '--cache-dir', cacheDir],
      ['check', root, '--format', 'json', '--cache-dir', cacheDir, '--workers', 'many'],
      ['check', root, 'other', '--format', 'json', '--cache-dir', cacheDir],
      ['clusters', root, '--format', 'json', '--cache-dir', cacheDir],
      ['check', root, '--format', 'json', '--cache-dir', cacheDir, '--help'],
      ['check', path.join(root, 'sub'), '--format', 'json', '--cache-dir', cacheDir],
    ]) {
      expect(serve(argv), argv.join(' ')).toBeUndefined();
      expect(out).toEqual([]);
    }
    const argv = ['check', root, '--format', 'json', '--fail-on', 'warning', '--cache-dir', cacheDir];
    // A page the record names, rewritten with its old times: the change time moves.
    const guide = path.join(root, 'guide.md');
    const st = fs.statSync(guide);
    fs.writeFileSync(guide, '# Guida\n\nBack [home](index.md).\n');
    fs.utimesSync(guide, st.atime, st.mtime);
    expect(serve(argv)).toBeUndefined();
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now() }, bin);
    // Changed less than two seconds before the run: no record (its timestamp may not move again).
    expect(fs.existsSync(warmRecordFile(cacheDir, root))).toBe(false);
    await settle();
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now() }, bin);
    expect(serve(argv)).toBe(1);
    // The config, absent when read, appears: the root's listing changed.
    fs.writeFileSync(path.join(root, 'pillarlink.json'), '{}');
    expect(serve(argv)).toBeUndefined();
    fs.rmSync(path.join(root, 'pillarlink.json'));
    await settle();
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now() }, bin);
    expect(serve(argv)).toBe(1);
    // A new build of the tool.
    fs.appendFileSync(path.join(bin, 'cli-main.js'), '// rebuilt\n');
    expect(serve(argv)).toBeUndefined();
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now() }, bin);
    expect(serve(argv)).toBe(1);
    // A damaged record, or one that cannot vouch for its inputs (a symlink followed, a file read outside the listing).
    const record = warmRecordFile(cacheDir, root);
    const bytes = fs.readFileSync(record);
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(record, bytes);
    expect(serve(argv)).toBeUndefined();
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now(), walk: { ...inputs.walk, plain: false } }, bin);
    expect(fs.existsSync(record)).toBe(false);
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now(), files: { ...inputs.files, reads: new Map([['.config/site.json', false]]) } }, bin);
    expect(fs.existsSync(record)).toBe(false);
    await writeWarmRecord(cacheDir, root, { ...inputs, startedAt: Date.now() }, bin);
    expect(serve(argv)).toBe(1);
  }, 60_000);

  it('says again what reading the inputs said: a page over the size cap', async () => {
    const root = tempWorkspace({
      'pillarlink.json': '{ "maxFileSize": 200 }\n',
      'index.md': '# Home\n\nSee [the guide](guide.md).\n',
      'guide.md': `# Guide\n\n${'A long paragraph about guides. '.repeat(20)}\n`,
    });
    const cacheDir = makeTempDir('pillarlink-warm-');
    dirs.push(root, cacheDir);
    await settle();
    const first = run(root, cacheDir);
    expect(first.stderr).toMatch(/Skipped guide\.md: \d+ bytes is over the size cap of 200/);
    const before = served(root, cacheDir);
    expect(before.warm).toBe(true);
    const again = run(root, cacheDir);
    expect([again.stdout, again.stderr]).toEqual([first.stdout, first.stderr]);
  }, 60_000);

  it('keys coloured text apart from plain text', () => {
    const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    const noColor = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
      const colored = checkView('text');
      expect(checkView('json')).toBe('json\n');
      process.env.NO_COLOR = '1';
      expect(checkView('text')).not.toBe(colored);
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      delete process.env.NO_COLOR;
      expect(checkView('text')).not.toBe(colored);
    } finally {
      if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
      if (noColor === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = noColor;
    }
  });
});
