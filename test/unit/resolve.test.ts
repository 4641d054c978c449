import { describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import { explainResolution, type Resolution } from '../../server/src/core/routing/resolver';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

async function projectOf(files: Record<string, string>): Promise<Project> {
  const p = new Project(new InMemoryWorkspace('/ws', files));
  await p.load();
  return p;
}

async function resolver(files: Record<string, string>) {
  const p = await projectOf(files);
  return { project: p, resolve: (from: string, url: string): Resolution => p.model().resolver.resolve(from, url) };
}

const page = (title: string, fm = '') => `---\ntitle: ${title}\n${fm}---\n# ${title}\n`;

const SITE = {
  'content/index.md': page('Home'),
  'content/about.md': page('About'),
  'content/blog/_index.md': page('Blog'),
  'content/blog/post.md': page('Post') + '\n## Getting started\n\n## Getting started\n\n<a id="custom-anchor"></a>\n',
  'content/blog/other.mdx': page('Other'),
  'content/docs/README.md': page('Docs'),
  'content/guides/index.mdx': page('Guides'),
  'content/guides/slugged.md': page('Slugged', 'slug: nice-name\n'),
  'content/guides/abs.md': page('Abs', 'slug: /absolute/path\n'),
  'content/legacy.md': page('Legacy', 'url: /old-style/url/\naliases:\n  - /aka/\n  - other-aka\n'),
  'content/perm.md': page('Perm', 'permalink: /perma/\n'),
  'content/spaced name.md': page('Spaced'),
  'static/img/logo.png': 'png',
  'public/robots.txt': 'txt',
  'README.md': 'not a page: outside the content root\n',
};

describe('Resolver: relative file links', () => {
  it('with and without extensions, and folder links to index/_index/README', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/blog/post.md', 'other.mdx')).toMatchObject({ kind: 'page', file: 'content/blog/other.mdx' });
    expect(resolve('content/blog/post.md', './other')).toMatchObject({ kind: 'page', file: 'content/blog/other.mdx' });
    expect(resolve('content/blog/post.md', '../about.md')).toMatchObject({ kind: 'page', file: 'content/about.md' });
    expect(resolve('content/blog/post.md', '../about')).toMatchObject({ kind: 'page', file: 'content/about.md' });
    expect(resolve('content/about.md', 'blog/')).toMatchObject({ kind: 'page', file: 'content/blog/_index.md' });
    expect(resolve('content/about.md', 'docs')).toMatchObject({ kind: 'page', file: 'content/docs/README.md' });
    expect(resolve('content/about.md', './guides/')).toMatchObject({ kind: 'page', file: 'content/guides/index.mdx' });
  });

  it('a missing file is broken, with what was tried', async () => {
    const { resolve } = await resolver(SITE);
    const r = resolve('content/blog/post.md', 'missing.md');
    expect(r.kind).toBe('broken');
    expect(r.kind === 'broken' && r.tried).toContain('content/blog/missing.md');
    expect(explainResolution(r)).toMatch(/^Not resolved: no page or file at "missing.md"\. Tried: .*content\/blog\/missing\.md/);
  });
});

