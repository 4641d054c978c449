import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import { parseConfig } from '../../../server/src/core/config';
import { COMPUTED, importClosure, type JsValue, literalObjectsWith, literalString, literalStringArray, objectOfKey, readJsLiteral, stripJsComments, topLevel } from '../../../server/src/core/routing/configText';
import { generatedIndexes } from '../../../server/src/core/routing/docusaurus';
import { parseSegment, RouteMatcher } from '../../../server/src/core/routing/dynamic';
import { detectProfile, siteConfigFiles } from '../../../server/src/core/routing/detect';
import { stripNumberPrefix } from '../../../server/src/core/routing/docusaurus';
import { mdnFolderOfSlug, mdnLocale, parseRedirects } from '../../../server/src/core/routing/mdn';
import { redirectPattern } from '../../../server/src/core/routing/nextjs';
import { shortcodeLinks } from '../../../server/src/core/routing/shortcodes';

describe('config text scanning (never executed)', () => {
  const src = stripJsComments(`
    // routeBasePath: '/commented',
    const x = { docs: { path: 'docs', routeBasePath: '/guide', nested: { routeBasePath: '/inner' } }, url: 'https://a.b/c' };
    /* i18n: { locales: ['xx'] } */
    const i18n = { i18n: { defaultLocale: 'fr', locales: ['fr', "en"] } };
    const computed = { baseUrl: process.env.BASE ?? '/' };
  `);
  it('reads literal values at the top level of an object and ignores comments', () => {
    const docs = objectOfKey(src, 'docs')!;
    expect(literalString(topLevel(docs), 'routeBasePath')).toBe('/guide');
    expect(literalString(src, 'url')).toBe('https://a.b/c');
    expect(src).not.toContain('/commented');
    expect(literalStringArray(topLevel(objectOfKey(src, 'i18n')!), 'locales')).toEqual(['fr', 'en']);
  });
  it('a computed value is not a literal', () => {
    expect(literalString(src, 'baseUrl')).toBeUndefined();
  });
  it('reads JS literals without running them; computed parts are marked', () => {
    const text = stripJsComments(`{ a: 'x', 'b': [1, "y", true, null], c: fn(1, { d: 2 }), ...spread, e: \`t\${x}\`, f: 'a' + b, g() { return 1; }, h: { i: [{ j: 'k' }] }, }`);
    expect(readJsLiteral(text, 0).value).toEqual({ a: 'x', b: [1, 'y', true, null], c: COMPUTED, e: COMPUTED, f: COMPUTED, g: COMPUTED, h: { i: [{ j: 'k' }] } });
    const rules = literalObjectsWith('return [{ source: "/a", destination: "/b" }, { source: x, destination: "/c" }, { other: 1 }];', ['source', 'destination']);
    expect(rules.map((r) => r.value)).toEqual([{ source: '/a', destination: '/b' }, { source: COMPUTED, destination: '/c' }]);
  });
  it('follows imports (JSON included) through the modules whose text is known', () => {
    const texts = new Map([['s/next.config.mjs', "import { r } from './next.rewrites.mjs';"], ['s/next.rewrites.mjs', "import j from './list.json' with { type: 'json' }; const p = require.resolve('./not-imported.js');"], ['s/list.json', '[]']]);
    const files = new Set([...texts.keys(), 's/not-imported.js']);
    expect(importClosure('s/next.config.mjs', texts, files)).toEqual(['s/next.config.mjs', 's/next.rewrites.mjs', 's/list.json']);
  });
});

