import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { decodeText, NodeWorkspace } from '../../server/src/node/fsWorkspace';
import { makeTempDir, removeDir, tempWorkspace, writeFiles } from '../helpers/tmp';

const dirs: string[] = [];
afterEach(() => { while (dirs.length) removeDir(dirs.pop()!); });
const track = (d: string) => { dirs.push(d); return d; };

async function listed(root: string): Promise<string[]> {
  return (await new NodeWorkspace(root).listFiles()).map((e) => e.path);
}

describe('NodeWorkspace', () => {
  it('honours .gitignore at the root and in sub-folders', async () => {
    const root = track(tempWorkspace({
      '.gitignore': 'drafts/\n*.tmp.md\n',
      'content/a.md': '# A\n',
      'content/x.tmp.md': '# tmp\n',
      'drafts/d.md': '# D\n',
      'content/blog/.gitignore': 'secret.md\n!keep.tmp.md\n',
      'content/blog/secret.md': '# S\n',
      'content/blog/post.md': '# P\n',
      'content/other/secret.md': '# not ignored: the nested rule is scoped to blog/\n',
    }));
    expect(await listed(root)).toEqual(['.gitignore', 'content/a.md', 'content/blog/.gitignore', 'content/blog/post.md', 'content/other/secret.md']);
  });

  it('skips node_modules and dot-folders', async () => {
    const root = track(tempWorkspace({
      'content/a.md': '# A\n',
      'node_modules/pkg/readme.md': '# x\n',
      'content/node_modules/y.md': '# y\n',
      '.git/HEAD.md': 'x',
      '.cache/c.md': 'x',
      'content/.hidden/h.md': 'x',
    }));
    expect(await listed(root)).toEqual(['content/a.md']);
  });

  it('never follows directory symlinks; keeps file symlinks inside the root and drops those pointing outside', async () => {
    const outside = track(makeTempDir());
    writeFiles(outside, { 'secret.md': '# outside secret\n', 'dir/o.md': '# o\n' });
    const root = track(tempWorkspace({ 'content/a.md': '# A\n', 'content/sub/b.md': '# B\n' }));
    fs.symlinkSync(path.join(root, 'content/sub'), path.join(root, 'content/linked-dir'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'content/outside-dir'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'content/leak.md'));
    fs.symlinkSync(path.join(root, 'content/a.md'), path.join(root, 'content/alias.md'));
    fs.symlinkSync(path.join(root, 'nope.md'), path.join(root, 'content/dangling.md'));
    const ws = new NodeWorkspace(root);
    expect((await ws.listFiles()).map((e) => e.path)).toEqual(['content/a.md', 'content/alias.md', 'content/sub/b.md']);
    expect(await ws.readFile('content/leak.md')).toBeUndefined();
    expect(await ws.readFile('content/alias.md')).toBe('# A\n');
  });

  it('readFile refuses paths outside the root', async () => {
    const parent = track(makeTempDir());
    writeFiles(parent, { 'outside.md': 'secret', 'ws/content/a.md': '# A\n', 'ws-sibling/x.md': 'sibling' });
    const ws = new NodeWorkspace(path.join(parent, 'ws'));
    expect(await ws.readFile('content/a.md')).toBe('# A\n');
    expect(await ws.readFile('../outside.md')).toBeUndefined();
    expect(await ws.readFile('content/../../outside.md')).toBeUndefined();
    expect(await ws.readFile('../ws-sibling/x.md')).toBeUndefined();
    expect(await ws.readFile(path.join(parent, 'outside.md'))).toBeUndefined();
    expect(await ws.readFile('content/missing.md')).toBeUndefined();
  });

  it('a page listed, then replaced by a symlink out of the root (file or parent folder), is not read; a page rewritten is read anew', async () => {
    const parent = track(makeTempDir());
    writeFiles(parent, { 'outside/secret.md': 'secret', 'outside/dir/b.md': 'outside b', 'ws/content/a.md': '# A\n', 'ws/content/dir/b.md': '# B\n', 'ws/content/c.md': '# C\n' });
    const root = path.join(parent, 'ws');
    const ws = new NodeWorkspace(root);
    expect((await ws.listFiles()).map((e) => e.path)).toEqual(['content/a.md', 'content/c.md', 'content/dir/b.md']);
    expect(await ws.readFile('content/a.md')).toBe('# A\n');
    // The listed file becomes a symlink to a file outside the root.
    fs.rmSync(path.join(root, 'content/a.md'));
    fs.symlinkSync(path.join(parent, 'outside/secret.md'), path.join(root, 'content/a.md'));
    expect(await ws.readFile('content/a.md')).toBeUndefined();
    // Its folder becomes a symlink to a folder outside the root.
    fs.rmSync(path.join(root, 'content/dir'), { recursive: true });
    fs.symlinkSync(path.join(parent, 'outside/dir'), path.join(root, 'content/dir'));
    expect(await ws.readFile('content/dir/b.md')).toBeUndefined();
    // Saved by an editor that writes a new file and renames it over the old one: another inode, read anew.
    fs.writeFileSync(path.join(root, 'content/c.tmp'), '# C, edited\n');
    fs.renameSync(path.join(root, 'content/c.tmp'), path.join(root, 'content/c.md'));
    expect(await ws.readFile('content/c.md')).toBe('# C, edited\n');
  });

  it('decodes UTF-16 LE and BE files with a BOM, and UTF-8 with or without one', async () => {
    const text = '# Überschrift 😀\n\n[x](/y/)\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const root = track(tempWorkspace({
      'content/le.md': le,
      'content/be.md': be,
      'content/u8bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    }));
    const ws = new NodeWorkspace(root);
    expect(await ws.readFile('content/le.md')).toBe(text);
    expect(await ws.readFile('content/be.md')).toBe(text);
    expect(decodeText(Buffer.from(text))).toBe(text);
    const p = new Project(ws);
    await p.load();
    for (const f of ['content/le.md', 'content/be.md', 'content/u8bom.md']) {
      expect(p.pages.get(f)?.h1, f).toBe('Überschrift 😀');
      expect(p.pages.get(f)?.links[0]?.span, f).toEqual({ start: text.indexOf('[x]'), end: text.length - 1 });
    }
  });

  it('skips pages over the size cap and pages with NUL bytes, and logs why', async () => {
    const root = track(tempWorkspace({
      'pillarlink.json': '{ "maxFileSize": 1000 }',
      'content/ok.md': '# OK\n',
      'content/big.md': `# Big\n\n${'word '.repeat(400)}\n`,
      'content/binary.md': Buffer.from('# Bin\n\u0000\u0001\u0002\n'),
    }));
    const log: string[] = [];
    const p = new Project(new NodeWorkspace(root), { log: (m) => log.push(m) });
    await p.load();
    expect([...p.pages.keys()]).toEqual(['content/ok.md']);
    expect(log.some((m) => m.includes('content/big.md') && /size cap/.test(m))).toBe(true);
    expect(log.some((m) => m.includes('content/binary.md') && /NUL/.test(m))).toBe(true);
  });
});

