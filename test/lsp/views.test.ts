// The editor's custom requests, hover and code lens over stdio, against the bundled server.
import { describe, expect, it } from 'vitest';
import type { FolderOverviewDto, PageInfoDto, PageLinksDto, TextEditDto, WorkspaceEditDto } from '../../shared/src/dto';
import { Methods, type EditResult, type GroupPagesResult, type OverviewResult, type StatusParams } from '../../shared/src/protocol';
import { setFrontmatterValues } from '../../server/src/lsp/frontmatterEdit';
import { lspSessions } from '../helpers/session';
import { writeFiles } from '../helpers/tmp';
import { waitFor } from '../helpers/wait';

// A small site: cluster "seo" (declared in frontmatter) with a target and three support pages
// (one links up from its text, one only from a "Related" list, one not at all), a suggested
// directory cluster under content/recipes, an unclustered page with a broken link, and an orphan.
const FILES: Record<string, string> = {
  'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://example.com' }, entryPoints: ['content/home.md'], clusters: { infer: 'directory' } }),
  'content/home.md': '# Home\n\nStart with [SEO basics](/guides/seo/) or read [the FAQ](/blog/faq/), [keyword research](/blog/keywords/) and [recipes](/recipes/).\n\nAlso [broken page](/blog/broken/).\n',
  'content/guides/seo.md': '---\ntitle: SEO Basics\ncluster: seo\nrole: target # the pillar\n---\n\n# SEO Basics\n\nEverything about search.\n',
  'content/blog/keywords.md': '---\ntitle: Keyword Research\ncluster: seo\nrole: tutorial\n---\n\n# Keyword Research\n\nLearn the [SEO basics](/guides/seo/) first, then pick keywords.\n\nSee [meta](/blog/meta/) too.\n',
  'content/blog/meta.md': '---\ntitle: Meta Descriptions\ncluster: seo\nrole: explainer\n---\n\n# Meta Descriptions\n\nWrite short summaries.\n\n## Related\n\n- [SEO basics](/guides/seo/)\n',
  'content/blog/faq.md': '---\ntitle: SEO FAQ\ncluster: seo\nrole: faq\n---\n\n# SEO FAQ\n\nQuestions and answers.\n',
  'content/blog/broken.md': '# Broken Page\n\nThis goes [nowhere](/nope/) and [outside](https://other.example/x).\n',
  'content/orphan.md': 'Nobody links here.\n',
  'content/recipes/index.md': '# Recipes\n\n[Soup](/recipes/soup/) and [bread](/recipes/bread/).\n',
  'content/recipes/soup.md': '---\ntitle: Soup\n---\n\nHot.\n',
  'content/recipes/bread.md': 'Baked.\n',
};

const sessions = lspSessions();

async function start(files: Record<string, string> = FILES) {
  const { root, client, init, uri } = await sessions.start(files);
  const overview = async (params: object = {}) => (await client.request<OverviewResult>(Methods.overview, params)).folders[0]!;
  return { root, client, init, uri, overview };
}

/** Applies LSP text edits (end to start, so earlier ranges stay valid). */
function applyEdits(text: string, edits: TextEditDto[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line]! + p.character;
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)).reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

function editedText(edit: WorkspaceEditDto | null, uri: string, before: string): string {
  expect(edit, 'an edit').not.toBeNull();
  const edits = edit!.changes[uri];
  expect(edits, `edits for ${uri} in ${JSON.stringify(Object.keys(edit!.changes))}`).toBeDefined();
  return applyEdits(before, edits!);
}