describe('naming helpers', () => {
  it('Docusaurus number prefixes', () => {
    expect(stripNumberPrefix('01-intro')).toBe('intro');
    expect(stripNumberPrefix('1. Setup')).toBe('Setup');
    expect(stripNumberPrefix('2021-01-01')).toBe('2021-01-01');
    expect(stripNumberPrefix('intro')).toBe('intro');
  });
  it('MDN slug folders and locales', () => {
    expect(mdnFolderOfSlug('Web/CSS/::before')).toBe('web/css/_doublecolon_before');
    expect(mdnFolderOfSlug('Web/CSS/:hover')).toBe('web/css/_colon_hover');
    expect(mdnFolderOfSlug('Web/CSS/*')).toBe('web/css/_star_');
    expect(mdnLocale('en-us')).toBe('en-US');
    expect(parseRedirects('# c\n/en-US/docs/A\t/en-US/docs/B\n\n').get('/en-us/docs/a')).toBe('/en-US/docs/B');
  });
  it('Next.js redirect patterns (path-to-regexp)', () => {
    expect(redirectPattern('/:locale/about/:path*')!.exec('/fr/about/a/b')?.groups).toEqual({ locale: 'fr', path: 'a/b' });
    expect(redirectPattern('/(static/|)favicon.ico')!.test('/favicon.ico')).toBe(true);
    expect(redirectPattern('/a.b')!.test('/aXb')).toBe(false);
    // `:path*` also matches nothing, `:path+` needs one segment, `:id(\\d+)` is constrained, `:x?` is optional.
    expect(redirectPattern('/learn/:path*')!.test('/learn')).toBe(true);
    expect(redirectPattern('/learn/:path+')!.test('/learn')).toBe(false);
    expect(redirectPattern('/post/:id(\\d+)')!.test('/post/12')).toBe(true);
    expect(redirectPattern('/post/:id(\\d+)')!.test('/post/ab')).toBe(false);
    expect(redirectPattern('/docs/:v?/intro')!.test('/docs/intro')).toBe(true);
  });
  it('file-system route segments and their precedence', () => {
    expect(['[slug]', '[...all]', '[[...opt]]', 'blog'].map(parseSegment)).toEqual([
      { kind: 'param', name: 'slug' }, { kind: 'catch-all', name: 'all', optional: false }, { kind: 'catch-all', name: 'opt', optional: true }, { kind: 'static', value: 'blog' },
    ]);
    const route = (file: string, path: string) => ({ file, segments: path.split('/').filter(Boolean).map(parseSegment), where: 'app/', isPage: false });
    const m = new RouteMatcher([route('all', '[...all]'), route('one', 'blog/[slug]'), route('fixed', 'blog/[slug]/edit')], { locales: new Set() });
    const none = () => false;
    expect(m.match('/blog/x', none, [])?.route.file).toBe('one');
    expect(m.match('/blog/x/edit', none, [])?.route.file).toBe('fixed');
    expect(m.match('/blog/x/y', none, [])?.route.file).toBe('all');
    expect(m.match('/', none, [])).toBeUndefined();
  });
  it('Docusaurus sidebar categories with a generated index', () => {
    const sidebars: JsValue = { docs: ['a', { type: 'category', label: 'Guides', link: { type: 'generated-index' }, items: [{ type: 'category', label: 'Deep', link: { type: 'generated-index', slug: '/deep' }, items: [] }] }, { type: 'category', label: 'Doc', link: { type: 'doc', id: 'a' } }] };
    expect(generatedIndexes(sidebars)).toEqual([{ label: 'Guides' }, { label: 'Deep', slug: '/deep' }]);
  });
  it('Hugo relref/ref shortcodes, quoted or not, with the destination span', () => {
    const text = 'See {{< relref "a/b.md" >}} and {{% ref c.md %}} but not {{</* relref "x.md" */>}}.';
    const links = shortcodeLinks(text);
    expect(links.map((l) => [l.url, l.element])).toEqual([['a/b.md', 'relref'], ['c.md', 'ref']]);
    expect(text.slice(links[0]!.urlSpan!.start, links[0]!.urlSpan!.end)).toBe('a/b.md');
  });
  it('Jekyll link and post_url tags, with the anchor text of [text](tag), not in code', () => {
    const text = "[Post]({% post_url 2020-01-02-hi %}) {% link 'docs/a.md' %} `{% link no.md %}` {% link {{ page.x }} %}\n\n```\n{% post_url 2000-01-01-no %}\n```\n";
    const links = shortcodeLinks(text);
    expect(links.map((l) => [l.url, l.element, l.text])).toEqual([['{% post_url 2020-01-02-hi %}', 'post_url', 'Post'], ["{% link docs/a.md %}", 'link', '']]);
    expect(text.slice(links[0]!.span.start, links[0]!.span.end)).toBe('[Post]({% post_url 2020-01-02-hi %})');
    expect(text.slice(links[1]!.urlSpan!.start, links[1]!.urlSpan!.end)).toBe('docs/a.md');
  });
});

