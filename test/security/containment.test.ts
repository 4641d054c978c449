// Containment: Project + NodeWorkspace, in process, on a workspace whose links, config paths and
// symlinks point everywhere outside it. Every call to fs/promises is recorded; none may touch a
// path outside the workspace root. Also: `/` and the home folder without a marker are not crawled.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir, removeDir, writeFiles } from '../helpers/tmp';

const calls: { fn: string; path: string }[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const wrapped: Record<string, unknown> = { ...real };
  for (const fn of ['readFile', 'stat', 'lstat', 'realpath', 'readdir', 'open', 'opendir', 'access', 'readlink']) {
    const orig = (real as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]!;
    wrapped[fn] = (p: unknown, ...rest: unknown[]) => {
      calls.push({ fn, path: typeof p === 'string' ? p : p instanceof URL ? p.pathname : String(p) });
      return orig(p, ...rest);
    };
  }
  return { ...wrapped, default: wrapped };
});

// The synchronous calls too (the workspace lists and reads with them).
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const wrapped: Record<string, unknown> = { ...real };
  const record = (fn: string, orig: (...a: unknown[]) => unknown) => (p: unknown, ...rest: unknown[]) => {
    if (typeof p === 'string' || p instanceof URL) calls.push({ fn, path: typeof p === 'string' ? p : p.pathname });
    return orig(p, ...rest);
  };
  for (const fn of ['readFileSync', 'statSync', 'lstatSync', 'readdirSync', 'openSync', 'opendirSync', 'accessSync', 'readlinkSync', 'existsSync']) {
    wrapped[fn] = record(fn, (real as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]!);
  }
  const realpath = record('realpathSync', real.realpathSync as (...a: unknown[]) => unknown) as typeof real.realpathSync;
  realpath.native = record('realpathSync.native', real.realpathSync.native as (...a: unknown[]) => unknown) as typeof real.realpathSync.native;
  wrapped.realpathSync = realpath;
  return { ...wrapped, default: wrapped };
});

// Imported after the mocks so that the workspace sees the recording functions.
const { NodeWorkspace, isInside } = await import('../../server/src/node/fsWorkspace');
const { Project } = await import('../../server/src/core/project');

const base = makeTempDir('pillarlink-containment-');
const root = path.join(base, 'ws');
afterAll(() => removeDir(base));

const LINKS = [
  '[up](../../outside/secret.md)',
  '[encoded](%2e%2e/%2e%2e/outside/secret.md)',
  '[encoded slashes](..%2f..%2foutside%2fsecret.md)',
  '[double encoded](%252e%252e/outside/secret.md)',
  '[site-absolute up](/../../outside/secret.md)',
  '[etc](/etc/passwd)',
  '[file url](file:///etc/passwd)',
  `[absolute](${path.join(base, 'outside', 'secret.md')})`,
  '[sibling prefix](../../ws2/x.md)',
  '[backslashes](..\\..\\outside\\secret.md)',
  '[dir link](./etcdir/passwd)',
  '[file symlink](./link-to-secret.md)',
  '<a href="../../../../../../etc/hosts">html</a>',
  '![img](../../outside/img.png)',
  '[ref]: ../../outside/secret.md',
].join('\n\n');

function setup(): void {
  writeFiles(base, {
    'outside/secret.md': '# Secret\n',
    'outside/img.png': 'x',
    'ws2/x.md': '# Sibling with a common prefix\n',
    'ws/pillarlink.json': JSON.stringify({ contentRoots: ['content', '../outside', '/etc', '../ws2'], entryPoints: ['../outside/secret.md', '/etc/passwd'], exclude: ['../**'] }),
    'ws/content/index.md': `# Home\n\n${LINKS}\n`,
    'ws/content/page.mdx': `# Page\n\n<Link href="../../outside/secret.md">x</Link>\n\n${LINKS}\n`,
  });
  const link = (target: string, at: string) => { if (!fs.existsSync(path.join(root, at))) fs.symlinkSync(target, path.join(root, at)); };
  link('/etc', 'content/etcdir');
  link(path.join(base, 'outside'), 'content/outdir');
  link(path.join(base, 'outside', 'secret.md'), 'content/link-to-secret.md');
  link('/etc/passwd', 'content/passwd.md');
  link(path.join(base, 'ws2'), 'ws2link');
}

