import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../../server/src/core/project';
import { explainResolution, type Resolution } from '../../../server/src/core/routing/resolver';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const FIXTURES = join(__dirname, '../../fixtures/routing');

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

async function site(name: string, extra: Record<string, string> = {}) {
  const project = new Project(new InMemoryWorkspace('/ws', { ...filesOf(join(FIXTURES, name)), ...extra }));
  await project.load();
  const model = project.model();
  const resolve = (from: string, url: string): Resolution => model.resolver.resolve(from, url);
  const fileOf = (from: string, url: string) => {
    const r = resolve(from, url);
    return r.kind === 'page' || r.kind === 'asset' ? r.file : `${r.kind}: ${explainResolution(r)}`;
  };
  return { project, model, resolve, fileOf, urlOf: (f: string) => model.urlOf(f) };
}

const findingsOf = (project: Project, rule: string) => project.analyze().findings.filter((f) => f.rule === rule);

describe('Hugo profile', () => {
  it('is detected from hugo.toml and routes sections, bundles, slug, url, permalinks and languages', async () => {
    const s = await site('hugo');
    expect(s.model.resolver.profile.name).toBe('hugo');
    expect(s.urlOf('content/_index.md')).toBe('/site/');
    expect(s.urlOf('content/docs/_index.md')).toBe('/site/docs/');
    expect(s.urlOf('content/docs/bundle/index.md')).toBe('/site/docs/bundle/');
    expect(s.urlOf('content/docs/renamed.md')).toBe('/site/docs/nice-name/');
    expect(s.urlOf('content/about.md')).toBe('/site/company/about-us/');
    expect(s.urlOf('content/posts/hello-world.md')).toBe('/site/2024/03/hello-world/');
    expect(s.urlOf('content/docs/install.fr.md')).toBe('/site/fr/docs/install/');
    expect(s.fileOf('content/_index.md', '/site/old-install/')).toBe('content/docs/install.md');
  });

  it('follows relref and ref shortcodes relative to the page, then to the content folder', async () => {
    const s = await site('hugo');
    const home = s.project.pages.get('content/_index.md')!;
    const refs = home.links.filter((l) => l.element === 'relref' || l.element === 'ref');
    expect(refs.map((l) => l.url)).toEqual(['docs/_index.md', '/docs/install.md']);
    expect(s.fileOf('content/_index.md', 'docs/_index.md')).toBe('content/docs/_index.md');
    expect(s.fileOf('content/_index.md', '/docs/install.md')).toBe('content/docs/install.md');
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });

  it('uglyURLs serve pages as .html', async () => {
    const s = await site('hugo', { 'hugo.toml': 'uglyURLs = true\n' });
    expect(s.fileOf('content/_index.md', '/docs/install.html')).toBe('content/docs/install.md');
  });

  it('flags a French page linking the English page when the French one exists', async () => {
    const s = await site('hugo');
    const f = findingsOf(s.project, 'cross-locale-link');
    expect(f).toHaveLength(1);
    // install.fr.md links its own English version: a language switch, not reported.
    expect(f[0]).toMatchObject({ file: 'content/_index.fr.md', severity: 'information', data: { replacement: '/site/fr/docs/install/' } });
  });
});

