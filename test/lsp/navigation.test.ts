// Navigation over stdio: document links, definitions, references, completion, rename (headings and
// files), symbols — on a site with relative links, site URLs, a frontmatter slug, MDX `<Link href>`
// and CJK/emoji headings — and the `auto` settings that avoid duplicating VS Code's Markdown support.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lspSessions } from '../helpers/session';
import { waitFor } from '../helpers/wait';
import { addAlias } from '../../server/src/core/navigation';

interface Pos { line: number; character: number }
interface Range { start: Pos; end: Pos }
interface Location { uri: string; range: Range }
interface TextEdit { range: Range; newText: string }
interface DocEdit { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }
interface WorkspaceEdit { documentChanges?: DocEdit[] }
interface CompletionItem { label: string; kind?: number; detail?: string; documentation?: { value: string }; filterText?: string; textEdit?: TextEdit }
interface DocumentSymbol { name: string; range: Range; selectionRange: Range; children?: DocumentSymbol[] }

const FIXTURE = path.resolve(__dirname, '../fixtures/navigation/site');
const ALL_ON = Object.fromEntries(['documentLinks', 'definitions', 'references', 'completion', 'rename', 'fileRename', 'symbols'].map((f) => [f, 'on']));

const sessions = lspSessions();

/** Starts the server on a fresh copy of the fixture with `navigation` settings from initializationOptions. */
async function start(navigation: Record<string, string> = ALL_ON) {
  const { root, client } = sessions.spawn(FIXTURE);
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  const init = await client.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'site' }],
    capabilities: { workspace: { workspaceFolders: true } },
    initializationOptions: { settings: { navigation } },
  });
  await client.conn.sendNotification('initialized', {});
  // Indexing is done once the graph is announced.
  await waitFor(() => client.notifications.some((n) => n.method === 'pillarlink/graphChanged'), 'the first index');
  const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
  const open = async (rel: string) => {
    await client.open(uri(rel), read(rel), rel.endsWith('.mdx') ? 'mdx' : 'markdown');
    return uri(rel);
  };
  return { root, client, uri, read, open, init: init as { capabilities: Record<string, unknown> } };
}

/** The position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function at(text: string, needle: string, delta = 0, nth = 0): Pos {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" (#${nth}) not in the text`);
  }
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function rangeOf(text: string, needle: string, nth = 0): Range {
  const s = at(text, needle, 0, nth);
  return { start: s, end: { line: s.line, character: s.character + needle.length } };
}

function offsetOf(text: string, p: Pos): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
  return o + p.character;
}

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start))) {
    out = out.slice(0, offsetOf(text, e.range.start)) + e.newText + out.slice(offsetOf(text, e.range.end));
  }
  return out;
}

/** Applies a WorkspaceEdit to the files on disk under `root`; returns the new texts by relative path. */
function applyWorkspaceEdit(root: string, edit: WorkspaceEdit | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of edit?.documentChanges ?? []) {
    const rel = path.relative(root, new URL(d.textDocument.uri).pathname).split(path.sep).join('/');
    out[rel] = apply(fs.readFileSync(path.join(root, rel), 'utf8'), d.edits);
  }
  return out;
}

const lineOf = (text: string, needle: string) => at(text, needle).line;
const locs = (root: string, list: Location[] | null) => (list ?? []).map((l) => `${path.relative(root, new URL(l.uri).pathname)}:${l.range.start.line}`).sort();

