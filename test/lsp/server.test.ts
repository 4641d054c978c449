// The language server over stdio, as an editor runs it: the built bundle, real JSON-RPC.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lspSessions } from '../helpers/session';
import { SERVER, type Diagnostic } from '../helpers/lspClient';
import { REPO } from '../helpers/tmp';
import { waitFor } from '../helpers/wait';

const FIXTURE = path.join(__dirname, 'fixtures', 'site');

const sessions = lspSessions();

async function start(options: { workDoneProgress?: boolean } = {}) {
  return sessions.start(FIXTURE, options);
}

const broken = (d: Diagnostic[]) => d.filter((x) => x.code === 'broken-link');

/** Line/character of the first occurrence of `needle` in a fixture file. */
function locate(rel: string, needle: string) {
  const text = fs.readFileSync(path.join(FIXTURE, rel), 'utf8');
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, i).split('\n');
  const start = { line: before.length - 1, character: before[before.length - 1]!.length };
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

describe('pillarlink-lsp over stdio', () => {
  it('publishes diagnostics for every page with problems: source, code and range', async () => {
    const { client, uri, init } = await start();
    expect(init).toMatchObject({ serverInfo: { name: 'pillarlink-lsp' }, capabilities: { textDocumentSync: { change: 2, openClose: true } } });
    const index = await client.waitForDiagnostics(uri('content/index.md'), (d) => broken(d).length > 0, 'broken link in index.md');
    expect(broken(index)).toEqual([expect.objectContaining({ source: 'pillarlink', code: 'broken-link', severity: 1, range: locate('content/index.md', '/blog/missing/') })]);
    expect(broken(index)[0]!.message).toMatch(/Broken link/);
    expect(broken(index)[0]!.data).toMatchObject({ rule: 'broken-link', url: '/blog/missing/' });
    const a = await client.waitForDiagnostics(uri('content/blog/a.md'), (d) => broken(d).length > 0, 'broken link in a.md');
    expect(broken(a).map((d) => d.range)).toEqual([locate('content/blog/a.md', './new-page.md')]);
    // b.md is linked from index and a: no diagnostics at all.
    expect(client.diagnostics.get(uri('content/blog/b.md')) ?? []).toEqual([]);
  });

  it('an incremental edit that fixes a broken link republishes without it; one that breaks a link adds it', async () => {
    const { root, client, uri } = await start();
    const a = uri('content/blog/a.md');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the initial broken link');
    const text = fs.readFileSync(path.join(root, 'content/blog/a.md'), 'utf8');
    await client.open(a, text);
    await client.change(a, locate('content/blog/a.md', './new-page.md'), 'b.md');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 0, 'the broken link to disappear after the edit');
    await client.change(a, locate('content/blog/a.md', 'b.md'), 'nowhere.md');
    const after = await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'a new broken link after the edit');
    expect(broken(after)[0]!.range).toEqual({ start: locate('content/blog/a.md', 'b.md').start, end: { line: locate('content/blog/a.md', 'b.md').start.line, character: locate('content/blog/a.md', 'b.md').start.character + 'nowhere.md'.length } });
  });

  it('watched files: a created page fixes a broken link in another file; a deleted page breaks its inbound links', async () => {
    const { root, client, uri } = await start();
    const a = uri('content/blog/a.md');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the initial broken link');
    fs.writeFileSync(path.join(root, 'content/blog/new-page.md'), '# New page\n\nBack to [A](a.md).\n');
    await client.filesChanged([{ uri: uri('content/blog/new-page.md'), type: 1 }]);
    await client.waitForDiagnostics(a, (d) => broken(d).length === 0, 'the broken link to disappear once the page exists');

    fs.rmSync(path.join(root, 'content/blog/b.md'));
    await client.filesChanged([{ uri: uri('content/blog/b.md'), type: 3 }]);
    const aDiag = await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the link to the deleted page to break');
    expect(broken(aDiag)[0]!.range).toEqual(locate('content/blog/a.md', 'b.md'));
    await client.waitForDiagnostics(uri('content/index.md'), (d) => broken(d).length === 2, 'index.md to report the deleted page');
  });

  it('CRLF documents with emoji: diagnostic ranges are in UTF-16 characters on the right line', async () => {
    const { client, uri } = await start();
    const a = uri('content/blog/a.md');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the initial broken link');
    await client.open(a, '# Post A\r\n\r\n😀 See [x](/nowhere/) and [b](b.md).\r\n');
    const d = await client.waitForDiagnostics(a, (x) => broken(x).length === 1 && broken(x)[0]!.range.start.line === 2, 'the broken link on line 2');
    expect(broken(d)[0]!.range).toEqual({ start: { line: 2, character: 11 }, end: { line: 2, character: 20 } });
    await client.change(a, { start: { line: 2, character: 11 }, end: { line: 2, character: 20 } }, 'b.md');
    await client.waitForDiagnostics(a, (x) => broken(x).length === 0, 'the fix by an incremental edit');
  });

  it('closing an edited document falls back to the text on disk', async () => {
    const { root, client, uri } = await start();
    const a = uri('content/blog/a.md');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the initial broken link');
    await client.open(a, fs.readFileSync(path.join(root, 'content/blog/a.md'), 'utf8'));
    await client.change(a, locate('content/blog/a.md', './new-page.md'), 'b.md');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 0, 'the edit to fix the link');
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: a } });
    await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the unsaved fix to be dropped on close');
  });

  it('site rules follow an edit once the folder is quiet (run in slices): an anchor text given two destinations is flagged, then cleared', async () => {
    const { root, client, uri } = await start();
    const a = uri('content/blog/a.md');
    const collisions = (d: Diagnostic[]) => d.filter((x) => x.code === 'anchor-collision');
    await client.waitForDiagnostics(a, (d) => broken(d).length === 1, 'the initial diagnostics');
    const text = fs.readFileSync(path.join(root, 'content/blog/a.md'), 'utf8');
    const end = { line: text.split('\n').length - 1, character: 0 };
    await client.open(a, text);
    await client.change(a, { start: end, end }, '\nSee the [money plan](b.md) here.\n\nAnd the [money plan](/) there.\n');
    const flagged = await client.waitForDiagnostics(a, (d) => collisions(d).length === 2, 'anchor-collision on both links');
    expect(collisions(flagged)[0]!.message).toMatch(/money plan/);
    const added = { start: end, end: { line: end.line + 4, character: 0 } };
    await client.change(a, added, '');
    await client.waitForDiagnostics(a, (d) => collisions(d).length === 0 && broken(d).length === 1, 'the site-rule findings withdrawn after the undo');
  });

  it('a static file created on disk resolves a broken asset link', async () => {
    const { root, client, uri } = await start();
    const b = uri('content/blog/b.md');
    fs.appendFileSync(path.join(root, 'content/blog/b.md'), '\n![Chart](/img/chart.png)\n');
    await client.filesChanged([{ uri: b, type: 2 }]);
    await client.waitForDiagnostics(b, (d) => broken(d).length === 1, 'the missing image to be reported');
    fs.mkdirSync(path.join(root, 'static/img'), { recursive: true });
    fs.writeFileSync(path.join(root, 'static/img/chart.png'), 'png');
    await client.filesChanged([{ uri: uri('static/img/chart.png'), type: 1 }]);
    await client.waitForDiagnostics(b, (d) => broken(d).length === 0, 'the image link to resolve');
  });

  it('a pillarlink.json with a syntax error gives one config-error diagnostic on it; fixing it clears it', async () => {
    const { root, client, uri } = await start();
    const cfg = uri('pillarlink.json');
    await client.waitForDiagnostics(uri('content/index.md'), (d) => broken(d).length > 0, 'the initial analysis');
    fs.writeFileSync(path.join(root, 'pillarlink.json'), '{\n  "entryPoints": ["content/index.md"]\n  "rules": {}\n}\n');
    await client.filesChanged([{ uri: cfg, type: 2 }]);
    const d = await client.waitForDiagnostics(cfg, (x) => x.length > 0, 'a config-error diagnostic');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'config-error', source: 'pillarlink', severity: 1, range: { start: { line: 2, character: 2 } } });
    fs.writeFileSync(path.join(root, 'pillarlink.json'), '{ "entryPoints": ["content/index.md"] }\n');
    await client.filesChanged([{ uri: cfg, type: 2 }]);
    await client.waitForDiagnostics(cfg, (x) => x.length === 0, 'the config-error to be cleared');
  });

  it('requests window/workDoneProgress/create and reports begin/end when the client supports progress', async () => {
    const { client, uri } = await start({ workDoneProgress: true });
    await client.waitForDiagnostics(uri('content/index.md'), (d) => d.length > 0, 'the initial analysis');
    const create = await waitFor(() => client.requests.find((r) => r.method === 'window/workDoneProgress/create'), 'a progress token request');
    const token = (create.params as { token: string | number }).token;
    const kinds = await waitFor(() => {
      const k = client.notifications.filter((n) => n.method === '$/progress' && (n.params as { token: unknown }).token === token).map((n) => (n.params as { value: { kind: string } }).value.kind);
      return k.includes('end') ? k : undefined;
    }, 'progress end');
    expect(kinds[0]).toBe('begin');
    expect(kinds[kinds.length - 1]).toBe('end');
  });

  it('does not request progress when the client does not support it', async () => {
    const { client, uri } = await start({ workDoneProgress: false });
    await client.waitForDiagnostics(uri('content/index.md'), (d) => d.length > 0, 'the initial analysis');
    expect(client.requests.filter((r) => r.method === 'window/workDoneProgress/create')).toEqual([]);
  });

  it('answers pillarlink/clusters and pillarlink/pageInfo', async () => {
    const { client, uri, root } = await start();
    const clusters = await client.request<{ folders: { uri: string; clusters: { id: string; targets: { file: string }[]; members: { file: string; linksToTarget: boolean }[] }[] }[] }>('pillarlink/clusters', {});
    expect(clusters.folders).toHaveLength(1);
    expect(clusters.folders[0]!.uri).toBe(client.uri(root, '').replace(/\/$/, ''));
    const budgeting = clusters.folders[0]!.clusters.find((c) => c.id === 'budgeting');
    expect(budgeting?.targets.map((t) => t.file)).toEqual(['content/index.md']);
    expect(budgeting?.members.map((m) => [m.file, m.linksToTarget])).toEqual([['content/blog/a.md', true]]);
    const info = await client.request<{ file: string; url: string; title: string; inbound: number; cluster: { id: string } | null; role: string } | null>('pillarlink/pageInfo', { uri: uri('content/blog/a.md') });
    expect(info).toMatchObject({ file: 'content/blog/a.md', url: '/blog/a/', title: 'Post A', inbound: 2, cluster: { id: 'budgeting' }, role: 'support' });
    expect(await client.request('pillarlink/pageInfo', { uri: client.uri(path.dirname(root), 'elsewhere.md') })).toBeNull();
  });

  it('exits when stdin closes', async () => {
    const { client, uri } = await start();
    await client.waitForDiagnostics(uri('content/index.md'), (d) => d.length > 0, 'the initial analysis');
    client.proc.stdin!.end();
    await waitFor(() => client.exited, 'the server to exit after stdin closed', 5000);
    // Without a shutdown request first, LSP specifies exit code 1; what matters is that it ends.
    expect(client.code).not.toBeUndefined();
  });

  it('shutdown then exit ends the process with code 0', async () => {
    const { client } = await start();
    await client.request('shutdown', null);
    await client.conn.sendNotification('exit');
    await waitFor(() => client.exited, 'the server to exit', 5000);
    expect(client.code).toBe(0);
  });

  it('pillarlink-lsp --version prints the package version', () => {
    const out = execFileSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8', timeout: 10_000 });
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(out.trim()).toBe(pkg.version);
  });
});