describe('detection', () => {
  const files = (...p: string[]) => new Set(p);
  it('reads configs up to two folders deep, Docusaurus categories and MDN redirects', () => {
    expect(siteConfigFiles(['website/docusaurus.config.ts', 'a/b/c/hugo.toml', 'node_modules/x/next.config.js', 'docs/x/_category_.json', 'files/en-us/_redirects.txt', 'content/config.toml'])).toEqual([
      'content/config.toml', 'docs/x/_category_.json', 'files/en-us/_redirects.txt', 'website/docusaurus.config.ts',
    ]);
  });
  it('reads the modules beside a Next.js config (its redirect lists) and Docusaurus versioned sidebars', () => {
    expect(siteConfigFiles(['site/next.config.mjs', 'site/next.rewrites.mjs', 'site/redirects.json', 'site/package.json', 'site/next-env.d.ts', 'site/app/page.tsx', 'web/versioned_sidebars/version-2.0-sidebars.json', 'web/team_versions.json'])).toEqual([
      'site/next.config.mjs', 'site/next.rewrites.mjs', 'site/redirects.json', 'web/team_versions.json', 'web/versioned_sidebars/version-2.0-sidebars.json',
    ]);
  });
  it('a config beats a layout; the shallowest config wins', () => {
    const texts = new Map([['website/docusaurus.config.ts', 'export default {}'], ['examples/site/hugo.toml', 'baseURL = "https://x.org/"']]);
    const d = detectProfile({ files: files('website/docs/a.md', 'src/content/docs/x.md', ...texts.keys()), texts });
    expect(d.profile.name).toBe('docusaurus');
    expect(d.reason).toContain('website/docusaurus.config.ts');
  });
  it('config.toml counts as Hugo only beside a content folder (or with baseURL)', () => {
    const texts = new Map([['config.toml', 'title = "x"']]);
    expect(detectProfile({ files: files('config.toml', 'notes/a.md'), texts }).profile.name).toBe('generic');
    expect(detectProfile({ files: files('config.toml', 'content/a.md'), texts }).profile.name).toBe('hugo');
  });
  it('site.routes wraps the detected profile', () => {
    const d = detectProfile({ files: files('content/a.md'), texts: new Map(), routes: [{ files: 'content/*.md', url: '/x/:slug/' }] });
    expect(d.profile.name).toBe('custom');
  });
});

describe('pillarlink.json site.profile and site.routes', () => {
  it('accepts known profiles and well-formed routes', () => {
    const { config, problems } = parseConfig('{ "site": { "profile": "hugo", "routes": [{ "files": "a/*.md", "url": "/:slug/" }] } }');
    expect(problems).toEqual([]);
    expect(config.site).toEqual({ profile: 'hugo', routes: [{ files: 'a/*.md', url: '/:slug/' }] });
  });
  it('reports malformed routes on the key', () => {
    const text = '{ "site": { "routes": [{ "files": "a/*.md" }] } }';
    const { config, problems } = parseConfig(text);
    expect(config.site.routes).toBeUndefined();
    expect(problems[0]!.message).toMatch(/"routes" must be an array of \{ "files": glob, "url": pattern \} objects/);
    expect(text.slice(problems[0]!.span.start, problems[0]!.span.end)).toBe('"routes"');
  });
});

describe('pillarlink explain', () => {
  it('prints the profile, why, and the rule that matched', async () => {
    let out = '';
    const code = await main(['explain', '/en-US/docs/Web/CSS/Old_Thing', join(__dirname, '../../fixtures/routing/mdn'), '--from', 'files/en-us/web/css/index.md'], (s) => { out += s; });
    expect(code).toBe(0);
    expect(out).toMatch(/profile: mdn \(detected from files\/en-us\/\*\*\/index\.md \(MDN layout\)\)/);
    expect(out).toMatch(/Resolved to files\/en-us\/web\/css\/_doublecolon_before\/index\.md by redirect/);
  });
  it('explains a dynamic route of the app router, with the locale the middleware adds', async () => {
    let out = '';
    const code = await main(['explain', '/download/archive/current', join(__dirname, '../../fixtures/routing/nextjs'), '--from', 'pages/es/blog/first.md'], (s) => { out += s; });
    expect(code).toBe(0);
    expect(out).toMatch(/Resolved to the file app\/\[locale\]\/download\/archive\/\[version\]\/page\.tsx by site URL \/download\/archive\/current \(dynamic route/);
  });
  it('explains a Jekyll post_url tag', async () => {
    let out = '';
    const code = await main(['explain', '{% post_url 2021-12-31-year-end %}', join(__dirname, '../../fixtures/routing/jekyll'), '--from', 'links.md'], (s) => { out += s; });
    expect(code).toBe(0);
    expect(out).toMatch(/Resolved to blog\/_posts\/2021-12-31-year-end\.md by the Jekyll \{% post_url %\} tag/);
  });
  it('lists the candidates tried for a broken link', async () => {
    let out = '';
    const code = await main(['explain', '/guide/nope', join(__dirname, '../../fixtures/routing/docusaurus')], (s) => { out += s; });
    expect(code).toBe(1);
    expect(out).toMatch(/profile: docusaurus/);
    expect(out).toMatch(/Not resolved: no page is served at \/guide\/nope\. Tried: site URL \/guide\/nope/);
  });
});