describe('Resolver: site-absolute URLs', () => {
  it('folder routing under the content root; trailing slash optional; ?query ignored', async () => {
    const { resolve, project } = await resolver(SITE);
    expect(project.contentRoots).toEqual(['content']);
    for (const u of ['/blog/post/', '/blog/post', '/blog/post/?utm=1', '/blog/post?x=y#getting-started']) {
      expect(resolve('content/about.md', u), u).toMatchObject({ kind: 'page', file: 'content/blog/post.md' });
    }
    expect(resolve('content/about.md', '/')).toMatchObject({ kind: 'page', file: 'content/index.md' });
    expect(resolve('content/about.md', '/blog/')).toMatchObject({ kind: 'page', file: 'content/blog/_index.md' });
    expect(project.model().urlOf('content/blog/post.md')).toBe('/blog/post/');
    expect(project.model().urlOf('content/blog/_index.md')).toBe('/blog/');
    expect(project.model().urlOf('content/index.md')).toBe('/');
  });

  it('a query or fragment without a path stays on the same page', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/blog/post.md', '?page=2')).toMatchObject({ kind: 'page', file: 'content/blog/post.md' });
    expect(resolve('content/blog/post.md', '?page=2#getting-started')).toMatchObject({ kind: 'page', file: 'content/blog/post.md', fragmentFound: true });
  });

  it('percent-encoding is decoded', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/about.md', '/spaced%20name/')).toMatchObject({ kind: 'page', file: 'content/spaced name.md' });
    expect(resolve('content/about.md', 'spaced%20name.md')).toMatchObject({ kind: 'page', file: 'content/spaced name.md' });
    // A malformed escape is taken as written and does not throw.
    expect(resolve('content/about.md', '/bad%zz/').kind).toBe('broken');
  });

  it('frontmatter slug (relative and absolute), url, permalink and aliases', async () => {
    const { resolve, project } = await resolver(SITE);
    expect(resolve('content/about.md', '/guides/nice-name/')).toMatchObject({ kind: 'page', file: 'content/guides/slugged.md' });
    expect(resolve('content/about.md', '/absolute/path')).toMatchObject({ kind: 'page', file: 'content/guides/abs.md' });
    expect(resolve('content/about.md', '/old-style/url/')).toMatchObject({ kind: 'page', file: 'content/legacy.md', via: expect.stringContaining('frontmatter url') });
    expect(resolve('content/about.md', '/perma/')).toMatchObject({ kind: 'page', file: 'content/perm.md', via: expect.stringContaining('permalink') });
    expect(resolve('content/about.md', '/aka/')).toMatchObject({ kind: 'page', file: 'content/legacy.md', via: expect.stringContaining('aliases') });
    expect(resolve('content/about.md', '/other-aka/')).toMatchObject({ kind: 'page', file: 'content/legacy.md' });
    expect(project.model().urlOf('content/guides/slugged.md')).toBe('/guides/nice-name/');
    expect(project.model().urlOf('content/legacy.md')).toBe('/old-style/url/');
  });

  it('a page link with a slug-only page is also found relative to the page URL', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/guides/abs.md', '../../guides/nice-name/')).toMatchObject({ kind: 'page', file: 'content/guides/slugged.md' });
  });

  it('static assets in static/ and public/', async () => {
    const { resolve } = await resolver(SITE);
    const r = resolve('content/about.md', '/img/logo.png');
    expect(r).toMatchObject({ kind: 'asset', file: 'static/img/logo.png' });
    expect(explainResolution(r)).toBe('Resolved to the file static/img/logo.png by static file in static/.');
    expect(resolve('content/about.md', '/robots.txt')).toMatchObject({ kind: 'asset', file: 'public/robots.txt' });
    expect(resolve('content/about.md', '/img/missing.png').kind).toBe('broken');
  });
});

describe('Resolver: content roots', () => {
  it.each([
    ['content', 'content/a/b.md'],
    ['src/content', 'src/content/a/b.md'],
    ['docs', 'docs/a/b.md'],
    ['src/pages', 'src/pages/a/b.mdx'],
    ['pages', 'pages/a/b.md'],
  ])('%s is detected', async (root, file) => {
    const { resolve, project } = await resolver({ [file]: '# B\n', 'README.md': '# readme\n' });
    expect(project.contentRoots).toEqual([root]);
    expect(resolve(file, '/a/b/')).toMatchObject({ kind: 'page', file });
    expect(project.pages.has('README.md')).toBe(false);
  });

  it('the workspace root when no candidate folder holds pages', async () => {
    const { resolve, project } = await resolver({ 'a/b.md': '# B\n', 'index.md': '# Home\n' });
    expect(project.contentRoots).toEqual(['']);
    expect(resolve('index.md', '/a/b/')).toMatchObject({ kind: 'page', file: 'a/b.md' });
    expect(resolve('a/b.md', '/')).toMatchObject({ kind: 'page', file: 'index.md' });
  });
});

describe('Resolver: base URL', () => {
  it('absolute URLs on the site origin are internal; other origins are external', async () => {
    const { resolve } = await resolver({ ...SITE, 'pillarlink.json': '{ "site": { "baseUrl": "https://example.org" } }' });
    expect(resolve('content/about.md', 'https://example.org/blog/post/')).toMatchObject({ kind: 'page', file: 'content/blog/post.md' });
    expect(resolve('content/about.md', 'https://EXAMPLE.org/blog/post')).toMatchObject({ kind: 'page', file: 'content/blog/post.md' });
    expect(resolve('content/about.md', 'https://example.org/nope/').kind).toBe('broken');
    expect(resolve('content/about.md', 'https://other.org/blog/post/')).toEqual({ kind: 'external', url: 'https://other.org/blog/post/' });
    expect(explainResolution(resolve('content/about.md', 'https://other.org/'))).toBe('External link (not checked).');
  });

  it('a base path (https://x.org/docs/) is stripped from internal URLs', async () => {
    const { resolve } = await resolver({ ...SITE, 'pillarlink.json': '{ "site": { "baseUrl": "https://x.org/docs/" } }' });
    expect(resolve('content/about.md', 'https://x.org/docs/blog/post/')).toMatchObject({ kind: 'page', file: 'content/blog/post.md' });
    expect(resolve('content/about.md', '/docs/blog/post/')).toMatchObject({ kind: 'page', file: 'content/blog/post.md' });
    expect(resolve('content/about.md', 'https://x.org/docs/')).toMatchObject({ kind: 'page', file: 'content/index.md' });
    // Same origin, outside the base path: another site on that host.
    expect(resolve('content/about.md', 'https://x.org/blog/post/')).toEqual({ kind: 'external', url: 'https://x.org/blog/post/' });
  });

  it('without a base URL every http(s) link is external', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/about.md', 'https://example.org/blog/post/').kind).toBe('external');
    expect(resolve('content/about.md', '//cdn.example.org/x.js').kind).toBe('external');
  });
});