const outsideCalls = (realRoot: string) => calls.filter((c) => !isInside(realRoot, path.resolve(c.path)));

describe('nothing outside the workspace root is opened or stat-ed', () => {
  beforeEach(() => { setup(); calls.length = 0; });

  it('loading, analysing and reacting to file events stay inside the root', async () => {
    const ws = new NodeWorkspace(root);
    const project = new Project(ws);
    await project.load();
    const { findings } = project.analyze();
    // Hostile file events, as a watcher or a client could send them.
    for (const p of ['../outside/secret.md', '../ws2/x.md', 'content/etcdir/passwd', 'content/outdir/secret.md', 'content/link-to-secret.md', 'content/passwd.md', '/etc/passwd', 'content/../../outside/secret.md', 'ws2link/x.md']) {
      await project.fileChanged(p);
      expect(await ws.readFile(p), `readFile(${p})`).toBeUndefined();
    }
    project.analyze();
    expect(calls.length).toBeGreaterThan(0);
    // The synchronous reads were seen too: every page was opened (inside the root).
    expect(calls.filter((c) => c.fn === 'openSync').length).toBeGreaterThanOrEqual(2);
    expect(outsideCalls(root)).toEqual([]);
    // The pages are analysed; nothing from outside became a page.
    expect([...project.pages.keys()].sort()).toEqual(['content/index.md', 'content/page.mdx']);
    expect(findings.some((f) => f.rule === 'broken-link' || f.rule === 'link-to-unindexed-page' || f.rule === 'non-crawlable-link')).toBe(true);
  });

  it('includes() refuses symlinked folders, dot-folders and climbing paths without leaving the root', async () => {
    const ws = new NodeWorkspace(root);
    for (const p of ['content/etcdir/passwd', 'content/outdir/secret.md', '../outside/secret.md', 'ws2link/x.md', '.git/config']) {
      expect(await ws.includes(p), p).toBe(false);
    }
    expect(outsideCalls(root)).toEqual([]);
  });

  it('a FIFO is not read (it would block the thread): readFile answers at once', async () => {
    const fifo = path.join(root, 'content', 'pipe.md');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo on this system
    try {
      const ws = new NodeWorkspace(root);
      expect(await ws.readFile('content/pipe.md')).toBeUndefined();
      expect((await ws.listFiles()).some((e) => e.path === 'content/pipe.md')).toBe(false);
    } finally {
      fs.rmSync(fifo, { force: true });
    }
  });

  it('isInside has no prefix bug', () => {
    expect(isInside('/tmp/ws', '/tmp/ws2/x')).toBe(false);
    expect(isInside('/tmp/ws', '/tmp/ws/../ws2/x')).toBe(false);
    expect(isInside('/tmp/ws', '/tmp/ws/a/..b')).toBe(true);
    expect(isInside('/tmp/ws', '/tmp/ws')).toBe(true);
    expect(isInside('/tmp/ws', '/tmp/wsx')).toBe(false);
  });
});

describe('a workspace at / or the home folder without a marker is not crawled', () => {
  const savedHome = process.env.HOME;
  afterEach(() => { process.env.HOME = savedHome; });

  it('the filesystem root: nothing listed, only the markers looked up', async () => {
    calls.length = 0;
    const ws = new NodeWorkspace('/');
    const files = fs.existsSync('/.git') || fs.existsSync('/pillarlink.json') ? undefined : await ws.listFiles();
    if (files === undefined) return; // `/` really is a project on this machine
    expect(files).toEqual([]);
    expect(ws.refusal).toMatch(/filesystem root/);
    expect(calls.every((c) => c.path === '/' || c.path === '/.git' || c.path === '/pillarlink.json'), JSON.stringify(calls)).toBe(true);
  });

  it('the home folder: refused without a marker, indexed with pillarlink.json', async () => {
    const home = makeTempDir('pillarlink-home-');
    writeFiles(home, { 'notes/a.md': '# A\n' });
    process.env.HOME = home;
    const ws = new NodeWorkspace(home);
    expect(await ws.listFiles()).toEqual([]);
    expect(ws.refusal).toMatch(/home folder/);
    writeFiles(home, { 'pillarlink.json': '{}' });
    expect((await ws.listFiles()).map((e) => e.path)).toEqual(['notes/a.md', 'pillarlink.json']);
    expect(ws.refusal).toBeUndefined();
    removeDir(home);
  });
});
