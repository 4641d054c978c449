// The V8 code cache the binaries load their bundles with: taken when whole and for this exact text,
// ignored when damaged, for other text or in a folder others can write, rewritten only by bigger runs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCacheDir, loadBundle, readCodeCache, writeCodeCache } from '../../server/src/node/compileCache';
import { buildBundles } from '../helpers/build';
import { makeTempDir, REPO, removeDir } from '../helpers/tmp';

const dirs: string[] = [];
const temp = () => {
  const d = makeTempDir('pillarlink-cc-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

const BUNDLE = '#!/usr/bin/env node\n"use strict";\nconst path = require("node:path");\nexports.where = () => [__filename, __dirname, path.basename(module.filename)];\nexports.sum = (a, b) => a + b;\n';

function bundleIn(dir: string, text = BUNDLE): string {
  const file = path.join(dir, 'bundle.js');
  fs.writeFileSync(file, text);
  return file;
}

describe('loadBundle', () => {
  it('runs the bundle as a module, stores its code, and takes the stored code next time', () => {
    const src = temp();
    const cache = path.join(temp(), 'cc');
    const file = bundleIn(src);
    const first = loadBundle(file, cache, false);
    expect(first.used).toBe(false);
    expect((first.exports.sum as (a: number, b: number) => number)(2, 3)).toBe(5);
    expect((first.exports.where as () => string[])()).toEqual([file, src, 'bundle.js']);
    expect(fs.existsSync(first.cacheFile!)).toBe(false);
    first.save();
    expect(readCodeCache(first.cacheFile!)).toBeDefined();
    const second = loadBundle(file, cache, false);
    expect(second.cacheFile).toBe(first.cacheFile);
    expect(second.used).toBe(true);
    expect((second.exports.sum as (a: number, b: number) => number)(4, 5)).toBe(9);
  });

  it('ignores a damaged cache and a cache of other text', () => {
    const src = temp();
    const cache = path.join(temp(), 'cc');
    const file = bundleIn(src);
    const first = loadBundle(file, cache, false);
    first.save();
    const buf = fs.readFileSync(first.cacheFile!);
    buf[buf.length - 10] ^= 0xff;
    fs.writeFileSync(first.cacheFile!, buf);
    expect(readCodeCache(first.cacheFile!)).toBeUndefined();
    const damaged = loadBundle(file, cache, false);
    expect(damaged.used).toBe(false);
    expect((damaged.exports.sum as (a: number, b: number) => number)(1, 1)).toBe(2);
    // The same length, other text: another key, so the stored code is never run for it.
    const other = bundleIn(src, BUNDLE.replace('a + b', 'a - b'));
    const changed = loadBundle(other, cache, false);
    expect(changed.cacheFile).not.toBe(first.cacheFile);
    expect(changed.used).toBe(false);
    expect((changed.exports.sum as (a: number, b: number) => number)(5, 3)).toBe(2);
  });

  it.skipIf(typeof process.getuid !== 'function')('neither reads nor writes a cache folder that others can write', () => {
    const src = temp();
    const cache = path.join(temp(), 'cc');
    const file = bundleIn(src);
    loadBundle(file, cache, false).save();
    fs.chmodSync(cache, 0o777);
    const shared = loadBundle(file, cache, false);
    expect(shared.used).toBe(false);
    fs.rmSync(shared.cacheFile!);
    shared.save();
    expect(fs.existsSync(shared.cacheFile!)).toBe(false);
  });

  it('is written again only by a run that used much more CPU than the one that wrote it', () => {
    const src = temp();
    const cache = path.join(temp(), 'cc');
    const file = bundleIn(src);
    const first = loadBundle(file, cache, false);
    first.save();
    const data = readCodeCache(first.cacheFile!)!.data;
    // Written by a run that did (nearly) nothing: this run did far more, so it writes it again.
    writeCodeCache(first.cacheFile!, { data, cpuMicros: 1 });
    const light = loadBundle(file, cache, false);
    expect(light.used).toBe(true);
    light.save();
    expect(readCodeCache(first.cacheFile!)!.cpuMicros).toBeGreaterThan(1);
    // Written by a far bigger run: kept as it is.
    writeCodeCache(first.cacheFile!, { data, cpuMicros: 1e12 });
    const heavy = loadBundle(file, cache, false);
    expect(heavy.used).toBe(true);
    heavy.save();
    expect(readCodeCache(first.cacheFile!)!.cpuMicros).toBe(1e12);
  });

  it('takes its folder from PILLARLINK_COMPILE_CACHE, and can be turned off', () => {
    expect(compileCacheDir({ PILLARLINK_COMPILE_CACHE: '/x/y' })).toBe(path.resolve('/x/y'));
    expect(compileCacheDir({ PILLARLINK_COMPILE_CACHE: 'off' })).toBeUndefined();
    expect(compileCacheDir({ PILLARLINK_COMPILE_CACHE: '0' })).toBeUndefined();
    expect(compileCacheDir({})).toMatch(/pillarlink-compile-cache-/);
    const src = temp();
    const plain = loadBundle(bundleIn(src), undefined, false);
    expect(plain.used).toBe(false);
    expect(plain.cacheFile).toBeUndefined();
  });
});

describe('the pillarlink binary', () => {
  beforeAll(() => buildBundles());

  it('writes its code cache at exit and prints the same with it, without it, and from a damaged one', () => {
    const cache = path.join(temp(), 'cc');
    const run = (env: string) => spawnSync(process.execPath, [path.join(REPO, 'out', 'cli.js'), 'check', path.join(REPO, 'examples'), '--format', 'json', '--fail-on', 'never'], {
      cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PILLARLINK_COMPILE_CACHE: env },
    });
    const off = run('off');
    expect(off.status).toBe(0);
    const cold = run(cache);
    expect(cold.status).toBe(0);
    const files = fs.readdirSync(cache);
    expect(files).toEqual([expect.stringMatching(/^cli-main-[0-9a-f]{24}\.bin$/)]);
    const warm = run(cache);
    for (const f of files) {
      const buf = fs.readFileSync(path.join(cache, f));
      buf[buf.length >> 1] ^= 0xff;
      fs.writeFileSync(path.join(cache, f), buf);
    }
    const damaged = run(cache);
    expect([cold.stdout, warm.stdout, damaged.stdout]).toEqual([off.stdout, off.stdout, off.stdout]);
    // The damaged cache was replaced by a whole one.
    expect(readCodeCache(path.join(cache, files[0]!))).toBeDefined();
  });
});