describe('Docusaurus profile', () => {
  it('routes docs with routeBasePath, number prefixes, id, slugs, blog dates, versions and pages', async () => {
    const s = await site('docusaurus');
    expect(s.model.resolver.profile.name).toBe('docusaurus');
    expect(s.urlOf('website/docs/01-intro.md')).toBe('/guide/intro/');
    expect(s.urlOf('website/docs/setup/10-install.md')).toBe('/guide/setup/installation/');
    expect(s.urlOf('website/docs/setup/pretty.md')).toBe('/guide/pretty-url/');
    expect(s.urlOf('website/docs/setup/relative.md')).toBe('/guide/setup/rel-slug/');
    expect(s.urlOf('website/docs/api/index.md')).toBe('/guide/api/');
    expect(s.urlOf('website/docs/api/_partial.md')).toBeUndefined();
    expect(s.urlOf('website/blog/2021-08-01-launch.md')).toBe('/blog/2021/08/01/launch/');
    expect(s.urlOf('website/blog/2022/03-04-second/index.md')).toBe('/blog/2022/03/04/second/');
    expect(s.urlOf('website/blog/custom.md')).toBe('/blog/custom-slug/');
    expect(s.urlOf('website/versioned_docs/version-1.0/01-intro.md')).toBe('/guide/1.0/intro/');
    expect(s.urlOf('website/src/pages/about.md')).toBe('/about/');
    expect(s.urlOf('website/i18n/fr/docusaurus-plugin-content-docs/current/01-intro.md')).toBe('/fr/guide/intro/');
    // A blog instance declared in a module the config requires (read as text, not run).
    expect(s.urlOf('website/news/2024-01-02-hello.md')).toBe('/updates/2024/01/02/hello/');
  });

  it('resolves file links from the page folder, then the docs folder; generated indexes and blog lists', async () => {
    const s = await site('docusaurus');
    expect(s.fileOf('website/docs/01-intro.md', './setup/10-install.md')).toBe('website/docs/setup/10-install.md');
    expect(s.fileOf('website/docs/setup/pretty.md', 'api/index.md')).toBe('website/docs/api/index.md');
    expect(s.fileOf('website/docs/01-intro.md', '/api/reference.md')).toBe('website/docs/api/reference.md');
    expect(s.fileOf('website/docs/01-intro.md', '/guide/api-overview')).toBe('website/docs/api/_category_.json');
    expect(s.fileOf('website/docs/01-intro.md', '/blog/tags/release')).toBe('website/docusaurus.config.js');
    expect(s.resolve('website/docs/01-intro.md', '/commented-out/intro').kind).toBe('broken');
    expect(s.resolve('website/docs/01-intro.md', '/file.pdf')).toMatchObject({ kind: 'asset', file: 'website/assets/file.pdf' });
    const changelog = s.resolve('website/docs/01-intro.md', '/changelog/1.0.0');
    expect(changelog).toMatchObject({ kind: 'asset', file: 'website/docusaurus.config.js' });
    expect(explainResolution(changelog)).toMatch(/plugin \.\/src\/plugins\/changelog\/index\.js, generated by code/);
  });

  it('flags the French intro linking the English install page', async () => {
    const s = await site('docusaurus');
    const f = findingsOf(s.project, 'cross-locale-link');
    expect(f.map((x) => [x.file, x.data?.url, x.data?.replacement])).toEqual([['website/i18n/fr/docusaurus-plugin-content-docs/current/01-intro.md', '/guide/setup/installation', '/fr/guide/setup/installation/']]);
  });
});

describe('Astro / Starlight profile', () => {
  it('routes the docs collection by slugified path under base, frontmatter slug, and src/pages', async () => {
    const s = await site('astro');
    expect(s.model.resolver.profile.name).toBe('astro');
    expect(s.urlOf('src/content/docs/en/index.mdx')).toBe('/docs/en/');
    expect(s.urlOf('src/content/docs/en/guides/First Steps.mdx')).toBe('/docs/en/guides/first-steps/');
    expect(s.urlOf('src/content/docs/en/guides/custom.md')).toBe('/docs/my-custom/slug/');
    expect(s.urlOf('src/pages/about.md')).toBe('/docs/about/');
    expect(s.fileOf('src/content/docs/en/index.mdx', '/docs/en/guides/first-steps/')).toBe('src/content/docs/en/guides/First Steps.mdx');
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });

  it('flags a French page linking an English page that has a French version, not a page linking its own translation', async () => {
    const s = await site('astro');
    const f = findingsOf(s.project, 'cross-locale-link');
    expect(f.map((x) => [x.file, x.data?.replacement])).toEqual([['src/content/docs/fr/index.mdx', '/docs/fr/guides/first-steps/']]);
  });
});

describe('Next.js profile', () => {
  it('routes app/**/page.mdx by folder (groups and private folders dropped) and locale folders of pages/', async () => {
    const s = await site('nextjs');
    expect(s.model.resolver.profile.name).toBe('nextjs');
    expect(s.urlOf('app/(marketing)/pricing/page.mdx')).toBe('/pricing/');
    expect(s.urlOf('app/docs/page.mdx')).toBe('/docs/');
    expect(s.urlOf('app/docs/_private/page.mdx')).toBeUndefined();
    expect(s.urlOf('app/docs/component.mdx')).toBeUndefined();
    expect(s.urlOf('pages/en/blog/first.md')).toBe('/blog/first/');
    expect(s.urlOf('pages/es/blog/first.md')).toBe('/es/blog/first/');
    expect(s.fileOf('app/docs/page.mdx', '/blog/first')).toBe('pages/en/blog/first.md');
    expect(s.fileOf('app/docs/page.mdx', '/en/blog/first')).toBe('pages/en/blog/first.md');
  });

  it('flags an explicit /en/ link from a Spanish page, not an unprefixed one the site localises', async () => {
    const s = await site('nextjs');
    const f = findingsOf(s.project, 'cross-locale-link');
    expect(f.map((x) => [x.file, x.data?.url, x.data?.replacement])).toEqual([['pages/es/blog/first.md', '/en/blog/', '/es/blog/']]);
  });

  it('follows redirects.json patterns, after the middleware adds the default locale', async () => {
    const s = await site('nextjs');
    const r = s.resolve('app/docs/page.mdx', '/blog/old/first');
    expect(r).toMatchObject({ kind: 'page', file: 'pages/en/blog/first.md' });
    expect(explainResolution(r)).toMatch(/redirect \/blog\/old\/first → \/en\/blog\/first by redirects\.json/);
    expect(s.fileOf('app/docs/page.mdx', '/es/blog/old/first')).toBe('pages/es/blog/first.md');
    expect(s.resolve('app/docs/page.mdx', '/rss.xml')).toMatchObject({ kind: 'external', url: 'https://example.org/feed.xml' });
    expect(s.resolve('app/docs/page.mdx', '/blog/older/first').kind).toBe('broken');
  });

  it('is detected from the pages/<locale>/ layout without next.config', async () => {
    const files = filesOf(join(FIXTURES, 'nextjs'));
    delete files['next.config.mjs'];
    const project = new Project(new InMemoryWorkspace('/ws', files));
    await project.load();
    expect(project.model().resolver.profile.name).toBe('nextjs');
    expect(project.routing?.reason).toMatch(/layout/);
  });
});

