import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import { parseConfig } from '../../../server/src/core/config';
import { literalString, literalStringArray, objectOfKey, stripJsComments, topLevel } from '../../../server/src/core/routing/configText';
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
  it('Next.js redirect patterns', () => {
    expect(redirectPattern('/:locale/about/:path*')!.exec('/fr/about/a/b')?.groups).toEqual({ locale: 'fr', path: 'a/b' });
    expect(redirectPattern('/(static/|)favicon.ico')!.test('/favicon.ico')).toBe(true);
    expect(redirectPattern('/a.b')!.test('/aXb')).toBe(false);
  });
  it('Hugo relref/ref shortcodes, quoted or not, with the destination span', () => {
    const text = 'See {{< relref "a/b.md" >}} and {{% ref c.md %}} but not {{</* relref "x.md" */>}}.';
    const links = shortcodeLinks(text);
    expect(links.map((l) => [l.url, l.element])).toEqual([['a/b.md', 'relref'], ['c.md', 'ref']]);
    expect(text.slice(links[0]!.urlSpan!.start, links[0]!.urlSpan!.end)).toBe('a/b.md');
  });
});

describe('detection', () => {
  const files = (...p: string[]) => new Set(p);
  it('reads configs up to two folders deep, Docusaurus categories and MDN redirects', () => {
    expect(siteConfigFiles(['website/docusaurus.config.ts', 'a/b/c/hugo.toml', 'node_modules/x/next.config.js', 'docs/x/_category_.json', 'files/en-us/_redirects.txt', 'content/config.toml'])).toEqual([
      'content/config.toml', 'docs/x/_category_.json', 'files/en-us/_redirects.txt', 'website/docusaurus.config.ts',
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
  it('lists the candidates tried for a broken link', async () => {
    let out = '';
    const code = await main(['explain', '/guide/nope', join(__dirname, '../../fixtures/routing/docusaurus')], (s) => { out += s; });
    expect(code).toBe(1);
    expect(out).toMatch(/profile: docusaurus/);
    expect(out).toMatch(/Not resolved: no page is served at \/guide\/nope\. Tried: site URL \/guide\/nope/);
  });
});
