// The results cache of `check --cache-dir`: an unchanged workspace is answered from it without
// parsing a page; any change to what the analysis reads (a page, a file a link points to, the
// config, the listing) gives the same answer as a run without any cache.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../helpers/build';
import { NodeWorkspace } from '../../server/src/node/fsWorkspace';
import { REPO, copyFixture, makeTempDir, removeDir } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) removeDir(d); });

function check(root: string, cacheDir?: string): { json: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never', '--workers', '0', ...(cacheDir ? ['--cache-dir', cacheDir] : [])], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { json: r.stdout, stderr: r.stderr };
}
const files = (dir: string, prefix: string) => fs.readdirSync(dir).filter((f) => f.startsWith(prefix));
const brokenLinks = (json: string) => (JSON.parse(json) as { diagnostics: { rule: string; file: string }[] }).diagnostics.filter((d) => d.rule === 'broken-link');

describe('results cache (check --cache-dir)', () => {
  beforeAll(() => buildBundles(), 120_000);

  it('answers an unchanged workspace without parsing, and recomputes after every kind of change', async () => {
    const root = copyFixture(path.join(REPO, 'examples'));
    const cacheDir = makeTempDir('pillarlink-results-');
    dirs.push(root, cacheDir);
    // Pages copied just now are keyed by their text until they settle, then by their stamp: a slow run
    // crossing that line would look up another key. Let them settle first.
    await new Promise((r) => setTimeout(r, 2300));
    const first = check(root, cacheDir);
    expect(first.json).toBe(check(root).json);
    expect(files(cacheDir, 'results-check-')).toHaveLength(1);
    expect(files(cacheDir, 'results-rendered-')).toHaveLength(1);
    expect(files(cacheDir, 'facts-')).toHaveLength(1);

    // Served from the results: the facts cache is not even opened (a parse would write it back).
    for (const f of files(cacheDir, 'facts-')) fs.rmSync(path.join(cacheDir, f));
    const second = check(root, cacheDir);
    expect(second.json).toBe(first.json);
    expect(files(cacheDir, 'facts-')).toHaveLength(0);
    // The printed output is served as stored, without the structured results (removed here) ...
    const stored = files(cacheDir, 'results-check-').map((f) => [f, fs.readFileSync(path.join(cacheDir, f))] as const);
    for (const [f] of stored) fs.rmSync(path.join(cacheDir, f));
    expect(check(root, cacheDir).json).toBe(first.json);
    expect(files(cacheDir, 'facts-')).toHaveLength(0);
    for (const [f, b] of stored) fs.writeFileSync(path.join(cacheDir, f), b);
    // ... and another format is rendered from the structured results, not parsed.
    const text = spawnSync(process.execPath, [CLI, 'check', root, '--fail-on', 'never', '--workers', '0', '--cache-dir', cacheDir], { encoding: 'utf8' });
    expect(text.stdout).toBe(spawnSync(process.execPath, [CLI, 'check', root, '--fail-on', 'never', '--workers', '0'], { encoding: 'utf8' }).stdout);
    expect(files(cacheDir, 'facts-')).toHaveLength(0);

    // A page changes: a new broken link.
    const page = path.join(root, 'content', 'pricing.md');
    fs.appendFileSync(page, '\nSee [the diagram](./pricing-diagram.svg) for the plans.\n');
    const edited = check(root, cacheDir);
    expect(edited.json).toBe(check(root).json);
    expect(brokenLinks(edited.json).length).toBe(brokenLinks(first.json).length + 1);
    expect(files(cacheDir, 'facts-')).toHaveLength(1);

    // A file that is not a page appears: the link resolves now, though no page text changed.
    fs.writeFileSync(path.join(root, 'content', 'pricing-diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const added = check(root, cacheDir);
    expect(added.json).toBe(check(root).json);
    expect(brokenLinks(added.json).length).toBe(brokenLinks(first.json).length);

    // The config changes: a rule switched off.
    const configFile = path.join(root, 'pillarlink.json');
    const config = fs.readFileSync(configFile, 'utf8');
    expect(config).toMatch(/"rules": \{ \}/);
    fs.writeFileSync(configFile, config.replace(/"rules": \{ \}/, '"rules": { "broken-link": "off" }'));
    const configured = check(root, cacheDir);
    expect(configured.json).toBe(check(root).json);
    expect(brokenLinks(configured.json)).toHaveLength(0);
  }, 60_000);

  it('keys settled pages by their stamp, not their text: an edit that keeps size and modification time still misses', async () => {
    const root = copyFixture(path.join(REPO, 'examples'));
    const cacheDir = makeTempDir('pillarlink-results-');
    dirs.push(root, cacheDir);
    const page = path.join(root, 'content', 'pricing.md');
    const past = Math.floor(Date.now() / 1000) - 3600;
    fs.utimesSync(page, past, past);
    // Pages changed just now get no stamp (their text is read for the key); wait until they settle.
    await new Promise((r) => setTimeout(r, 2300));
    const entry = (await new NodeWorkspace(root).listFiles()).find((e) => e.path === 'content/pricing.md')!;
    expect(entry.stamp).toBeDefined();
    const first = check(root, cacheDir);
    expect(check(root, cacheDir).json).toBe(first.json);
    // Same size, same modification time, other text (a link retargeted): the inode change time moves.
    const text = fs.readFileSync(page, 'utf8');
    const changed = text.replace('](/', '](#');
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    fs.writeFileSync(page, changed);
    fs.utimesSync(page, past, past);
    expect(fs.statSync(page).mtimeMs).toBe(past * 1000);
    const edited = check(root, cacheDir);
    expect(edited.json).toBe(check(root).json);
    expect(edited.json).not.toBe(first.json);
  }, 60_000);

  it('an output served from the cache exits as the run that stored it', () => {
    const root = copyFixture(path.join(REPO, 'examples'));
    const cacheDir = makeTempDir('pillarlink-results-');
    dirs.push(root, cacheDir);
    const run = (failOn: string, cache: boolean) => spawnSync(process.execPath, [CLI, 'check', root, '--format', 'csv', '--fail-on', failOn, '--workers', '0', ...(cache ? ['--cache-dir', cacheDir] : [])], { encoding: 'utf8' });
    for (const failOn of ['error', 'warning', 'never']) {
      const plain = run(failOn, false);
      expect(run(failOn, true).status).toBe(plain.status);
      const served = run(failOn, true);
      expect(files(cacheDir, 'results-rendered-')).toHaveLength(1);
      expect([served.status, served.stdout]).toEqual([plain.status, plain.stdout]);
    }
    expect(run('error', false).status).toBe(1);
  });

  it('ignores a damaged results file, says so, and rewrites it', () => {
    const root = copyFixture(path.join(REPO, 'examples'));
    const cacheDir = makeTempDir('pillarlink-results-');
    dirs.push(root, cacheDir);
    const cold = check(root).json;
    check(root, cacheDir);
    for (const name of files(cacheDir, 'results-')) {
      const file = path.join(cacheDir, name);
      const bytes = fs.readFileSync(file);
      bytes[bytes.length - 10] ^= 0xff;
      fs.writeFileSync(file, bytes);
    }
    const damaged = check(root, cacheDir);
    expect(damaged.json).toBe(cold);
    expect(damaged.stderr).toMatch(/Ignored the results cache .*damaged/);
    const again = check(root, cacheDir);
    expect(again.json).toBe(cold);
    expect(again.stderr).not.toMatch(/Ignored the results cache/);
  });
});