describe('navigation over stdio', () => {
  it('advertises the navigation capabilities and the willRename file operation', async () => {
    const { init } = await start();
    expect(init.capabilities).toMatchObject({
      documentLinkProvider: {},
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: ['(', '/', '#', '"'] },
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      workspace: { fileOperations: { willRename: { filters: expect.arrayContaining([expect.objectContaining({ pattern: expect.objectContaining({ glob: '**/*.{md,mdx,markdown}' }) })]) } } },
    });
  });

  it('documentLink: site URLs, fragments (#L line), relative .mdx, slugs and reference definitions resolve to files', async () => {
    const { client, uri, read } = await start();
    const index = read('content/index.md');
    const guide = read('content/blog/guide.md');
    const links = await client.request<{ range: Range; target: string }[]>('textDocument/documentLink', { textDocument: { uri: uri('content/index.md') } });
    const byRange = (needle: string, nth = 0) => links.find((l) => JSON.stringify(l.range) === JSON.stringify(rangeOf(index, needle, nth)))?.target;
    expect(byRange('/blog/guide/')).toBe(uri('content/blog/guide.md'));
    expect(byRange('/blog/guide/#setup')).toBe(`${uri('content/blog/guide.md')}#L${lineOf(guide, '## Setup') + 1}`);
    // The second "Setup" heading has the slug setup-1.
    expect(byRange('/blog/guide/#setup-1')).toBe(`${uri('content/blog/guide.md')}#L${at(guide, '## Setup', 0, 1).line + 1}`);
    expect(byRange('tools/generator.mdx')).toBe(uri('content/tools/generator.mdx'));
    expect(byRange('/posts/custom-slug/')).toBe(uri('content/posts/2024-01-01-post.md'));
    // The reference link's destination is written on its definition line.
    expect(byRange('/blog/guide/', 3)).toBe(uri('content/blog/guide.md'));
    expect(links).toHaveLength(6);

    const mdx = read('content/tools/generator.mdx');
    const mdxLinks = await client.request<{ range: Range; target: string }[]>('textDocument/documentLink', { textDocument: { uri: uri('content/tools/generator.mdx') } });
    expect(mdxLinks).toContainEqual({ range: rangeOf(mdx, '/blog/guide/#setup'), target: `${uri('content/blog/guide.md')}#L${lineOf(guide, '## Setup') + 1}`, tooltip: 'Open The guide' });
    const home = at(mdx, '](/)', 2);
    expect(mdxLinks).toContainEqual({ range: { start: home, end: { line: home.line, character: home.character + 1 } }, target: uri('content/index.md'), tooltip: 'Open Home' });
  });

  it('documentLink and definition in auto mode: everything in .mdx, only the links VS Code cannot follow in .md', async () => {
    const { client, uri, read, open } = await start({});
    const index = read('content/index.md');
    const links = await client.request<{ range: Range; target: string }[]>('textDocument/documentLink', { textDocument: { uri: uri('content/index.md') } });
    // The relative file link is VS Code's to show; site URLs and the slug URL are ours.
    expect(links.map((l) => index.slice(offsetOf(index, l.range.start), offsetOf(index, l.range.end))).sort()).toEqual(['/blog/guide/', '/blog/guide/', '/blog/guide/#setup', '/blog/guide/#setup-1', '/posts/custom-slug/']);
    // Definitions follow the same split: the site URL is ours, the reference label and file paths are VS Code's.
    const u = await open('content/index.md');
    expect((await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: u }, position: at(index, '/blog/guide/#setup', 3) }))?.[0]?.uri).toBe(uri('content/blog/guide.md'));
    expect(await client.request('textDocument/definition', { textDocument: { uri: u }, position: at(index, '][guide]', 3) })).toBeNull();
    expect(await client.request('textDocument/definition', { textDocument: { uri: u }, position: at(index, 'tools/generator.mdx', 3) })).toBeNull();
    const guideLinks = await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri: uri('content/blog/guide.md') } });
    expect(guideLinks).toEqual([]);
    const mdxLinks = await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri: uri('content/tools/generator.mdx') } });
    // `/blog/guide/#setup`, `/` and the half-typed `/blog/guide/#`.
    expect(mdxLinks).toHaveLength(3);
  });

  it('definition: site URL with fragment → heading; MDX <Link href> → heading; reference link → its definition; slug URL → page start', async () => {
    const { client, uri, read, open } = await start();
    const index = read('content/index.md');
    const guide = read('content/blog/guide.md');
    const u = await open('content/index.md');
    const def = (p: Pos, doc = u) => client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: doc }, position: p });
    expect(await def(at(index, '/blog/guide/#setup', 3))).toEqual([{ uri: uri('content/blog/guide.md'), range: { start: { line: lineOf(guide, '## Setup'), character: 0 }, end: { line: lineOf(guide, '## Setup'), character: 8 } } }]);
    expect(await def(at(index, '/posts/custom-slug/', 2))).toEqual([{ uri: uri('content/posts/2024-01-01-post.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    const ref = await def(at(index, '[reference guide]', 3));
    expect(ref).toEqual([{ uri: u, range: expect.objectContaining({ start: { line: lineOf(index, '[guide]: '), character: 0 } }) }]);
    // On the definition's destination: where it leads.
    expect((await def(at(index, '[guide]: /blog', 10)))?.[0]?.uri).toBe(uri('content/blog/guide.md'));
    const mdx = read('content/tools/generator.mdx');
    const m = await open('content/tools/generator.mdx');
    expect((await def(at(mdx, '/blog/guide/#setup', 2), m))?.[0]?.range.start.line).toBe(lineOf(guide, '## Setup'));
    // CJK fragment on the same page.
    const g = await open('content/blog/guide.md');
    expect((await def(at(guide, '#日本語の見出し', 2), g))?.[0]).toEqual({ uri: g, range: rangeOf(guide, '## 日本語の見出し') });
    // Plain text is no link.
    expect(await def(at(index, 'first, then', 1))).toBeNull();
  });

  it('references: backlinks of a page from every source (site URLs, MDX, slugs, HTML); links to a heading incl. same-page ones', async () => {
    const { root, client, read, open } = await start();
    const guide = read('content/blog/guide.md');
    const g = await open('content/blog/guide.md');
    const refs = (p: Pos, includeDeclaration: boolean) => client.request<Location[] | null>('textDocument/references', { textDocument: { uri: g }, position: p, context: { includeDeclaration } });
    const onH1 = await refs(at(guide, 'The guide', 2, 1), false);
    expect(locs(root, onH1)).toEqual([
      'content/blog/other.md:6',
      'content/index.md:6', 'content/index.md:6', 'content/index.md:8', 'content/index.md:8',
      'content/posts/2024-01-01-post.md:8',
      'content/tools/generator.mdx:17', 'content/tools/generator.mdx:9',
    ]);
    const withDecl = await refs(at(guide, 'Back', 1), true);
    expect(locs(root, withDecl)).toEqual([...locs(root, onH1), 'content/blog/guide.md:4'].sort());

    const onSetup = await refs(at(guide, '## Setup', 4), true);
    expect(locs(root, onSetup)).toEqual(['content/blog/guide.md:10', 'content/blog/guide.md:8', 'content/index.md:6', 'content/tools/generator.mdx:9']);
    const cjk = await refs(at(guide, '## 日本語', 4), false);
    expect(locs(root, cjk)).toEqual(['content/blog/guide.md:10']);
    const emoji = await refs(at(guide, '## Emoji', 4), false);
    expect(locs(root, emoji)).toEqual(['content/posts/2024-01-01-post.md:8']);
  });

  it('references in auto mode on .md: on a heading only what VS Code misses; on plain text every backlink', async () => {
    const { root, client, read, open } = await start({});
    const guide = read('content/blog/guide.md');
    const g = await open('content/blog/guide.md');
    const refs = (p: Pos) => client.request<Location[] | null>('textDocument/references', { textDocument: { uri: g }, position: p, context: { includeDeclaration: true } });
    // The same-page `#setup` is VS Code's; site URLs and the MDX link are ours.
    expect(locs(root, await refs(at(guide, '## Setup', 4)))).toEqual(['content/index.md:6', 'content/tools/generator.mdx:9']);
    expect(locs(root, await refs(at(guide, 'Back', 1)))).toHaveLength(9);
  });

  it('completion: site-URL pages with titles, filtered by the typed prefix; headings after #; MDX href; relative style where the page writes paths', async () => {
    const { client, read, open } = await start();
    const other = read('content/blog/other.md');
    const o = await open('content/blog/other.md');
    const complete = async (doc: string, p: Pos) => client.request<{ isIncomplete: boolean; items: CompletionItem[] } | null>('textDocument/completion', { textDocument: { uri: doc }, position: p });
    const cursor = at(other, '[](', 3);
    const all = await complete(o, cursor);
    expect(all?.isIncomplete).toBe(false);
    expect(all!.items.map((i) => i.label).sort()).toEqual(['/', '/blog/guide/', '/posts/custom-slug/', '/tools/generator/']);
    const guideItem = all!.items.find((i) => i.label === '/blog/guide/')!;
    expect(guideItem).toMatchObject({ detail: 'The guide', filterText: '/blog/guide/', textEdit: { range: { start: cursor, end: cursor }, newText: '/blog/guide/' } });
    expect(all!.items.find((i) => i.label === '/tools/generator/')!.documentation!.value).toMatch(/role target/);

    // Typing narrows the list; the edit replaces the typed prefix.
    await client.change(o, { start: cursor, end: cursor }, '/po');
    const typed = await complete(o, { line: cursor.line, character: cursor.character + 3 });
    expect(typed!.items.map((i) => i.label)).toEqual(['/posts/custom-slug/']);
    expect(typed!.items[0]!.textEdit!.range).toEqual({ start: cursor, end: { line: cursor.line, character: cursor.character + 3 } });

    // After `#`: the destination's heading slugs, CJK and emoji included.
    await client.change(o, { start: cursor, end: { line: cursor.line, character: cursor.character + 3 } }, '/blog/guide/#');
    const frags = await complete(o, { line: cursor.line, character: cursor.character + 13 });
    expect(frags!.items.map((i) => i.label)).toEqual(['the-guide', 'setup', 'details', '日本語の見出し', 'emoji--launch', 'setup-1']);
    expect(frags!.items[3]).toMatchObject({ detail: '## 日本語の見出し', textEdit: { range: { start: { line: cursor.line, character: cursor.character + 13 } }, newText: '日本語の見出し' } });

    // MDX: inside `<Link href="/blog/guide/#`.
    const mdx = read('content/tools/generator.mdx');
    const m = await open('content/tools/generator.mdx');
    const mdxFrags = await complete(m, at(mdx, '/blog/guide/#"', 13));
    expect(mdxFrags!.items.map((i) => i.label)).toContain('emoji--launch');
    // Same-page fragment in MDX: `](#`.
    const mdxText = `${mdx}\nSee [below](#`;
    await client.change(m, { start: { line: mdx.split('\n').length - 1, character: 0 }, end: { line: mdx.split('\n').length - 1, character: 0 } }, '\nSee [below](#');
    const same = await complete(m, at(mdxText, '](#', 3));
    expect(same!.items.map((i) => i.label)).toEqual(['invoice-generator', 'how-it-works', 'step-one', '中文标题']);

    // guide.md writes relative file links: completion proposes paths from its folder.
    const guide = read('content/blog/guide.md');
    const g = await open('content/blog/guide.md');
    await client.change(g, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, 'X [](');
    const rel = await complete(g, { line: 6, character: 5 });
    expect(rel!.items.map((i) => i.label).sort()).toEqual(['../index.md', '../posts/2024-01-01-post.md', '../tools/generator.mdx', './other.md']);
    // `./` because the page writes `./other.md`.
    expect(guide).toContain('(./other.md)');
  });

  it('completion in auto mode: offered in .mdx and in .md pages that write site URLs, not in .md pages that write file paths', async () => {
    const { client, read, open } = await start({});
    const other = read('content/blog/other.md');
    const o = await open('content/blog/other.md');
    const complete = (doc: string, p: Pos) => client.request<{ items: CompletionItem[] } | null>('textDocument/completion', { textDocument: { uri: doc }, position: p });
    expect((await complete(o, at(other, '[](', 3)))?.items.length).toBe(4);
    const g = await open('content/blog/guide.md');
    await client.change(g, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, 'X [](');
    expect(await complete(g, { line: 6, character: 5 })).toBeNull();
    // Typing a site URL there still gets our completion: VS Code cannot complete site URLs.
    await client.change(g, { start: { line: 6, character: 5 }, end: { line: 6, character: 5 } }, '/');
    expect((await complete(g, { line: 6, character: 6 }))?.items.map((i) => i.label)).toContain('/blog/other/');
  });

  it('rename a heading: its text and every link to its fragment (shifted duplicate slugs too), with versioned edits', async () => {
    const { root, client, read, open } = await start();
    const guide = read('content/blog/guide.md');
    const g = await open('content/blog/guide.md');
    const p = at(guide, '## Setup', 5);
    const prep = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: g }, position: p });
    expect(prep).toEqual({ range: rangeOf(guide, 'Setup'), placeholder: 'Setup' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: g }, position: p, newName: 'Installation' });
    expect(edit.documentChanges!.find((d) => d.textDocument.uri === g)!.textDocument.version).toBe(1);
    const after = applyWorkspaceEdit(root, edit);
    expect(after['content/blog/guide.md']).toContain('## Installation\n');
    expect(after['content/blog/guide.md']).toContain('[setup](#installation)');
    expect(after['content/index.md']).toContain('[setup section](/blog/guide/#installation)');
    // The second "Setup" heading loses its -1 suffix: links to it follow.
    expect(after['content/index.md']).toContain('[second setup](/blog/guide/#setup)');
    expect(after['content/tools/generator.mdx']).toContain('<Link href="/blog/guide/#installation">');
    expect(Object.keys(after).sort()).toEqual(['content/blog/guide.md', 'content/index.md', 'content/tools/generator.mdx']);

    // Renaming from a link's fragment renames the heading it points at.
    const index = read('content/index.md');
    const i = await open('content/index.md');
    const fromLink = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: i }, position: at(index, '#setup)', 2) });
    expect(fromLink).toEqual({ range: rangeOf(index, 'setup', 1), placeholder: 'Setup' });
    const cjk = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: g }, position: at(guide, '日本語', 1), newName: '日本語のまとめ' });
    const cjkAfter = applyWorkspaceEdit(root, cjk);
    expect(cjkAfter['content/blog/guide.md']).toContain('## 日本語のまとめ\n');
    expect(cjkAfter['content/blog/guide.md']).toContain('(#日本語のまとめ)');
    // Not on a heading or fragment: nothing to rename.
    expect(await client.request('textDocument/prepareRename', { textDocument: { uri: g }, position: at(guide, 'Back', 1) })).toBeNull();
  });

  it('willRenameFiles: inbound site URLs, relative links, the page\'s own relative links, and an alias for the old URL', async () => {
    const { root, client, uri } = await start();
    const edit = await client.request<WorkspaceEdit | null>('workspace/willRenameFiles', { files: [{ oldUri: uri('content/blog/guide.md'), newUri: uri('content/guides/start.md') }] });
    const after = applyWorkspaceEdit(root, edit);
    expect(after['content/index.md']).toContain('[the guide](/guides/start/)');
    expect(after['content/index.md']).toContain('(/guides/start/#setup)');
    expect(after['content/index.md']).toContain('[guide]: /guides/start/');
    expect(after['content/tools/generator.mdx']).toContain('<Link href="/guides/start/#setup">');
    expect(after['content/posts/2024-01-01-post.md']).toContain('(../guides/start.md#emoji--launch)');
    expect(after['content/blog/other.md']).toContain('<a href="/guides/start/">');
    // Its own links: `../index.md` still climbs one folder; `./other.md` now needs `../blog/`.
    expect(after['content/blog/guide.md']).toContain('[home](../index.md)');
    expect(after['content/blog/guide.md']).toContain('[other page](../blog/other.md)');
    // The site redirects with `aliases` (the slug post has one): the old URL is kept.
    expect(after['content/blog/guide.md']!.startsWith('---\ntitle: The guide\naliases:\n  - /blog/guide/\n---\n')).toBe(true);
    // Versions: none of these documents is open.
    expect(edit!.documentChanges!.every((d) => d.textDocument.version === null)).toBe(true);

    // Renaming the slug page in its folder keeps its URL (the slug decides): nothing to edit.
    expect(await client.request('workspace/willRenameFiles', { files: [{ oldUri: uri('content/posts/2024-01-01-post.md'), newUri: uri('content/posts/renamed.md') }] })).toBeNull();
    // Moving it to a subfolder moves the slug's parent: a new URL, and the old one joins its flow-style aliases.
    const slugMove = await client.request<WorkspaceEdit | null>('workspace/willRenameFiles', { files: [{ oldUri: uri('content/posts/2024-01-01-post.md'), newUri: uri('content/posts/archive/2024-01-01-post.md') }] });
    const slugAfter = applyWorkspaceEdit(root, slugMove);
    expect(Object.keys(slugAfter).sort()).toEqual(['content/index.md', 'content/posts/2024-01-01-post.md']);
    expect(slugAfter['content/index.md']).toContain('[custom post](/posts/archive/custom-slug/)');
    expect(slugAfter['content/posts/2024-01-01-post.md']).toContain('(../../blog/guide.md#emoji--launch)');
    expect(slugAfter['content/posts/2024-01-01-post.md']).toContain('aliases: [/old/custom/, /posts/custom-slug/]');

    // A folder move carries the pages inside it.
    const folderMove = await client.request<WorkspaceEdit | null>('workspace/willRenameFiles', { files: [{ oldUri: uri('content/tools'), newUri: uri('content/apps') }] });
    const folderAfter = applyWorkspaceEdit(root, folderMove);
    expect(folderAfter['content/index.md']).toContain('[generator](apps/generator.mdx)');
    expect(folderAfter['content/blog/other.md']).toContain('[generator](/apps/generator/)');
    expect(folderAfter['content/tools/generator.mdx']).toContain('aliases:\n  - /tools/generator/\n---');
  });

  it('documentSymbol: a hierarchical heading outline (MDX in auto mode; .md only when on)', async () => {
    const { client, uri, read } = await start({});
    const mdx = read('content/tools/generator.mdx');
    const syms = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: uri('content/tools/generator.mdx') } });
    expect(syms!.map((s) => s.name)).toEqual(['Invoice generator']);
    expect(syms![0]!.children!.map((s) => [s.name, (s.children ?? []).map((c) => c.name)])).toEqual([['How it works', ['Step one']], ['中文标题', []]]);
    expect(syms![0]!.selectionRange).toEqual(rangeOf(mdx, '# Invoice generator'));
    expect(syms![0]!.children![0]!.range.end).toEqual(at(mdx, '## 中文标题'));
    expect(await client.request('textDocument/documentSymbol', { textDocument: { uri: uri('content/blog/guide.md') } })).toBeNull();
  });

  it('documentSymbol on .md when on; workspace/symbol finds pages by title and headings after #', async () => {
    const { root, client, uri } = await start();
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('content/blog/guide.md') } });
    expect(syms[0]!.children!.map((s) => s.name)).toEqual(['Setup', '日本語の見出し', 'Emoji 🚀 launch', 'Setup']);
    const pages = await client.request<{ name: string; containerName?: string; location: Location }[]>('workspace/symbol', { query: 'guide' });
    expect(pages.map((p) => [p.name, p.containerName])).toEqual([['The guide', '/blog/guide/']]);
    const slugPage = await client.request<{ name: string; location: Location }[]>('workspace/symbol', { query: 'custom' });
    expect(slugPage.map((p) => `${p.name} ${locs(root, [p.location])[0]}`)).toEqual(['Custom slug post content/posts/2024-01-01-post.md:6']);
    const headings = await client.request<{ name: string; containerName?: string }[]>('workspace/symbol', { query: '#日本' });
    expect(headings).toEqual([expect.objectContaining({ name: '日本語の見出し', containerName: 'The guide' })]);
  });

  it('settings pulled with workspace/configuration apply, and change on didChangeConfiguration', async () => {
    const { root, client } = sessions.spawn(FIXTURE);
    let mode = 'off';
    client.conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => ({ navigation: { documentLinks: mode } })));
    await client.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'site' }], capabilities: { workspace: { workspaceFolders: true, configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } });
    await client.conn.sendNotification('initialized', {});
    await waitFor(() => client.notifications.some((n) => n.method === 'pillarlink/graphChanged'), 'the first index');
    const mdx = pathToFileURL(path.join(root, 'content/tools/generator.mdx')).href;
    expect(await client.request('textDocument/documentLink', { textDocument: { uri: mdx } })).toEqual([]);
    mode = 'on';
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(async () => (await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri: mdx } })).length === 3, 'document links once the setting is on');
  });

  it('settings off: no links, definitions or completions', async () => {
    const { client, uri, read, open } = await start({ documentLinks: 'off', definitions: 'off', completion: 'off' });
    const mdx = read('content/tools/generator.mdx');
    const m = await open('content/tools/generator.mdx');
    expect(await client.request('textDocument/documentLink', { textDocument: { uri: uri('content/tools/generator.mdx') } })).toEqual([]);
    expect(await client.request('textDocument/definition', { textDocument: { uri: m }, position: at(mdx, '/blog/guide/#setup', 2) })).toBeNull();
    expect(await client.request('textDocument/completion', { textDocument: { uri: m }, position: at(mdx, '/blog/guide/#"', 13) })).toBeNull();
  });
});

