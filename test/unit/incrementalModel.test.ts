// Pages and files coming and going, one routing mechanism at a time: the model derived from the
// previous one (the resolver updated in place, only the links recorded under a changed lookup key
// resolved again; SiteModel `previous`) answers as a full build does, and is derived, not rebuilt.
import { join } from 'node:path';
import { readTree as filesOf } from '../helpers/tmp';
import { describe, expect, it } from 'vitest';
import type { SiteModel } from '../../server/src/core/model';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { expectRebuilt } from '../perf/modelCompare';

const FIXTURES = join(__dirname, '../fixtures/routing');


async function site(name: string, extra: Record<string, string> = {}) {
  const ws = new InMemoryWorkspace('/ws', { ...(name === '' ? {} : filesOf(join(FIXTURES, name))), ...extra });
  const project = new Project(ws);
  await project.load();
  const first = project.model();
  /** The current model: equal to a full build, and derived from the first one (same resolver). */
  const model = (): SiteModel => {
    const m = expectRebuilt(project);
    expect(m.resolver, 'the model was rebuilt instead of derived').toBe(first.resolver);
    return m;
  };
  /** Where the link written `url` on `from` goes: a file, or the kind of resolution. */
  const target = (from: string, url: string): string => {
    const l = model().outbound.get(from)?.find((x) => x.link.url === url);
    if (!l) throw new Error(`no link to ${url} on ${from}`);
    return l.res.kind === 'page' || l.res.kind === 'asset' ? l.res.file : l.res.kind;
  };
  const create = async (path: string, text: string) => { ws.set(path, text); await project.fileChanged(path); };
  const remove = (path: string) => { ws.delete(path); project.fileDeleted(path); };
  return { ws, project, model, target, create, remove };
}

