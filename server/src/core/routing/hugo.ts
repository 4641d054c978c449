// Hugo routing: contentDir, sections and _index.md, leaf bundles, slug/url/aliases, permalinks
// patterns, uglyURLs, baseURL paths, and languages (per-language contentDir or `name.<lang>.md`).
import { basename, dirname, joinPath, stripExtension } from '../paths';
import type { PageFacts } from '../types';
import { parseDataConfig } from './configText';
import type { Route, SiteProfile } from './profile';
import { dateParts, fillPattern, relTo, str, strList, urlize, urlJoin } from './util';

export interface HugoLanguage { code: string; contentDir?: string; weight: number }

export interface HugoSettings {
  siteRoot: string;
  contentDir: string;
  basePath: string;
  uglyURLs: boolean | Record<string, boolean>;
  /** Section (or page kind) → permalink pattern. */
  permalinks: Record<string, string>;
  languages: HugoLanguage[];
  defaultLanguage: string;
  defaultLanguageInSubdir: boolean;
  /** Keep the file path's case (Hugo lowercases URLs unless disablePathToLower). */
  keepCase: boolean;
  source: string;
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** Hugo config keys are case-insensitive (baseURL, baseurl). */
const key = (o: Record<string, unknown>, k: string): unknown => { const f = Object.keys(o).find((x) => x.toLowerCase() === k.toLowerCase()); return f === undefined ? undefined : o[f]; };

export function readHugoConfig(file: string, text: string): HugoSettings | undefined {
  const cfg = parseDataConfig(file, text);
  if (!cfg) return undefined;
  const siteRoot = dirname(file).replace(/(^|\/)config\/_default$/, '');
  let basePath = '';
  const baseURL = str(key(cfg, 'baseURL'));
  if (baseURL) {
    try { basePath = new URL(baseURL).pathname.replace(/\/+$/, ''); } catch { basePath = ''; }
  }
  const permalinks: Record<string, string> = {};
  const pl = rec(key(cfg, 'permalinks'));
  for (const [k, v] of Object.entries(pl)) {
    if (typeof v === 'string') permalinks[k] = v;
    // Newer form: permalinks: { page: { posts: … }, section: { … } }; page patterns win.
    else if (k === 'page') for (const [s, p] of Object.entries(rec(v))) if (typeof p === 'string') permalinks[s] = p;
  }
  const languages: HugoLanguage[] = [];
  for (const [code, v] of Object.entries(rec(key(cfg, 'languages')))) {
    const l = rec(v);
    const dir = str(key(l, 'contentDir'));
    languages.push({ code, ...(dir ? { contentDir: joinPath(siteRoot, dir) ?? dir } : {}), weight: typeof l.weight === 'number' ? l.weight : 0 });
  }
  languages.sort((a, b) => a.weight - b.weight || a.code.localeCompare(b.code));
  const ugly = key(cfg, 'uglyURLs');
  return {
    siteRoot,
    contentDir: joinPath(siteRoot, str(key(cfg, 'contentDir')) ?? 'content') ?? 'content',
    basePath,
    uglyURLs: typeof ugly === 'boolean' ? ugly : Object.fromEntries(Object.entries(rec(ugly)).filter(([, v]) => typeof v === 'boolean')) as Record<string, boolean>,
    permalinks,
    languages,
    defaultLanguage: str(key(cfg, 'defaultContentLanguage')) ?? languages[0]?.code ?? 'en',
    defaultLanguageInSubdir: key(cfg, 'defaultContentLanguageInSubdir') === true,
    keepCase: key(cfg, 'disablePathToLower') === true,
    source: file,
  };
}

export function hugoProfile(s: HugoSettings): SiteProfile {
  const langCodes = new Set(s.languages.map((l) => l.code.toLowerCase()));
  const langDirs = s.languages.filter((l) => l.contentDir !== undefined);

  /** Language and the path under the language's content folder. */
  function place(file: string): { lang: string | undefined; root: string; rel: string } | undefined {
    for (const l of langDirs) { const rel = relTo(file, l.contentDir!); if (rel !== undefined) return { lang: l.code, root: l.contentDir!, rel }; }
    const rel = relTo(file, s.contentDir);
    if (rel === undefined) return undefined;
    // Translation by file name: about.fr.md.
    const m = /\.([a-zA-Z-]+)\.(md|markdown|mdx|html)$/.exec(rel);
    if (m && langCodes.has(m[1]!.toLowerCase())) return { lang: m[1]!, root: s.contentDir, rel: rel.replace(`.${m[1]}.`, '.') };
    return { lang: langCodes.size > 0 ? s.defaultLanguage : undefined, root: s.contentDir, rel };
  }
  const langPrefix = (lang: string | undefined) => (lang === undefined || (lang === s.defaultLanguage && !s.defaultLanguageInSubdir) ? '' : lang);
  const lower = (u: string) => (s.keepCase ? u : u.toLowerCase());
  const isUgly = (section: string) => (typeof s.uglyURLs === 'boolean' ? s.uglyURLs : s.uglyURLs[section] === true);

  function routes(page: PageFacts): Route[] {
    const pl = place(page.file);
    if (!pl) return [];
    const fm = page.frontmatter ?? {};
    const prefix = langPrefix(pl.lang);
    const noExt = stripExtension(pl.rel);
    const name = basename(noExt);
    const isSection = name === '_index';
    const isLeafBundle = name === 'index';
    const dirPath = dirname(noExt);
    const segs = (isSection || isLeafBundle ? dirPath : noExt).split('/').filter((x) => x !== '');
    const section = segs.length > (isSection ? 0 : 1) ? segs[0]! : '';
    const out: Route[] = [];
    const explicit = str(fm.url);
    if (explicit !== undefined) {
      // `url` is site-relative and kept as written (Hugo does not lowercase it).
      out.push({ url: urlJoin(s.basePath, prefix, explicit), via: `frontmatter url "${explicit}" (Hugo)` });
    } else if (!isSection && section !== '' && s.permalinks[section] !== undefined) {
      const pattern = s.permalinks[section]!;
      const d = dateParts(fm.date) ?? dateParts(fm.publishDate);
      const fileName = isLeafBundle ? basename(dirPath) : name;
      const slug = str(fm.slug);
      const title = str(fm.title);
      const { url, missing } = fillPattern(pattern, {
        year: d?.year, month: d?.month, day: d?.day,
        slug: slug !== undefined ? urlize(slug) : title !== undefined ? urlize(title) : fileName,
        slugorfilename: slug ?? fileName,
        slugorcontentbasename: slug ?? fileName,
        title: title !== undefined ? urlize(title) : fileName,
        filename: fileName, contentbasename: fileName,
        section, sections: segs.slice(0, -1).join('/'),
      });
      if (missing.length === 0) out.push({ url: lower(urlJoin(s.basePath, prefix, url)), via: `permalinks.${section} "${pattern}" in ${s.source}` });
    }
    if (out.length === 0) {
      const slug = str(fm.slug);
      const pathSegs = slug !== undefined && !isSection ? [...segs.slice(0, -1), slug] : segs;
      const ugly = !isSection && pathSegs.length > 0 && isUgly(section);
      const base = urlJoin(s.basePath, prefix, ...pathSegs.slice(0, ugly ? -1 : undefined));
      const url = ugly ? `${base}${pathSegs[pathSegs.length - 1]}.html` : base;
      const kind = isSection ? `section ${segs.join('/') || '(home)'} (_index.md)` : isLeafBundle ? 'leaf bundle (index.md)' : 'content path';
      out.push({ url: lower(url), via: `${slug !== undefined && !isSection ? `frontmatter slug "${slug}", ` : ''}${kind} under ${pl.root}/ (Hugo${ugly ? ', uglyURLs' : ''})` });
    }
    // Absolute aliases are under the language root; relative ones are relative to the page's folder URL.
    for (const a of strList(fm.aliases)) {
      const url = a.startsWith('/') ? urlJoin(s.basePath, prefix, a) : new URL(a, `http://site${out[0]!.url.replace(/[^/]*\/?$/, '')}`).pathname;
      out.push({ url, via: 'frontmatter aliases (Hugo redirect page)' });
    }
    return out;
  }

  return {
    name: 'hugo',
    detectedBy: s.source,
    basePath: s.basePath,
    localePrefixes: s.languages.map((l) => l.code.toLowerCase()).filter((c) => c !== s.defaultLanguage.toLowerCase() || s.defaultLanguageInSubdir),
    routesFor: routes,
    staticDirs: [joinPath(s.siteRoot, 'static') ?? 'static'],
    contentDirs: [s.contentDir, ...langDirs.map((l) => l.contentDir!)],
    fileLinkRoots(from) {
      const pl = place(from);
      return pl ? [pl.root] : [s.contentDir];
    },
    localeOf(file) {
      return langCodes.size > 0 ? place(file)?.lang : undefined;
    },
    counterpartsOf(file, locale) {
      const pl = place(file);
      if (!pl) return [];
      const dir = s.languages.find((l) => l.code === locale)?.contentDir;
      if (dir !== undefined) return [joinPath(dir, pl.rel) ?? ''];
      const ext = pl.rel.slice(stripExtension(pl.rel).length);
      const stem = stripExtension(pl.rel);
      return [joinPath(s.contentDir, locale === s.defaultLanguage ? pl.rel : `${stem}.${locale}${ext}`) ?? ''];
    },
  };
}