describe('addAlias keeps the frontmatter layout', () => {
  const add = (text: string, url: string) => {
    const e = addAlias(text, url)!;
    return text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  };
  it('appends to a block list with its indent, to a flow list, turns a scalar into a list, adds the key, and handles TOML', () => {
    expect(add('---\ntitle: A\naliases:\n    - /x/\n# note\ndate: 2024\n---\nBody\n', '/old/')).toBe('---\ntitle: A\naliases:\n    - /x/\n    - /old/\n# note\ndate: 2024\n---\nBody\n');
    expect(add('---\naliases: []\n---\n', '/old/')).toBe('---\naliases: [/old/]\n---\n');
    expect(add('---\naliases: "/x/"\n---\n', '/old/')).toBe('---\naliases: ["/x/", /old/]\n---\n');
    expect(add('---\r\ntitle: A\r\n---\r\n', '/old path/')).toBe('---\r\ntitle: A\r\naliases:\r\n  - "/old path/"\r\n---\r\n');
    expect(add('+++\ntitle = "A"\n+++\n', '/old/')).toBe('+++\ntitle = "A"\naliases = ["/old/"]\n+++\n');
    expect(add('# No frontmatter\n', '/old/')).toBe('---\naliases:\n  - /old/\n---\n# No frontmatter\n');
  });
});