describe('Project file events', () => {
  it('watcher events for files listFiles would skip are ignored', async () => {
    const root = track(tempWorkspace({
      '.gitignore': 'drafts/\n',
      'content/index.md': '# Home\n',
      'content/sub/real.md': '# Real\n',
    }));
    fs.symlinkSync(path.join(root, 'content/sub'), path.join(root, 'content/linked'));
    const ws = new NodeWorkspace(root);
    const p = new Project(ws);
    await p.load();
    writeFiles(root, {
      'content/drafts/d.md': '# D\n',
      'content/node_modules/pkg/readme.md': '# N\n',
      'content/.cache/c.md': '# C\n',
      'content/new.md': '# New\n',
    });
    for (const f of ['content/drafts/d.md', 'content/node_modules/pkg/readme.md', 'content/.cache/c.md', 'content/linked/real.md', 'content/new.md']) await p.fileChanged(f);
    expect([...p.pages.keys()].sort()).toEqual(['content/index.md', 'content/new.md', 'content/sub/real.md']);
    expect(await ws.includes('content/sub/real.md')).toBe(true);
    expect(await ws.includes('../x.md')).toBe(false);
  });


  it('a first page in a content-root folder switches the detected roots', async () => {
    const ws = new InMemoryWorkspace('/ws', { 'index.md': '# Home\n\n[Guide](/guide/)\n', 'notes/todo.md': '# Todo\n' });
    const p = new Project(ws);
    await p.load();
    expect(p.contentRoots).toEqual(['']);
    ws.set('content/guide.md', '# Guide\n');
    await p.fileChanged('content/guide.md');
    expect(p.contentRoots).toEqual(['content']);
    expect([...p.pages.keys()]).toEqual(['content/guide.md']);
    expect(p.model().urlOf('content/guide.md')).toBe('/guide/');
  });

  it('the size cap also holds for pages that grow after the initial load', async () => {
    const ws = new InMemoryWorkspace('/ws', { 'pillarlink.json': '{ "maxFileSize": 200 }', 'content/a.md': '# A\n' });
    const log: string[] = [];
    const p = new Project(ws, { log: (m) => log.push(m) });
    await p.load();
    expect(p.pages.has('content/a.md')).toBe(true);
    ws.set('content/a.md', `# A\n\n${'é'.repeat(150)}\n`);
    await p.fileChanged('content/a.md');
    expect(p.pages.has('content/a.md')).toBe(false);
    expect(log.some((m) => m.includes('content/a.md') && /size cap/.test(m))).toBe(true);
  });

  it('created, changed and deleted pages update the graph', async () => {
    const ws = new InMemoryWorkspace('/ws', { 'content/index.md': '# Home\n\n[A](a.md)\n' });
    const p = new Project(ws);
    await p.load();
    const broken = () => p.analyze().findings.filter((f) => f.rule === 'broken-link').map((f) => f.file);
    expect(broken()).toEqual(['content/index.md']);
    ws.set('content/a.md', '# A\n\n[Home](index.md) [B](b.md)\n');
    await p.fileChanged('content/a.md');
    expect(broken()).toEqual(['content/a.md']);
    ws.delete('content/a.md');
    p.fileDeleted('content/a.md');
    expect(broken()).toEqual(['content/index.md']);
  });
});