describe('Resolver: fragments', () => {
  it('#fragment against heading slugs (with duplicates) and <a id> anchors', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/about.md', '/blog/post/#getting-started')).toMatchObject({ kind: 'page', fragment: 'getting-started', fragmentFound: true });
    expect(resolve('content/about.md', '/blog/post/#getting-started-1')).toMatchObject({ fragmentFound: true });
    expect(resolve('content/about.md', '/blog/post/#getting-started-2')).toMatchObject({ fragmentFound: false });
    expect(resolve('content/about.md', '../about#about')).toMatchObject({ fragmentFound: true });
    expect(resolve('content/blog/post.md', '#custom-anchor')).toMatchObject({ kind: 'page', file: 'content/blog/post.md', fragmentFound: true });
    expect(resolve('content/blog/post.md', '#Getting-Started')).toMatchObject({ fragmentFound: false });
    expect(resolve('content/blog/post.md', '#getting%2Dstarted')).toMatchObject({ fragmentFound: true });
    expect(explainResolution(resolve('content/about.md', '/blog/post/#nope'))).toMatch(/^Resolved to content\/blog\/post\.md by .*; #nope matches no heading\.$/);
    expect(explainResolution(resolve('content/about.md', '/blog/post/#getting-started'))).toMatch(/; #getting-started matches a heading\.$/);
  });

  it('a broken link keeps its fragment', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/about.md', '/nope/#x')).toMatchObject({ kind: 'broken', fragment: 'x' });
  });
});

describe('Resolver: links that are not followed', () => {
  it('links escaping the workspace are outside', async () => {
    const { resolve } = await resolver(SITE);
    for (const u of ['../../../etc/passwd', '../../..', '%2e%2e/%2e%2e/%2e%2e/x', '..%2f..%2f..%2fx', 'file:///etc/passwd', 'FILE:/etc/passwd']) {
      const r = resolve('content/blog/post.md', u);
      expect(r.kind, u).toBe('outside');
    }
    expect(explainResolution(resolve('content/about.md', 'file:///etc/passwd'))).toBe('Not followed: file: URLs point at the local disk, not the site.');
  });

  it('javascript:, empty and # are non-crawlable; mailto: and tel: are other schemes', async () => {
    const { resolve } = await resolver(SITE);
    expect(resolve('content/about.md', 'javascript:void(0)').kind).toBe('non-crawlable');
    expect(resolve('content/about.md', ' JavaScript:alert(1)').kind).toBe('non-crawlable');
    expect(resolve('content/about.md', '').kind).toBe('non-crawlable');
    expect(resolve('content/about.md', '#').kind).toBe('non-crawlable');
    expect(resolve('content/about.md', 'mailto:a@b.c')).toEqual({ kind: 'other-scheme', scheme: 'mailto' });
    expect(resolve('content/about.md', 'tel:+123')).toEqual({ kind: 'other-scheme', scheme: 'tel' });
    expect(explainResolution(resolve('content/about.md', 'mailto:a@b.c'))).toBe('A mailto: link (not checked).');
    expect(explainResolution(resolve('content/about.md', '#'))).toBe('Not crawlable: "#" goes nowhere.');
    expect(explainResolution(resolve('content/about.md', 'javascript:x'))).toBe('Not crawlable: javascript: URLs are not followed by crawlers.');
  });

  it('explains a page resolution by its route', async () => {
    const { resolve } = await resolver(SITE);
    expect(explainResolution(resolve('content/about.md', '/blog/post/'))).toBe('Resolved to content/blog/post.md by site URL /blog/post (folder routing of content/).');
    expect(explainResolution(resolve('content/blog/post.md', 'other.mdx'))).toBe('Resolved to content/blog/other.mdx by relative file path.');
  });
});