describe('derived model: pages and files added and removed', () => {
  it('Docusaurus: a relative link resolved against the page URL, not its file path', async () => {
    const s = await site('docusaurus', {
      'website/docs/other/source.md': '---\nslug: /deep/path/source\n---\n\n# Source\n\n[x](../target-x)\n',
      'website/docs/t.md': '---\nslug: /deep/path/target-x\n---\n\n# Target\n',
    });
    expect(s.target('website/docs/other/source.md', '../target-x')).toBe('website/docs/t.md');
    s.remove('website/docs/t.md');
    expect(s.target('website/docs/other/source.md', '../target-x')).toBe('broken');
    await s.create('website/docs/t2.md', '---\nslug: /deep/path/target-x\n---\n\n# Target again\n');
    expect(s.target('website/docs/other/source.md', '../target-x')).toBe('website/docs/t2.md');
  });

  it('Docusaurus: a page at a generated index URL wins over the generated index, which answers again once it is gone', async () => {
    const s = await site('docusaurus', { 'website/docs/links.md': '# Links\n\n[API](/guide/api-overview)\n' });
    expect(s.target('website/docs/links.md', '/guide/api-overview')).toBe('website/docs/api/_category_.json');
    await s.create('website/docs/overview.md', '---\nslug: /api-overview\n---\n\n# Overview\n');
    expect(s.target('website/docs/links.md', '/guide/api-overview')).toBe('website/docs/overview.md');
    s.remove('website/docs/overview.md');
    expect(s.target('website/docs/links.md', '/guide/api-overview')).toBe('website/docs/api/_category_.json');
  });

  it('two pages claiming one URL: the first in file order serves it; the other takes over when it goes', async () => {
    const s = await site('docusaurus', { 'website/docs/links.md': '# Links\n\n[Pretty](/guide/pretty-url)\n' });
    const pretty = 'website/docs/setup/pretty.md';
    const text = s.ws.files.get(pretty)!;
    expect(s.target('website/docs/links.md', '/guide/pretty-url')).toBe(pretty);
    await s.create('website/docs/setup/a-pretty.md', text);
    expect(s.target('website/docs/links.md', '/guide/pretty-url')).toBe('website/docs/setup/a-pretty.md');
    await s.create('website/docs/setup/z-pretty.md', text);
    s.remove('website/docs/setup/a-pretty.md');
    expect(s.target('website/docs/links.md', '/guide/pretty-url')).toBe(pretty);
    s.remove(pretty);
    expect(s.target('website/docs/links.md', '/guide/pretty-url')).toBe('website/docs/setup/z-pretty.md');
    expect(s.model().urlOf('website/docs/setup/z-pretty.md')).toBe('/guide/pretty-url/');
  });

  it('a static file created and deleted', async () => {
    const s = await site('docusaurus', { 'website/docs/links.md': '# Links\n\n![logo](/img/new.png)\n' });
    expect(s.target('website/docs/links.md', '/img/new.png')).toBe('broken');
    await s.create('website/static/img/new.png', 'png');
    expect(s.target('website/docs/links.md', '/img/new.png')).toBe('website/static/img/new.png');
    s.remove('website/static/img/new.png');
    expect(s.target('website/docs/links.md', '/img/new.png')).toBe('broken');
  });

  it('a file link to a folder: its index page, created and removed, and a page file beside it first', async () => {
    const s = await site('', { 'content/index.md': '# Home\n\n[G](guides) [G2](./guides/)\n', 'content/other.md': '# Other\n' });
    expect(s.target('content/index.md', 'guides')).toBe('broken');
    await s.create('content/guides/index.md', '# Guides\n');
    expect(s.target('content/index.md', 'guides')).toBe('content/guides/index.md');
    expect(s.target('content/index.md', './guides/')).toBe('content/guides/index.md');
    await s.create('content/guides.md', '# Guides page\n');
    expect(s.target('content/index.md', 'guides')).toBe('content/guides.md');
    s.remove('content/guides.md');
    s.remove('content/guides/index.md');
    expect(s.target('content/index.md', 'guides')).toBe('broken');
  });

  it('entry pages: a content root\'s index page removed and created again', async () => {
    const s = await site('', {
      'pillarlink.json': '{ "contentRoots": ["content", "docs"], "entryPoints": ["content/start.md"] }',
      'content/index.md': '# Home\n',
      'content/start.md': '# Start\n',
      'docs/index.md': '# Docs home\n',
    });
    expect([...s.model().entryPages]).toEqual(['content/start.md', 'content/index.md', 'docs/index.md']);
    s.remove('docs/index.md');
    s.remove('content/start.md');
    expect([...s.model().entryPages]).toEqual(['content/index.md']);
    await s.create('docs/index.md', '# Docs home again\n');
    await s.create('content/start.md', '# Start again\n');
    expect([...s.model().entryPages]).toEqual(['content/start.md', 'content/index.md', 'docs/index.md']);
  });

  it('Next.js: a catch-all route answers under a prefix only while no Markdown page is served there', async () => {
    const s = await site('nextjs-app', { 'pages/legacy/links.md': '# Links\n\n[Docs](/docs/anything)\n' });
    const intro = 'app/docs/intro/page.mdx';
    const text = s.ws.files.get(intro)!;
    expect(s.target('pages/legacy/links.md', '/docs/anything')).toBe('broken');
    s.remove(intro);
    expect(s.target('pages/legacy/links.md', '/docs/anything')).toBe('app/docs/[...slug]/page.tsx');
    await s.create(intro, text);
    expect(s.target('pages/legacy/links.md', '/docs/anything')).toBe('broken');
  });

  it('Next.js: a heading added to a page with parameters is found by the links a route sends there', async () => {
    const s = await site('nextjs-app', { 'pages/legacy/links.md': '# Links\n\n[Item](/legacy/42#added)\n' });
    const found = () => {
      const l = s.model().outbound.get('pages/legacy/links.md')!.find((x) => x.link.url === '/legacy/42#added')!;
      return l.res.kind === 'page' ? [l.res.file, l.res.fragmentFound] : l.res.kind;
    };
    expect(found()).toEqual(['pages/legacy/[id].md', false]);
    const file = 'pages/legacy/[id].md';
    s.project.setOpenDocument(file, `${s.ws.files.get(file)!}\n## Added\n`);
    expect(found()).toEqual(['pages/legacy/[id].md', true]);
    s.project.setOpenDocument(file, `---\ntitle: Legacy renamed\n---\n\n# Legacy item\n`);
    expect(found()).toEqual(['pages/legacy/[id].md', false]);
  });

  it('MDN: redirects, case-insensitive slugs and slug changes', async () => {
    const s = await site('mdn');
    const css = 'files/en-us/web/css/index.md';
    const before = 'files/en-us/web/css/_doublecolon_before/index.md';
    expect(s.target(css, '/en-US/docs/Web/CSS/Old_Thing')).toBe(before);
    expect(s.target(css, '/en-US/docs/Chain/A')).toBe(css);
    // A page where a redirect starts is served instead; one on the chain stops it there.
    await s.create('files/en-us/web/css/old_thing/index.md', '---\ntitle: Old thing\nslug: Web/CSS/Old_Thing\n---\n\nBack.\n');
    expect(s.target(css, '/en-US/docs/Web/CSS/Old_Thing')).toBe('files/en-us/web/css/old_thing/index.md');
    await s.create('files/en-us/chain/b/index.md', '---\ntitle: B\nslug: Chain/B\n---\n\nB.\n');
    expect(s.target(css, '/en-US/docs/Chain/A')).toBe('files/en-us/chain/b/index.md');
    s.remove('files/en-us/web/css/old_thing/index.md');
    s.remove('files/en-us/chain/b/index.md');
    expect(s.target(css, '/en-US/docs/Web/CSS/Old_Thing')).toBe(before);
    expect(s.target(css, '/en-US/docs/Chain/A')).toBe(css);
    // Exact case first: a page whose slug is the link as written wins over a case-insensitive match.
    const star = s.target(css, '/en-us/docs/web/css/_star_');
    await s.create('files/en-us/web/css/lower/index.md', '---\ntitle: Lower\nslug: web/css/_star_\n---\n\nLower.\n');
    expect(s.target(css, '/en-us/docs/web/css/_star_')).toBe('files/en-us/web/css/lower/index.md');
    s.remove('files/en-us/web/css/lower/index.md');
    expect(s.target(css, '/en-us/docs/web/css/_star_')).toBe(star);
    // A slug changed: the old URL is gone, the new one served.
    await s.create('files/en-us/web/gone/index.md', '---\ntitle: Gone\nslug: Web/Elsewhere\n---\n\nHere.\n');
    expect(s.target(css, '/en-US/docs/Web/Gone')).toBe('files/en-us/web/gone/index.md');
    s.project.setOpenDocument('files/en-us/web/gone/index.md', '---\ntitle: Gone\nslug: Web/Gone\n---\n\nHere.\n');
    expect(s.target(css, '/en-US/docs/Web/Gone')).toBe('files/en-us/web/gone/index.md');
    s.project.setOpenDocument('files/en-us/web/gone/index.md', '---\ntitle: Gone\nslug: Web/Elsewhere2\n---\n\nHere.\n');
    expect(s.model().urlOf('files/en-us/web/gone/index.md')).toBe('/en-US/docs/Web/Elsewhere2/');
  });

  it('Jekyll: a post created and deleted answers {% post_url %}', async () => {
    const s = await site('jekyll', { 'more.md': '---\ntitle: More\n---\n\n[New]({% post_url 2022-02-02-new %})\n' });
    expect(s.target('more.md', '{% post_url 2022-02-02-new %}')).toBe('broken');
    await s.create('_posts/2022-02-02-new.md', '---\ntitle: New\n---\n\nNew post.\n');
    expect(s.target('more.md', '{% post_url 2022-02-02-new %}')).toBe('_posts/2022-02-02-new.md');
    s.remove('_posts/2022-02-02-new.md');
    expect(s.target('more.md', '{% post_url 2022-02-02-new %}')).toBe('broken');
  });

  it('clusters: members and targets added, removed and moved by frontmatter; a configured target by URL', async () => {
    const s = await site('', {
      'pillarlink.json': '{ "clusters": { "tax": { "target": "/tax/", "members": ["content/tax-*.md"] } } }',
      'content/index.md': '# Home\n\n[Tax](/tax/)\n',
      'content/tax-a.md': '# A\n\n[Tax](/tax/)\n',
      'content/b.md': '---\ncluster: c\nrole: support\n---\n\n# B\n\n[C](/c/)\n',
      'content/c.md': '---\ncluster: c\nrole: target\n---\n\n# C\n',
    });
    const epoch = s.model().clusterEpoch;
    const ids = () => s.model().clusters.map((c) => [c.id, c.targets, c.members.map((m) => [m.file, m.linksToTarget])]);
    expect(ids()).toEqual([['c', ['content/c.md'], [['content/b.md', true]]], ['tax', [], [['content/tax-a.md', false]]]]);
    // The configured target's URL gets a page: clusters are built again (a target by URL depends on routing).
    await s.create('content/tax.md', '# Tax\n');
    expect(ids()).toEqual([['c', ['content/c.md'], [['content/b.md', true]]], ['tax', ['content/tax.md'], [['content/tax-a.md', true]]]]);
    expect(s.model().clusterEpoch).not.toBe(epoch);
    const later = s.model().clusterEpoch;
    await s.create('content/tax-b.md', '# B\n');
    await s.create('content/d.md', '---\ncluster: d\n---\n\n# D\n');
    s.project.setOpenDocument('content/b.md', '---\ncluster: d\nrole: pillar\n---\n\n# B\n\n[C](/c/)\n');
    expect(ids()).toEqual([
      ['c', ['content/c.md'], []],
      ['d', ['content/b.md'], [['content/d.md', false]]],
      ['tax', ['content/tax.md'], [['content/tax-a.md', true], ['content/tax-b.md', false]]],
    ]);
    s.remove('content/c.md');
    s.remove('content/d.md');
    expect(ids()).toEqual([['d', ['content/b.md'], []], ['tax', ['content/tax.md'], [['content/tax-a.md', true], ['content/tax-b.md', false]]]]);
    // Roles and membership were updated, not built again.
    expect(s.model().clusterEpoch).toBe(later);
  });
});