describe('Jekyll profile', () => {
  it('routes posts by permalink style, categories from folders, collections with output, and baseurl', async () => {
    const s = await site('jekyll');
    expect(s.model.resolver.profile.name).toBe('jekyll');
    expect(s.urlOf('_posts/2020-01-02-hello-world.md')).toBe('/blog/news/2020/01/02/hello-world/');
    expect(s.urlOf('blog/_posts/2021-12-31-year-end.md')).toBe('/blog/2021/year-end/');
    expect(s.urlOf('_recipes/soup.md')).toBe('/blog/recipes/soup/');
    expect(s.urlOf('_notes/private.md')).toBeUndefined();
    expect(s.urlOf('_drafts/wip.md')).toBeUndefined();
    expect(s.urlOf('about.md')).toBe('/blog/about/');
    expect(s.urlOf('index.md')).toBe('/blog/');
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });

  it('the date style serves .html pages', async () => {
    const s = await site('jekyll', { '_config.yml': 'permalink: date\n' });
    expect(s.fileOf('index.md', '/news/2020/01/02/hello-world.html')).toBe('_posts/2020-01-02-hello-world.md');
    expect(s.fileOf('index.md', '/about.html')).toBe('about.md');
  });
});

describe('MDN profile', () => {
  it('routes by frontmatter slug, case-insensitively, and follows _redirects.txt chains', async () => {
    const s = await site('mdn');
    expect(s.model.resolver.profile.name).toBe('mdn');
    const from = 'files/en-us/web/css/index.md';
    expect(s.urlOf(from)).toBe('/en-US/docs/Web/CSS/');
    expect(s.fileOf(from, '/en-US/docs/Web/CSS/::before')).toBe('files/en-us/web/css/_doublecolon_before/index.md');
    expect(s.fileOf(from, '/en-us/docs/web/css/*')).toBe('files/en-us/web/css/_star_/index.md');
    const old = s.resolve(from, '/en-US/docs/Web/CSS/Old_Thing');
    expect(old).toMatchObject({ kind: 'page', file: 'files/en-us/web/css/_doublecolon_before/index.md' });
    expect(explainResolution(old)).toMatch(/redirect .* files\/en-us\/_redirects\.txt/);
    expect(s.fileOf(from, '/en-US/docs/Chain/A')).toBe('files/en-us/web/css/index.md');
    const gone = s.resolve(from, '/en-US/docs/Web/Gone');
    expect(gone.kind).toBe('broken');
  });
});

describe('custom routes (site.routes)', () => {
  it('maps files to URL patterns with path and frontmatter placeholders; others keep folder routing', async () => {
    const s = await site('custom');
    expect(s.model.resolver.profile.name).toBe('custom');
    expect(s.urlOf('content/posts/2023-05-06-hello.md')).toBe('/articles/2023/hello/');
    expect(s.urlOf('content/posts/other.md')).toBe('/articles/2022/second-post/');
    expect(s.urlOf('content/docs/setup/install.md')).toBe('/manual/setup/install/');
    expect(s.urlOf('content/about.md')).toBe('/about/');
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });
});

describe('site.profile override', () => {
  it('generic ignores framework configs', async () => {
    const s = await site('hugo', { 'pillarlink.json': '{ "site": { "profile": "generic" } }' });
    expect(s.model.resolver.profile.name).toBe('generic');
    expect(s.urlOf('content/docs/renamed.md')).toBe('/docs/nice-name/');
  });

  it('an unknown profile is a config problem', async () => {
    const s = await site('hugo', { 'pillarlink.json': '{ "site": { "profile": "gatsby" } }' });
    expect(findingsOf(s.project, 'config-error').map((f) => f.message).join()).toMatch(/one of generic, hugo/);
    expect(s.model.resolver.profile.name).toBe('hugo');
  });
});
