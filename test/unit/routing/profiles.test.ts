import { join } from 'node:path';
import { readTree as filesOf } from '../../helpers/tmp';
import { describe, expect, it } from 'vitest';
import { Project } from '../../../server/src/core/project';
import { explainResolution, type Resolution } from '../../../server/src/core/routing/resolver';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const FIXTURES = join(__dirname, '../../fixtures/routing');


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

  it('serves .astro pages, endpoints and [param] pages of src/pages and public/; a catch-all over the docs does not answer', async () => {
    const s = await site('astro');
    const from = 'src/content/docs/en/index.mdx';
    expect(s.fileOf(from, '/docs/rss.xml')).toBe('src/pages/rss.xml.ts');
    expect(s.fileOf(from, '/docs/en/install/')).toBe('src/pages/[lang]/install.astro');
    expect(s.fileOf(from, '/docs/tags/astro/')).toBe('src/pages/tags/[tag].astro');
    expect(s.fileOf(from, '/docs/favicon.svg')).toBe('public/favicon.svg');
    const missing = s.resolve(from, '/docs/en/nope/');
    expect(missing.kind).toBe('broken');
    expect(explainResolution(missing)).toMatch(/src\/pages\/\[\.\.\.slug\]\.astro \(catch-all \/\[\.\.\.slug\]: it renders the Markdown pages under \//);
  });

  it("resolves a link that breaks trailingSlash: 'always' and says what Astro does with it", async () => {
    const s = await site('astro');
    const from = 'src/content/docs/en/index.mdx';
    const bare = s.resolve(from, '/docs/en/guides/first-steps');
    expect(bare).toMatchObject({ kind: 'page', file: 'src/content/docs/en/guides/First Steps.mdx' });
    expect(explainResolution(bare)).toMatch(/astro\.config\.mjs sets trailingSlash: 'always' and this link has no trailing slash: Astro's dev server answers it with a 404/);
    expect(explainResolution(s.resolve(from, '/docs/en/guides/first-steps/'))).not.toMatch(/trailingSlash/);
    expect(explainResolution(s.resolve(from, '/docs/favicon.svg'))).not.toMatch(/trailingSlash/);
    const never = await site('astro', { 'astro.config.mjs': "export default { base: '/docs', trailingSlash: 'never' };" });
    expect(explainResolution(never.resolve(from, '/docs/en/guides/first-steps/'))).toMatch(/trailingSlash: 'never' and this link ends with a slash/);
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
    expect(explainResolution(r)).toMatch(/rule \/:locale\/blog\/old\/:path\* → \/:locale\/blog\/:path\* of redirects\.json \(read by its name beside the app\): \/blog\/old\/first → \/en\/blog\/first/);
    expect(s.fileOf('app/docs/page.mdx', '/es/blog/old/first')).toBe('pages/es/blog/first.md');
    expect(s.resolve('app/docs/page.mdx', '/rss.xml')).toMatchObject({ kind: 'external', url: 'https://example.org/feed.xml' });
    expect(s.resolve('app/docs/page.mdx', '/blog/older/first').kind).toBe('broken');
  });

  it('a leading [locale] segment of an app route is a locale prefix, or none for the default locale', async () => {
    const s = await site('nextjs');
    const from = 'pages/es/blog/first.md';
    const current = s.resolve(from, '/download/archive/current');
    expect(current).toMatchObject({ kind: 'asset', file: 'app/[locale]/download/archive/[version]/page.tsx' });
    expect(explainResolution(current)).toMatch(/dynamic route \/\[locale\]\/download\/archive\/\[version\] of the Next\.js app router app\/ .*locale en \(default, no prefix\), version = current: the parameter values are not checked/);
    expect(s.fileOf(from, '/es/download/archive/v20.0.0')).toBe('app/[locale]/download/archive/[version]/page.tsx');
    // Not a locale: [locale] does not take any first segment.
    expect(s.resolve(from, '/xx/download/archive/v20.0.0').kind).toBe('broken');
    // The catch-all renders pages/<locale>/**: it does not make a missing page resolve.
    const missing = s.resolve(from, '/blog/nothing-here');
    expect(missing.kind).toBe('broken');
    expect(explainResolution(missing)).toMatch(/app\/\[locale\]\/\[\.\.\.path\]\/page\.tsx \(catch-all \/\[locale\]\/\[\.\.\.path\]: it renders the Markdown pages under \/ and none is at this URL\)/);
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

describe('Next.js app: code routes, dynamic segments, redirects() and rewrites()', () => {
  const from = 'app/(marketing)/pricing/page.mdx';

  it('serves code pages, route handlers, public/ and dynamic segments ([slug], [[...filters]], pages/[id].md)', async () => {
    const s = await site('nextjs-app');
    expect(s.model.resolver.profile.name).toBe('nextjs');
    expect(s.fileOf(from, '/about')).toBe('app/about/page.tsx');
    expect(explainResolution(s.resolve(from, '/api/feed'))).toMatch(/route handler app\/api\/feed\/route\.ts of the Next\.js app router app\//);
    const post = s.resolve(from, '/blog/hello-world');
    expect(post).toMatchObject({ kind: 'asset', file: 'app/blog/[slug]/page.tsx' });
    expect(explainResolution(post)).toMatch(/dynamic route \/blog\/\[slug\] .*slug = hello-world: the parameter values are not checked/);
    expect(s.fileOf(from, '/shop')).toBe('app/shop/[[...filters]]/page.tsx');
    expect(s.fileOf(from, '/shop/shoes/red')).toBe('app/shop/[[...filters]]/page.tsx');
    expect(s.resolve(from, '/legacy/42')).toMatchObject({ kind: 'page', file: 'pages/legacy/[id].md' });
    expect(s.fileOf(from, '/logo.svg')).toBe('public/logo.svg');
    // Private folders are not routed; a single [slug] takes one segment only.
    expect(s.resolve(from, '/_lib').kind).toBe('broken');
    expect(s.resolve(from, '/blog/a/b').kind).toBe('broken');
  });

  it('a catch-all that renders the Markdown pages under its prefix does not answer for a missing one', async () => {
    const s = await site('nextjs-app');
    expect(s.fileOf(from, '/docs/intro')).toBe('app/docs/intro/page.mdx');
    const missing = s.resolve(from, '/docs/missing');
    expect(missing.kind).toBe('broken');
    expect(explainResolution(missing)).toMatch(/catch-all \/docs\/\[\.\.\.slug\]: it renders the Markdown pages under \/docs and none is at this URL/);
  });

  it('follows literal redirects() and rewrites() pairs of next.config and the JSON list it imports', async () => {
    const s = await site('nextjs-app');
    const old = s.resolve(from, '/old-pricing');
    expect(old).toMatchObject({ kind: 'page', file: from });
    expect(explainResolution(old)).toMatch(/redirect \/old-pricing → \/pricing of next\.config\.mjs: \/old-pricing → \/pricing/);
    const handbook = s.resolve(from, '/handbook/intro');
    expect(handbook).toMatchObject({ kind: 'page', file: 'app/docs/intro/page.mdx' });
    expect(explainResolution(handbook)).toMatch(/rewrite \/handbook\/:path\* → \/docs\/:path\* of next\.config\.mjs/);
    // next.config.mjs → next.redirects.mjs → redirect-list.json, then the dynamic route.
    const article = s.resolve(from, '/articles/launch');
    expect(article).toMatchObject({ kind: 'asset', file: 'app/blog/[slug]/page.tsx' });
    expect(explainResolution(article)).toMatch(/redirect \/articles\/:slug → \/blog\/:slug of redirect-list\.json: \/articles\/launch → \/blog\/launch \(site URL \/blog\/launch \(dynamic route/);
    expect(s.fileOf(from, '/intro')).toBe('app/docs/intro/page.mdx');
    // A rule with `has` depends on the request: skipped.
    expect(s.resolve(from, '/beta').kind).toBe('broken');
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });

  it('without the config and its modules the same links are broken (each mechanism is needed)', async () => {
    const s = await site('nextjs-app', {});
    const files = filesOf(join(FIXTURES, 'nextjs-app'));
    for (const f of ['next.config.mjs', 'next.redirects.mjs', 'redirect-list.json', 'app/blog/[slug]/page.tsx', 'public/logo.svg']) delete files[f];
    const project = new Project(new InMemoryWorkspace('/ws', files));
    await project.load();
    const broken = findingsOf(project, 'broken-link').map((f) => f.data?.url);
    expect(broken).toEqual(expect.arrayContaining(['/old-pricing', '/blog/hello-world', '/logo.svg', '/handbook/intro', '/articles/launch', '/intro']));
    expect(s.model.resolver.profile.name).toBe('nextjs');
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

describe('Jekyll link tags', () => {
  it('{% link %} and {% post_url %} are links, resolved from the site source and by post name', async () => {
    const s = await site('jekyll');
    const tags = s.project.pages.get('links.md')!.links.filter((l) => l.element === 'link' || l.element === 'post_url');
    expect(tags.map((l) => [l.url, l.text])).toEqual([
      ['{% link _posts/2020-01-02-hello-world.md %}', 'Hello'],
      ['{% post_url 2021-12-31-year-end %}', 'the year end'],
      ['{% link about.md %}', 'about'],
      ['{% post_url /2020-01-02-hello-world %}', ''],
    ]);
    expect(s.fileOf('links.md', '{% link _posts/2020-01-02-hello-world.md %}')).toBe('_posts/2020-01-02-hello-world.md');
    const post = s.resolve('links.md', '{% post_url 2021-12-31-year-end %}');
    expect(post).toMatchObject({ kind: 'page', file: 'blog/_posts/2021-12-31-year-end.md' });
    expect(explainResolution(post)).toMatch(/the Jekyll \{% post_url %\} tag: the post 2021-12-31-year-end in blog\/_posts\//);
    expect(s.fileOf('links.md', '{% link about.md %}')).toBe('about.md');
    // Examples in code are not links; every tag of the page resolves.
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });

  it('a tag that names nothing is broken, with what Jekyll expects', async () => {
    const s = await site('jekyll', { 'bad.md': '# Bad\n\n[x]({% post_url 2099-01-01-nope %}) [y]({% link about %})\n' });
    const f = findingsOf(s.project, 'broken-link').filter((x) => x.file === 'bad.md');
    expect(f.map((x) => x.message)).toEqual([
      expect.stringMatching(/no post named 2099-01-01-nope in a _posts folder/),
      expect.stringMatching(/no file at about \(\{% link %\} takes the path of a file from the site source/),
    ]);
  });
});

describe('Docusaurus versions, sidebars and client redirects', () => {
  it('lastVersion and version paths, generated indexes of sidebars files, plugin-client-redirects pairs, static/', async () => {
    const s = await site('docusaurus-versioned');
    expect(s.urlOf('website/docs/intro.md')).toBe('/docs/intro/');
    expect(s.urlOf('website/versioned_docs/version-2.0/intro.md')).toBe('/docs/2.0/intro/');
    expect(s.urlOf('website/versioned_docs/version-1.0/intro.md')).toBe('/docs/legacy/intro/');
    const from = 'website/docs/guide.md';
    const started = s.resolve(from, '/docs/category/getting-started');
    expect(started).toMatchObject({ kind: 'asset', file: 'website/sidebars.js' });
    expect(explainResolution(started)).toMatch(/generated index of the sidebar category "Getting Started" in website\/sidebars\.js/);
    expect(s.fileOf(from, '/docs/api-index')).toBe('website/sidebars.js');
    expect(s.fileOf(from, '/docs/2.0/category/guides')).toBe('website/versioned_sidebars/version-2.0-sidebars.json');
    // A category linking a doc has no generated index.
    expect(s.resolve(from, '/docs/category/concepts').kind).toBe('broken');
    const old = s.resolve(from, '/old-intro');
    expect(old).toMatchObject({ kind: 'page', file: 'website/docs/intro.md' });
    expect(explainResolution(old)).toMatch(/redirect \/old-intro → \/docs\/intro\/ by plugin-client-redirects in website\/docusaurus\.config\.js/);
    expect(s.fileOf(from, '/docs/start')).toBe('website/docs/intro.md');
    // createRedirects is code: its redirects are not known.
    expect(s.resolve(from, '/documentation/intro').kind).toBe('broken');
    expect(s.fileOf(from, '/img/logo.png')).toBe('website/static/img/logo.png');
    expect(findingsOf(s.project, 'broken-link')).toEqual([]);
  });

  it('without lastVersion the newest release is at the route base and the current docs at /next', async () => {
    const s = await site('docusaurus-versioned', { 'website/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { sidebarPath: './sidebars.js' } }]] };" });
    expect(s.urlOf('website/docs/intro.md')).toBe('/docs/next/intro/');
    expect(s.urlOf('website/versioned_docs/version-2.0/intro.md')).toBe('/docs/intro/');
    expect(s.urlOf('website/versioned_docs/version-1.0/intro.md')).toBe('/docs/1.0/intro/');
    expect(s.fileOf('website/docs/intro.md', '/docs/next/category/getting-started')).toBe('website/sidebars.js');
    expect(s.fileOf('website/docs/intro.md', '/docs/category/guides')).toBe('website/versioned_sidebars/version-2.0-sidebars.json');
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
