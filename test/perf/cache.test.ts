// The persistent facts cache: a warm load equals a cold one, stale and damaged caches are ignored,
// concurrent writers leave a readable file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/core/config';
import { Project } from '../../server/src/core/project';
import { cacheFileFor, decodeCache, NodeFactsCache } from '../../server/src/node/cache';
import { NodeWorkspace } from '../../server/src/node/fsWorkspace';
import { REPO, makeTempDir, removeDir, copyFixture } from '../helpers/tmp';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) removeDir(d); });
const temp = () => { const d = makeTempDir('pillarlink-cache-'); dirs.push(d); return d; };
const site = () => { const d = copyFixture(path.join(REPO, 'examples')); dirs.push(d); return d; };

async function load(root: string, cacheDir?: string, overrides: Partial<Config> = {}): Promise<{ project: Project; cache?: NodeFactsCache }> {
  const cache = cacheDir ? NodeFactsCache.forFolder(cacheDir, root) : undefined;
  const project = new Project(new NodeWorkspace(root), { overrides, ...(cache ? { factsCache: cache } : {}) });
  await project.load();
  return { project, ...(cache ? { cache } : {}) };
}

const snapshot = (p: Project) => ({ pages: [...p.pages], findings: p.analyze().findings });

describe('facts cache', () => {
  it('a warm load reuses every page and equals a cold load without a cache', async () => {
    const root = site();
    const cacheDir = temp();
    const cold = await load(root);
    const first = await load(root, cacheDir);
    expect(first.cache!.hits).toBe(0);
    expect(fs.existsSync(cacheFileFor(cacheDir, root))).toBe(true);
    const warm = await load(root, cacheDir);
    expect(warm.project.pages.size).toBeGreaterThan(5);
    expect(warm.cache!.hits).toBe(warm.project.pages.size);
    expect(warm.cache!.misses).toBe(0);
    expect(snapshot(warm.project)).toEqual(snapshot(cold.project));
  });

  it('re-parses only changed pages and drops deleted ones', async () => {
    const root = site();
    const cacheDir = temp();
    const { project } = await load(root, cacheDir);
    const [changed, deleted] = [...project.pages.keys()];
    fs.appendFileSync(path.join(root, changed!), '\nA new paragraph with [a link](/nowhere-at-all/).\n');
    fs.rmSync(path.join(root, deleted!));
    const warm = await load(root, cacheDir);
    expect(warm.cache!.misses).toBe(1);
    expect(warm.project.pages.get(changed!)!.links.some((l) => l.url === '/nowhere-at-all/')).toBe(true);
    expect(snapshot(warm.project)).toEqual(snapshot((await load(root)).project));
    const stored = decodeCache(fs.readFileSync(cacheFileFor(cacheDir, root)))!;
    expect(stored.entries.map((e) => e[0])).not.toContain(deleted);
  });

  it('ignores a damaged, truncated or foreign cache file and rewrites it', async () => {
    const root = site();
    const cacheDir = temp();
    await load(root, cacheDir);
    const file = cacheFileFor(cacheDir, root);
    const good = fs.readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] ^= 0xff;
    for (const bad of [flipped, good.subarray(0, good.length >> 1), Buffer.from('not a cache'), Buffer.alloc(0)]) {
      fs.writeFileSync(file, bad);
      expect(decodeCache(bad)).toBeUndefined();
      const again = await load(root, cacheDir);
      expect(again.cache!.hits).toBe(0);
      expect(snapshot(again.project)).toEqual(snapshot((await load(root)).project));
      // Rewritten whole: the next load is warm again.
      expect(decodeCache(fs.readFileSync(file))).toBeDefined();
    }
  });

  it('treats entries made under other parse options as stale', async () => {
    const root = site();
    const cacheDir = temp();
    await load(root, cacheDir);
    fs.rmSync(path.join(root, 'pillarlink.json'));
    await load(root, cacheDir, { relatedHeadings: ['see also'] });
    const again = await load(root, cacheDir, { relatedHeadings: ['other reading'] });
    expect(again.cache!.hits).toBe(0);
  });

  it('leaves a complete file when several writers flush at once', async () => {
    const root = site();
    const cacheDir = temp();
    const { project } = await load(root, cacheDir);
    const writers = Array.from({ length: 6 }, () => NodeFactsCache.forFolder(cacheDir, root));
    await Promise.all(writers.map((w) => w.open('[["Link"],["Nav","Footer","Sidebar"],[]]')));
    writers.forEach((w, i) => { for (const [f, facts] of project.pages) w.set(f, `text ${i}`, facts); });
    await Promise.all(writers.map((w) => w.flush()));
    const payload = decodeCache(fs.readFileSync(cacheFileFor(cacheDir, root)));
    expect(payload?.entries.length).toBe(project.pages.size);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