/** Position of the first occurrence of `needle` in a fixture file (+ `delta` characters). */
function at(rel: string, needle: string, delta = 0) {
  const text = FILES[rel]!;
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('Clusters view requests', () => {
  it('pillarlink/overview summarises clusters, suggested clusters, unclustered pages and orphans', async () => {
    const { overview, init } = await start();
    expect(init).toMatchObject({ capabilities: { hoverProvider: true, codeLensProvider: {} } });
    const f: FolderOverviewDto = await overview();
    expect(f.pages).toBe(Object.keys(FILES).filter((k) => k.endsWith('.md')).length);
    const seo = f.clusters.find((c) => c.id === 'seo')!;
    expect(seo).toMatchObject({ inferred: false, supportCount: 3, missing: 2, roles: [{ role: 'tutorial', count: 1 }, { role: 'explainer', count: 1 }, { role: 'faq', count: 1 }] });
    expect(seo.targets).toEqual([expect.objectContaining({ title: 'SEO Basics', role: 'target', url: '/guides/seo/', href: 'https://example.com/guides/seo/', linkUp: null, inbound: 3 })]);
    const recipes = f.clusters.find((c) => c.id === 'content/recipes')!;
    expect(recipes).toMatchObject({ inferred: true, supportCount: 2, targets: [expect.objectContaining({ file: 'content/recipes/index.md' })] });
    // broken.md, home.md and orphan.md have no cluster; orphan.md is the only page nobody links to.
    expect(f.unclustered).toBe(3);
    expect(f.orphans).toBe(1);
  });

  it('pillarlink/groupPages returns one page of a group with the link-up state of each page', async () => {
    const { client, root, overview } = await start();
    const folderUri = (await overview()).uri;
    const group = (role: string) => client.request<GroupPagesResult>(Methods.groupPages, { folderUri, group: { kind: 'cluster', clusterId: 'seo', role } });
    expect((await group('tutorial')).items).toEqual([expect.objectContaining({ title: 'Keyword Research', linkUp: 'content', inbound: 1, orphan: false })]);
    expect((await group('explainer')).items).toEqual([expect.objectContaining({ title: 'Meta Descriptions', linkUp: 'boilerplate', inbound: 1 })]);
    expect((await group('faq')).items).toEqual([expect.objectContaining({ title: 'SEO FAQ', linkUp: 'none' })]);
    const orphans = await client.request<GroupPagesResult>(Methods.groupPages, { folderUri, group: { kind: 'orphans' } });
    expect(orphans.items.map((p) => p.file)).toEqual(['content/orphan.md']);
    expect(orphans.items[0]!.uri).toBe(client.uri(root, 'content/orphan.md'));
    // Paging: sorted by title, offset/limit slice it, total stays the full count.
    const first = await client.request<GroupPagesResult>(Methods.groupPages, { folderUri, group: { kind: 'unclustered' }, offset: 0, limit: 2 });
    const rest = await client.request<GroupPagesResult>(Methods.groupPages, { folderUri, group: { kind: 'unclustered' }, offset: 2, limit: 2 });
    expect(first.total).toBe(3);
    expect(rest.total).toBe(3);
    expect([...first.items, ...rest.items].map((p) => p.title)).toEqual(['Broken Page', 'Home', 'orphan']);
    const none = await client.request<GroupPagesResult>(Methods.groupPages, { folderUri: 'file:///not-a-folder', group: { kind: 'orphans' } });
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('filters by text and by problems on the server', async () => {
    const { client, overview } = await start();
    const problems = await overview({ filter: { onlyProblems: true } });
    const seo = problems.clusters.find((c) => c.id === 'seo')!;
    expect(seo.roles.map((r) => r.role)).toEqual(['explainer', 'faq']);
    expect(seo.supportCount).toBe(2);
    // The suggested cluster's pages are fine: it is not a problem cluster.
    expect(problems.clusters.map((c) => c.id)).toEqual(['seo']);
    expect(problems.unclustered).toBe(1);
    const byText = await overview({ filter: { query: 'meta' } });
    expect(byText.clusters.map((c) => c.id)).toEqual(['seo']);
    expect(byText.clusters[0]!.supportCount).toBe(1);
    const byCluster = await overview({ filter: { query: 'recipes' } });
    expect(byCluster.clusters.map((c) => c.id)).toEqual(['content/recipes']);
    const g = await client.request<GroupPagesResult>(Methods.groupPages, { folderUri: byText.uri, group: { kind: 'cluster', clusterId: 'seo', role: 'faq' }, filter: { query: 'meta' } });
    expect(g.total).toBe(0);
  });

  it('refreshes after an edit: graphChanged is sent and the page links up', async () => {
    const { client, uri, overview } = await start();
    await overview();
    const faq = uri('content/blog/faq.md');
    await client.open(faq, FILES['content/blog/faq.md']!);
    const sent = client.notifications.length;
    const end = at('content/blog/faq.md', 'Questions and answers.', 'Questions and answers.'.length);
    await client.change(faq, { start: end, end }, ' Start from [the basics](/guides/seo/).');
    await waitFor(() => client.notifications.slice(sent).some((n) => n.method === Methods.graphChanged), 'a graphChanged notification');
    const seo = (await overview()).clusters.find((c) => c.id === 'seo')!;
    expect(seo.missing).toBe(1);
  });
});

describe('status bar requests', () => {
  it('pillarlink/pageInfo gives the cluster and role of a page; pillarlink/reindex re-reads the disk and reports status', async () => {
    const { client, uri, root } = await start();
    const target = await client.request<PageInfoDto>(Methods.pageInfo, { uri: uri('content/guides/seo.md') });
    expect(target).toMatchObject({ cluster: { id: 'seo', name: 'seo' }, role: 'target', isTarget: true, supportCount: 3, supportLinkingUp: 1, linksToTarget: null });
    expect(target.missing.map((m) => m.title).sort()).toEqual(['Meta Descriptions', 'SEO FAQ']);
    expect(await client.request<PageInfoDto>(Methods.pageInfo, { uri: uri('content/blog/faq.md') })).toMatchObject({ role: 'faq', isTarget: false, linksToTarget: false, targets: [{ title: 'SEO Basics' }] });
    expect(await client.request<PageInfoDto>(Methods.pageInfo, { uri: uri('content/orphan.md') })).toMatchObject({ cluster: null, role: null });
    writeFiles(root, { 'content/new.md': '# New\n' });
    const sent = client.notifications.length;
    const r = await client.request<{ pages: number }>(Methods.reindex, {});
    expect(r.pages).toBe(Object.keys(FILES).filter((k) => k.endsWith('.md')).length + 1);
    const states = await waitFor(() => {
      const s = client.notifications.slice(sent).filter((n) => n.method === Methods.status).map((n) => (n.params as StatusParams).state);
      return s.includes('ready') && s;
    }, 'status notifications after reindex');
    expect(states[0]).toBe('indexing');
  });
});

describe('pillarlink/pageLinks', () => {
  it('lists inbound links with anchor, placement and position, and outbound links with their destination', async () => {
    const { client, uri } = await start();
    const target = await client.request<PageLinksDto>(Methods.pageLinks, { uri: uri('content/guides/seo.md') });
    expect(target.title).toBe('SEO Basics');
    // Sorted by source path, then position.
    expect(target.inbound.map((l) => [l.sourceTitle, l.text, l.placement, l.contextual])).toEqual([
      ['Keyword Research', 'SEO basics', 'content', true],
      ['Meta Descriptions', 'SEO basics', 'related', false],
      ['Home', 'SEO basics', 'content', true],
    ]);
    const fromKeywords = target.inbound.find((l) => l.sourceTitle === 'Keyword Research')!;
    expect(fromKeywords.sourceUri).toBe(uri('content/blog/keywords.md'));
    expect(fromKeywords.range.start).toEqual(at('content/blog/keywords.md', '[SEO basics]'));
    const broken = await client.request<PageLinksDto>(Methods.pageLinks, { uri: uri('content/blog/broken.md') });
    expect(broken.outbound.map((l) => [l.url, l.kind, l.broken])).toEqual([['/nope/', 'broken', true], ['https://other.example/x', 'external', false]]);
    expect(broken.outbound[0]!.explanation).toMatch(/^Not resolved: /);
    const keywords = await client.request<PageLinksDto>(Methods.pageLinks, { uri: uri('content/blog/keywords.md') });
    expect(keywords.outbound[0]).toMatchObject({ destTitle: 'SEO Basics', destUrl: '/guides/seo/', destRole: 'target', destUri: uri('content/guides/seo.md'), broken: false });
    expect(await client.request(Methods.pageLinks, { uri: 'file:///elsewhere/x.md' })).toBeNull();
  });
});

describe('frontmatter edits', () => {
  it('pillarlink/adoptCluster writes cluster and role to every page of a suggested cluster', async () => {
    const { client, uri, overview } = await start();
    const f = await overview();
    const r = await client.request<EditResult>(Methods.adoptCluster, { folderUri: f.uri, clusterId: 'content/recipes' });
    expect(Object.keys(r.edit!.changes).sort()).toEqual(['content/recipes/bread.md', 'content/recipes/index.md', 'content/recipes/soup.md'].map(uri).sort());
    expect(editedText(r.edit, uri('content/recipes/index.md'), FILES['content/recipes/index.md']!)).toBe('---\ncluster: content/recipes\nrole: target\n---\n# Recipes\n\n[Soup](/recipes/soup/) and [bread](/recipes/bread/).\n');
    expect(editedText(r.edit, uri('content/recipes/soup.md'), FILES['content/recipes/soup.md']!)).toBe('---\ntitle: Soup\ncluster: content/recipes\nrole: support\n---\n\nHot.\n');
    const missing = await client.request<EditResult>(Methods.adoptCluster, { folderUri: f.uri, clusterId: 'nope' });
    expect(missing).toEqual({ edit: null, error: expect.stringContaining('No cluster "nope"') });
  });

  it('pillarlink/makeTarget replaces only the role value and keeps its comment', async () => {
    const { client, uri } = await start();
    const meta = await client.request<EditResult>(Methods.makeTarget, { uri: uri('content/blog/meta.md') });
    expect(meta.edit!.changes[uri('content/blog/meta.md')]).toEqual([{ range: { start: at('content/blog/meta.md', ' explainer'), end: at('content/blog/meta.md', ' explainer', ' explainer'.length) }, newText: ' target' }]);
    const orphan = await client.request<EditResult>(Methods.makeTarget, { uri: uri('content/orphan.md') });
    expect(orphan.edit).toBeNull();
    expect(orphan.error).toMatch(/belongs to no cluster/);
    // A page of a suggested cluster also gets its cluster written, so the membership survives.
    const soup = await client.request<EditResult>(Methods.makeTarget, { uri: uri('content/recipes/soup.md') });
    expect(editedText(soup.edit, uri('content/recipes/soup.md'), FILES['content/recipes/soup.md']!)).toBe('---\ntitle: Soup\ncluster: content/recipes\nrole: target\n---\n\nHot.\n');
  });

  it('pillarlink/assignCluster sets the cluster, adding a frontmatter block when there is none', async () => {
    const { client, uri } = await start();
    const orphan = await client.request<EditResult>(Methods.assignCluster, { uri: uri('content/orphan.md'), cluster: 'seo', role: 'faq' });
    expect(editedText(orphan.edit, uri('content/orphan.md'), FILES['content/orphan.md']!)).toBe('---\ncluster: seo\nrole: faq\n---\nNobody links here.\n');
    const keywords = await client.request<EditResult>(Methods.assignCluster, { uri: uri('content/blog/keywords.md'), cluster: 'On: page' });
    expect(editedText(keywords.edit, uri('content/blog/keywords.md'), FILES['content/blog/keywords.md']!)).toContain('\ncluster: "On: page"\nrole: tutorial\n');
    const bad = await client.request<EditResult>(Methods.assignCluster, { uri: uri('content/orphan.md'), cluster: 'seo', role: 'hero' });
    expect(bad.error).toMatch(/Unknown role "hero"/);
  });

  it('setFrontmatterValues handles TOML, CRLF, block values and unclosed blocks', () => {
    const apply = (text: string, entries: [string, string][]) => {
      const r = setFrontmatterValues(text, entries);
      if ('error' in r) return `error: ${r.error}`;
      return [...r.edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
    };
    expect(apply('+++\ntitle = "A"\nrole = "faq"\n[extra]\nx = 1\n+++\nBody', [['role', 'target'], ['cluster', 'seo']]))
      .toBe('+++\ntitle = "A"\nrole = "target"\ncluster = "seo"\n[extra]\nx = 1\n+++\nBody');
    expect(apply('---\r\ntitle: A\r\n---\r\nBody', [['cluster', 'seo']])).toBe('---\r\ntitle: A\r\ncluster: seo\r\n---\r\nBody');
    expect(apply('---\ncluster:\n  - a\n  - b\ntitle: A\n---\n', [['cluster', 'seo']])).toBe('---\ncluster: seo\ntitle: A\n---\n');
    expect(apply('---\nrole: "faq" # keep\n---\n', [['role', 'yes']])).toBe('---\nrole: "yes" # keep\n---\n');
    expect(apply('---\ntitle: A\n', [['role', 'faq']])).toMatch(/^error: .*not closed/);
    expect(apply('---\ntitle: A\n---\n', [['seo.role', 'faq']])).toMatch(/^error: .*nested path/);
    // A key that only appears indented (inside a map) is not the top-level key.
    expect(apply('---\nseo:\n  role: faq\n---\n', [['role', 'target']])).toBe('---\nseo:\n  role: faq\nrole: target\n---\n');
  });
});

interface HoverResult { contents: { kind: string; value: string }; range: { start: { line: number; character: number } } }
interface Lens { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }

describe('hover', () => {
  it('on a link: destination title, URL, file, cluster and role, inbound count, how it resolved', async () => {
    const { client, uri } = await start();
    const keywords = uri('content/blog/keywords.md');
    const h = await client.request<HoverResult>('textDocument/hover', { textDocument: { uri: keywords }, position: at('content/blog/keywords.md', '[SEO basics]', 3) });
    expect(h.contents.kind).toBe('markdown');
    const v = h.contents.value;
    for (const part of ['**SEO Basics**', '`/guides/seo/`', 'content/guides/seo.md', 'Cluster `seo`', 'role target', '3 inbound links', 'Resolved to content/guides/seo.md by site URL /guides/seo']) expect(v).toContain(part);
    expect(h.range.start).toEqual(at('content/blog/keywords.md', '[SEO basics]'));
  });

  it('on a broken link says why it did not resolve; on a related link names the placement', async () => {
    const { client, uri } = await start();
    const broken = await client.request<HoverResult>('textDocument/hover', { textDocument: { uri: uri('content/blog/broken.md') }, position: at('content/blog/broken.md', 'nowhere') });
    expect(broken.contents.value).toContain('**Broken link**');
    expect(broken.contents.value).toMatch(/Not resolved: no page is served at \/nope\. Tried: /);
    const related = await client.request<HoverResult>('textDocument/hover', { textDocument: { uri: uri('content/blog/meta.md') }, position: at('content/blog/meta.md', '- [SEO', 4) });
    expect(related.contents.value).toContain('Placement: related (not a contextual link)');
  });

  it('on the H1: the page summary; elsewhere nothing', async () => {
    const { client, uri } = await start();
    const target = uri('content/guides/seo.md');
    const h = await client.request<HoverResult>('textDocument/hover', { textDocument: { uri: target }, position: at('content/guides/seo.md', '# SEO Basics', 3) });
    expect(h.contents.value).toContain('Cluster `seo` · role target');
    expect(h.contents.value).toContain('3 support pages · 1 link here · 2 missing');
    const support = await client.request<HoverResult>('textDocument/hover', { textDocument: { uri: uri('content/blog/faq.md') }, position: at('content/blog/faq.md', '# SEO FAQ', 2) });
    expect(support.contents.value).toContain('Supports **SEO Basics** · no link up ✗');
    expect(await client.request('textDocument/hover', { textDocument: { uri: target }, position: at('content/guides/seo.md', 'Everything') })).toBeNull();
  });
});

describe('code lens', () => {
  it('on a target: support pages, how many link here, and the missing ones as the command argument', async () => {
    const { client, uri } = await start();
    const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: uri('content/guides/seo.md') } });
    expect(lenses).toHaveLength(1);
    expect(lenses[0]!.range.start.line).toBe(0);
    expect(lenses[0]!.command.title).toBe('3 support pages · 1 link here · 2 missing');
    expect(lenses[0]!.command.command).toBe('pillarlink.showMissing');
    const arg = lenses[0]!.command.arguments[0] as { missing: { title: string; uri: string }[] };
    expect(arg.missing.map((m) => m.title).sort()).toEqual(['Meta Descriptions', 'SEO FAQ']);
    expect(arg.missing.map((m) => m.uri).sort()).toEqual([uri('content/blog/faq.md'), uri('content/blog/meta.md')]);
  });

  it('on a support page: the target and whether the page links up', async () => {
    const { client, uri } = await start();
    const lens = async (rel: string) => (await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: uri(rel) } }))[0]!.command;
    expect(await lens('content/blog/keywords.md')).toMatchObject({ title: 'Supports SEO Basics · links up ✓', command: 'pillarlink.open', arguments: [uri('content/guides/seo.md')] });
    expect(await lens('content/blog/faq.md')).toMatchObject({ title: 'Supports SEO Basics · no link up ✗', command: 'pillarlink.linkToTarget', arguments: [{ uri: uri('content/blog/faq.md') }] });
    expect((await lens('content/blog/meta.md')).title).toBe('Supports SEO Basics · only related/navigation links ✗');
    expect(await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: uri('content/orphan.md') } })).toEqual([]);
  });

  it('respects pillarlink.codeLens.enabled, read through workspace/configuration', async () => {
    const { client, uri } = await start();
    const asked: unknown[] = [];
    client.conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      asked.push(...params.items);
      return params.items.map((i) => (i.section === 'pillarlink.codeLens.enabled' ? false : null));
    });
    expect(await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: uri('content/guides/seo.md') } })).toEqual([]);
    expect(asked).toContainEqual({ scopeUri: uri('content/guides/seo.md'), section: 'pillarlink.codeLens.enabled' });
  });
});
