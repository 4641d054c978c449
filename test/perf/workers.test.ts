// The worker pool returns, in input order, exactly what parsePage returns in this thread.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS, parsePage } from '../../server/src/core/parse/page';
import { Project } from '../../server/src/core/project';
import { readCodeCache } from '../../server/src/node/compileCache';
import { NodeWorkspace } from '../../server/src/node/fsWorkspace';
import { createParseMany, ParsePool } from '../../server/src/node/workers';
import { buildBundles } from '../helpers/build';
import { REPO } from '../helpers/tmp';
import { fixturePages } from './corpusSample';

const SCRIPT = path.join(REPO, 'out', 'parseWorker.js');

describe('parse worker pool', () => {
  beforeAll(() => buildBundles(), 120_000);

  const items = () => fixturePages().map((abs) => ({ file: path.relative(REPO, abs).split(path.sep).join('/'), text: fs.readFileSync(abs, 'utf8') }));

  it.each([[1, true], [2, true], [1, false]])('with %i worker(s) (this thread parsing too: %s) equals parsePage, in input order, reporting progress', async (n, here) => {
    const pool = new ParsePool(n, SCRIPT, here);
    try {
      const input = items();
      let last = 0;
      const out = await pool.parseMany(input, DEFAULT_PARSE_OPTIONS, (done) => { expect(done).toBe(last + 1); last = done; });
      expect(last).toBe(input.length);
      expect(out).toEqual(input.map((i) => parsePage(i.file, i.text, DEFAULT_PARSE_OPTIONS)));
    } finally {
      await pool.close();
    }
  });

  it('a worker runs the parser from the code cache it saves after a few dozen pages', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-wcc-'));
    const before = process.env.PILLARLINK_COMPILE_CACHE;
    process.env.PILLARLINK_COMPILE_CACHE = cache;
    try {
      const input = items().slice(0, 100);
      expect(input.length).toBe(100);
      for (let round = 0; round < 2; round++) {
        // Workers only, so every page passes through the worker.
        const pool = new ParsePool(1, SCRIPT, false);
        try {
          const out = await pool.parseMany(input, DEFAULT_PARSE_OPTIONS);
          expect(out).toEqual(input.map((i) => parsePage(i.file, i.text, DEFAULT_PARSE_OPTIONS)));
          await new Promise((r) => setTimeout(r, 200));
        } finally {
          await pool.close();
        }
        const saved = fs.readdirSync(cache).filter((f) => f.startsWith('parseWorker-main-'));
        expect(saved).toHaveLength(1);
        expect(readCodeCache(path.join(cache, saved[0]!))).toBeDefined();
      }
    } finally {
      if (before === undefined) delete process.env.PILLARLINK_COMPILE_CACHE;
      else process.env.PILLARLINK_COMPILE_CACHE = before;
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('parses in this thread what a crashed worker held', async () => {
    const crashing = path.join(path.dirname(SCRIPT), 'crashWorker.test.js');
    fs.writeFileSync(crashing, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n");
    // Workers only: every page goes through the crash path.
    const pool = new ParsePool(2, crashing, false);
    try {
      const input = items().slice(0, 20);
      const out = await pool.parseMany(input, DEFAULT_PARSE_OPTIONS);
      expect(out).toEqual(input.map((i) => parsePage(i.file, i.text, DEFAULT_PARSE_OPTIONS)));
    } finally {
      await pool.close();
      fs.rmSync(crashing, { force: true });
    }
  });

  it('a Project loaded through the pool equals one loaded in this thread', async () => {
    const root = path.join(REPO, 'examples');
    const accel = createParseMany(2, SCRIPT)!;
    // The examples site is small: force the pool by wrapping it without the size threshold.
    const pool = new ParsePool(2, SCRIPT);
    try {
      const viaPool = new Project(new NodeWorkspace(root), { parseMany: (i, o, d) => pool.parseMany(i, o, d) });
      await viaPool.load();
      const here = new Project(new NodeWorkspace(root));
      await here.load();
      expect([...viaPool.pages]).toEqual([...here.pages]);
      expect(viaPool.analyze().findings).toEqual(here.analyze().findings);
      // Below the threshold the default ParseMany declines and the caller parses itself.
      expect(accel.parseMany(items().slice(0, 3), DEFAULT_PARSE_OPTIONS)).toBeNull();
    } finally {
      await pool.close();
      await accel.close();
    }
  });
});
