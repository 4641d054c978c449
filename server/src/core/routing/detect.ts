// Picks the site profile from the repository: framework config files (read as data, never
// executed) or, without them, the folder layout. `site.profile` in pillarlink.json overrides.
import { basename, dirname, joinPath } from '../paths';
import { astroProfile, readAstroConfig } from './astro';
import { customProfile, type RoutePattern } from './custom';
import { docusaurusProfile, docusaurusSidebarFiles, readDocusaurusConfig } from './docusaurus';
import { genericProfile } from './generic';
import { hugoProfile, readHugoConfig, type HugoSettings } from './hugo';
import { jekyllProfile, readJekyllConfig } from './jekyll';
import { mdnProfile, parseRedirects } from './mdn';
import { localeFolders, nextDirs, nextjsProfile, parseRedirectRules, readNextConfig, type RedirectRule } from './nextjs';
import { configImports, importClosure } from './configText';
import type { SiteProfile } from './profile';

export const PROFILE_NAMES = ['generic', 'hugo', 'docusaurus', 'astro', 'nextjs', 'jekyll', 'mdn', 'custom'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const CONFIG_NAME = /^(hugo\.(toml|ya?ml|json)|config\.(toml|ya?ml)|docusaurus\.config\.[cm]?[jt]s|astro\.config\.[cm]?[jt]s|next\.config\.[cm]?[jt]s|_config\.ya?ml|([\w-]+_)?versions\.json|redirects\.json)$/;
/** Config files are looked for this many folders deep (a site in website/ or apps/site/). */
const MAX_DEPTH = 2;

const depthOf = (p: string) => p.split('/').length - 1;

/** The files detection needs to read: framework configs (and the modules beside a Next.js config), Docusaurus categories and sidebars, MDN redirects. */
export function siteConfigFiles(paths: Iterable<string>): string[] {
  const out: string[] = [];
  const all = [...paths];
  // Next.js configs import their redirect lists from modules beside them (next.config.mjs →
  // next.rewrites.mjs → redirects.json); those modules are read so the import chain can be followed.
  const nextRoots = new Set(all.filter((p) => /^next\.config\.[cm]?[jt]s$/.test(basename(p)) && depthOf(p) <= MAX_DEPTH && !p.includes('node_modules/')).map(dirname));
  for (const p of all) {
    if (nextRoots.has(dirname(p)) && /\.([cm]?[jt]s|json)$/.test(p) && !/\.d\.[cm]?ts$|(^|\/)(package-lock|npm-shrinkwrap|package|tsconfig[\w.-]*)\.json$/.test(p) && !CONFIG_NAME.test(basename(p))) {
      out.push(p);
      continue;
    }
    if (p.includes('node_modules/')) continue;
    const b = basename(p);
    if (CONFIG_NAME.test(b) && (depthOf(p) <= MAX_DEPTH || /(^|\/)config\/_default\/hugo\./.test(p))) out.push(p);
    else if (/^_category_\.(json|ya?ml)$/.test(b)) out.push(p);
    else if (/(^|\/)([\w-]+_)?versioned_sidebars\/version-[^/]+-sidebars\.json$/.test(p) && depthOf(p) <= MAX_DEPTH + 1) out.push(p);
    else if (b === '_redirects.txt' && /(^|\/)files\/[^/]+\/_redirects\.txt$/.test(p)) out.push(p);
  }
  return out.sort();
}

/**
 * Modules the JS/TS framework configs import (Docusaurus plugin instances, Next.js redirect lists),
 * and the sidebars a Docusaurus config names. Imports of modules already read are followed too,
 * so calling this again with the texts it named reaches deeper modules.
 */
export function siteConfigImports(texts: ReadonlyMap<string, string>, files: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const configs = [...texts.keys()].filter((p) => /^(docusaurus|astro|next)\.config\.[cm]?[jt]s$/.test(basename(p)));
  for (const c of configs) {
    for (const m of importClosure(c, texts, files)) {
      const t = texts.get(m);
      if (t === undefined) out.add(m);
      else if (!m.endsWith('.json')) for (const i of configImports(m, t, files)) if (!texts.has(i)) out.add(i);
    }
    if (/^docusaurus\./.test(basename(c))) for (const f of docusaurusSidebarFiles(c, texts.get(c)!, files)) if (!texts.has(f)) out.add(f);
  }
  return [...out].sort();
}

export interface DetectInput {
  files: ReadonlySet<string>;
  /** Texts of the files `siteConfigFiles` named. */
  texts: ReadonlyMap<string, string>;
  /** `site.profile` from the configuration. */
  profile?: string;
  /** `site.routes` from the configuration. */
  routes?: readonly RoutePattern[];
}

interface Candidate { name: Exclude<ProfileName, 'generic' | 'custom'>; depth: number; make: () => SiteProfile | undefined }

const hasUnder = (files: ReadonlySet<string>, dir: string, re: RegExp = /\.(md|mdx|markdown)$/i) => {
  for (const f of files) if (f.startsWith(`${dir}/`) && re.test(f)) return true;
  return false;
};

function candidates(input: DetectInput): Candidate[] {
  const { files, texts } = input;
  const out: Candidate[] = [];
  const configs = [...texts.keys()].filter((p) => CONFIG_NAME.test(basename(p)));
  for (const p of configs) {
    const b = basename(p);
    const text = texts.get(p)!;
    const depth = depthOf(p);
    if (/^docusaurus\.config\./.test(b)) out.push({ name: 'docusaurus', depth, make: () => docusaurusProfile(readDocusaurusConfig(p, text, files, texts)) });
    else if (/^hugo\./.test(b)) out.push({ name: 'hugo', depth: /config\/_default\//.test(p) ? depth - 2 : depth, make: () => hugoOf(p, text) });
    else if (/^config\.(toml|ya?ml)$/.test(b)) {
      // config.toml is a common name: only a Hugo one when a content folder or theme sits beside it.
      const root = dirname(p);
      const sibling = (d: string) => joinPath(root, d) ?? d;
      if (hasUnder(files, sibling('content')) || hasUnder(files, sibling('layouts'), /./) || hasUnder(files, sibling('archetypes'), /./) || /\bbaseurl\b/i.test(text)) {
        out.push({ name: 'hugo', depth, make: () => hugoOf(p, text) });
      }
    } else if (/^astro\.config\./.test(b)) out.push({ name: 'astro', depth, make: () => astroProfile(readAstroConfig(p, text, dirname(p), files)) });
    else if (/^next\.config\./.test(b)) {
      out.push({ name: 'nextjs', depth, make: () => {
        const settings = readNextConfig(p, text, files, texts);
        return nextjsProfile({ ...settings, redirects: [...(settings.redirects ?? []), ...redirectsBeside(dirname(p), texts, settings.redirects ?? [])] });
      } });
    }
    else if (/^_config\.ya?ml$/.test(b)) out.push({ name: 'jekyll', depth, make: () => jekyllProfile(readJekyllConfig(p, text)) });
  }
  // Layouts that identify a framework without its config file in the workspace.
  const seen = new Set<string>();
  for (const f of files) {
    const starlight = /^(?:(.*)\/)?src\/content\/docs\/.+\.mdx?$/.exec(f);
    if (starlight && !seen.has(`astro:${starlight[1] ?? ''}`)) {
      const root = starlight[1] ?? '';
      seen.add(`astro:${root}`);
      out.push({ name: 'astro', depth: depthOf(f) + 10, make: () => astroProfile(readAstroConfig(undefined, '', root, files)) });
    }
    const mdn = /^(?:(.*)\/)?files\/en-us\/.+\/index\.md$/.exec(f);
    if (mdn && !seen.has(`mdn:${mdn[1] ?? ''}`)) {
      const filesDir = joinPath(mdn[1] ?? '', 'files') ?? 'files';
      seen.add(`mdn:${mdn[1] ?? ''}`);
      out.push({ name: 'mdn', depth: depthOf(filesDir), make: () => mdnOf(filesDir, texts) });
    }
    const pages = /^(?:(.*)\/)?pages\/[^/]+\/.+\.mdx?$/.exec(f);
    const pagesRoot = pages ? (pages[1] ?? '') : undefined;
    if (pagesRoot !== undefined && !seen.has(`next:${pagesRoot}`)) {
      seen.add(`next:${pagesRoot}`);
      const root = pagesRoot.replace(/(^|\/)src$/, '');
      const dirs = nextDirs(root, files);
      const pagesDir = joinPath(pagesRoot, 'pages') ?? 'pages';
      const locales = localeFolders(pagesDir, files);
      // Locale folders under pages/ are the Next.js i18n layout (nodejs.org).
      if (locales.length >= 2) out.push({ name: 'nextjs', depth: depthOf(pagesDir) + 10, make: () => nextjsProfile({ siteRoot: root, ...dirs, basePath: '', locales, defaultLocale: locales.includes('en') ? 'en' : locales[0]!, source: `${pagesDir}/<locale>/ (Next.js i18n layout)`, redirects: redirectsBeside(root, texts, []) }) });
    }
    const app = /^(?:(.*)\/)?app\/(?:.+\/)?page\.mdx$/.exec(f);
    if (app && !seen.has(`app:${app[1] ?? ''}`)) {
      seen.add(`app:${app[1] ?? ''}`);
      const root = (app[1] ?? '').replace(/(^|\/)src$/, '');
      out.push({ name: 'nextjs', depth: depthOf(f) + 10, make: () => nextjsProfile({ siteRoot: root, ...nextDirs(root, files), basePath: '', locales: [], defaultLocale: 'en', source: `${joinPath(app[1] ?? '', 'app')}/**/page.mdx (Next.js app router layout)` }) });
    }
    const posts = /^(?:(.*)\/)?_posts\/\d{4}-\d{2}-\d{2}-[^/]+\.(md|markdown)$/.exec(f);
    if (posts && !seen.has(`jekyll:${posts[1] ?? ''}`)) {
      seen.add(`jekyll:${posts[1] ?? ''}`);
      const root = posts[1] ?? '';
      out.push({ name: 'jekyll', depth: depthOf(f) + 10, make: () => jekyllProfile({ siteRoot: root, baseurl: '', permalink: 'date', collections: [], source: `${joinPath(root, '_posts')}/ (Jekyll layout)` }) });
    }
  }
  return out;
}

/**
 * A `redirects.json` beside the Next.js app that no import chain from next.config reached (the
 * config is absent, or the chain is longer than the modules read): its `{ source, destination }` pairs.
 */
function redirectsBeside(root: string, texts: ReadonlyMap<string, string>, known: readonly RedirectRule[]): RedirectRule[] {
  const file = joinPath(root, 'redirects.json') ?? 'redirects.json';
  const text = texts.get(file);
  if (text === undefined || known.some((r) => r.file === file)) return [];
  return parseRedirectRules(text, `${file} (read by its name beside the app)`);
}

function hugoOf(path: string, text: string): SiteProfile | undefined {
  const s: HugoSettings | undefined = readHugoConfig(path, text);
  return s ? hugoProfile(s) : undefined;
}

function mdnOf(filesDir: string, texts: ReadonlyMap<string, string>): SiteProfile {
  const redirects = new Map<string, string>();
  const sources: string[] = [];
  for (const [p, t] of texts) {
    if (dirname(dirname(p)) === filesDir && basename(p) === '_redirects.txt') {
      sources.push(p);
      for (const [k, v] of parseRedirects(t)) redirects.set(k, v);
    }
  }
  return mdnProfile({ filesDir, redirects, redirectFiles: sources, source: `${filesDir}/en-us/**/index.md (MDN layout)` });
}

export interface Detection {
  profile: SiteProfile;
  /** Why this profile, for `explain` and logs. */
  reason: string;
  problems: string[];
}

/** The profile for a workspace: the configured one, else the shallowest evidence found. */
export function detectProfile(input: DetectInput): Detection {
  const problems: string[] = [];
  const all = candidates(input).sort((a, b) => a.depth - b.depth);
  let chosen: SiteProfile | undefined;
  let reason = '';
  const wanted = input.profile;
  if (wanted !== undefined && wanted !== 'custom' && wanted !== 'generic') {
    const c = all.find((x) => x.name === wanted);
    chosen = c?.make() ?? fallbackOf(wanted, input);
    reason = c ? `site.profile "${wanted}" in pillarlink.json (settings from ${chosen?.detectedBy ?? 'defaults'})` : `site.profile "${wanted}" in pillarlink.json (no ${wanted} config found: defaults)`;
    if (!chosen) problems.push(`site.profile "${wanted}" is not one of ${PROFILE_NAMES.join(', ')}; detecting the profile instead.`);
  }
  if (!chosen && wanted !== 'generic' && wanted !== 'custom') {
    for (const c of all) {
      const p = c.make();
      if (p) { chosen = p; reason = `detected from ${p.detectedBy ?? c.name}`; break; }
    }
  }
  if (!chosen) {
    chosen = genericProfile;
    reason = wanted === 'generic' || wanted === 'custom' ? `site.profile "${wanted}" in pillarlink.json` : 'no framework config or layout found: folder routing';
  }
  if (input.routes && input.routes.length > 0) {
    chosen = customProfile(input.routes, chosen);
    reason = `site.routes in pillarlink.json, then ${reason}`;
  }
  return { profile: chosen, reason, problems };
}

/** A profile with default settings at the workspace root, for `site.profile` without a config file. */
function fallbackOf(name: string, input: DetectInput): SiteProfile | undefined {
  const { files, texts } = input;
  switch (name) {
    case 'hugo': return hugoOf('hugo.toml', '');
    case 'docusaurus': return docusaurusProfile(readDocusaurusConfig('docusaurus.config.js', '', files, texts));
    case 'astro': return astroProfile(readAstroConfig(undefined, '', '', files));
    case 'nextjs': return nextjsProfile({ siteRoot: '', appDirs: ['app', 'src/app'], pagesDirs: ['pages', 'src/pages'], basePath: '', locales: [], defaultLocale: 'en', source: 'defaults' });
    case 'jekyll': return jekyllProfile(readJekyllConfig('_config.yml', ''));
    case 'mdn': return mdnOf('files', texts);
    default: return undefined;
  }
}