describe('page stamps (FileEntry.stamp)', () => {
  it('a stamped page is keyed by its stamp and read only when parsed; an open document by its text', async () => {
    const reads: string[] = [];
    class Stamped extends InMemoryWorkspace {
      stamps = new Map<string, string>();
      override async listFiles() {
        return (await super.listFiles()).map((e) => (this.stamps.has(e.path) ? { ...e, stamp: this.stamps.get(e.path)! } : e));
      }
      override async readFile(p: string) { reads.push(p); return super.readFile(p); }
    }
    const ws = new Stamped('/ws', { 'content/a.md': '# A\n\n[B](b.md)\n', 'content/b.md': '# B\n', 'content/c.md': '# C\n' });
    ws.stamps.set('content/a.md', 's1');
    ws.stamps.set('content/b.md', 's2');
    const parts = async (open?: string) => {
      const p = new Project(ws);
      if (open) p.setOpenDocument('content/b.md', open);
      await p.readInputs();
      return { p, key: [...p.inputParts()].join('|') };
    };
    const { p, key } = await parts();
    expect(reads.filter((r) => r.endsWith('.md'))).toEqual(['content/c.md']);
    expect(key).toContain('content/a.md\u0004s1');
    expect(key).not.toContain('[B](b.md)');
    // Parsing reads them, and the result is the same as without stamps.
    await p.load();
    expect(reads.filter((r) => r.endsWith('.md')).sort()).toEqual(['content/a.md', 'content/b.md', 'content/c.md']);
    const plain = new Project(new InMemoryWorkspace('/ws', Object.fromEntries(ws.files)));
    await plain.load();
    expect(p.analyze().findings).toEqual(plain.analyze().findings);
    // Another stamp is another key; an open document is keyed by its unsaved text.
    ws.stamps.set('content/a.md', 's1b');
    expect((await parts()).key).not.toBe(key);
    const withOpen = (await parts('# B, unsaved\n')).key;
    expect(withOpen).toContain('# B, unsaved');
    expect(withOpen).not.toContain('content/b.md\u0004s2');
  });
});
