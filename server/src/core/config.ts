import { findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity, SeveritySetting, Span } from './types';

export type InferMode = 'off' | 'directory' | 'taxonomy';

export interface ClusterConfig {
  name?: string;
  /** A workspace-relative file or a site URL. */
  target?: string;
  /** Globs of workspace-relative paths. */
  members?: string[];
  keywords?: string[];
}

export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> } | [SeveritySetting, Record<string, unknown>];

export interface Config {
  /** Folders holding pages; auto-detected when empty. */
  contentRoots: string[];
  /** Folders served as-is at the site root (assets). */
  staticDirs: string[];
  /** Pages that are reachable without inbound links (home pages, landing pages). */
  entryPoints: string[];
  /** Globs of paths never indexed. */
  exclude: string[];
  /** profile: generic|hugo|docusaurus|astro|nextjs|jekyll|mdn|custom; routes: `{ files: glob, url: pattern }`, first match wins. */
  site: { baseUrl?: string; profile?: string; routes?: { files: string; url: string }[] };
  components: { link: string[]; navigation: string[] };
  /** Headings that open a "related links" section (case-insensitive, compared without punctuation). */
  relatedHeadings: string[];
  frontmatter: { cluster: string; role: string; keywords: string };
  clusters: Record<string, ClusterConfig>;
  infer: InferMode;
  /** Raise warnings on inferred clusters too. */
  inferredWarnings: boolean;
  rules: Record<string, RuleSetting>;
  maxFileSize: number;
  /** Search Console exports (CSV), workspace-relative: the Pages table and page × query rows. */
  searchConsole: { pages?: string; queries?: string };
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  contentRoots: [],
  staticDirs: ['static', 'public'],
  entryPoints: [],
  exclude: [],
  site: {},
  components: { link: ['Link', 'NavLink', 'LinkWithArrow', 'LinkCard', 'CardLink', 'LinkButton'], navigation: ['Nav', 'Navbar', 'NavBar', 'Footer', 'Header', 'Sidebar', 'Breadcrumbs', 'Menu', 'TOC'] },
  relatedHeadings: ['related', 'related posts', 'related articles', 'related pages', 'related content', 'related reading', 'related resources', 'further reading', 'see also', 'you may also like', 'you might also like', 'read next', 'more posts', 'more articles', 'recommended reading', 'keep reading', 'next steps', 'learn more', 'more resources', 'resources'],
  frontmatter: { cluster: 'cluster', role: 'role', keywords: 'keywords' },
  clusters: {},
  infer: 'off',
  inferredWarnings: false,
  rules: {},
  maxFileSize: 2 * 1024 * 1024,
  searchConsole: {},
});

export interface ConfigProblem { message: string; span: Span }

export interface LoadedConfig { config: Config; problems: ConfigProblem[] }

/** Site profiles `site.profile` accepts (core/routing/detect.ts implements them). */
export const SITE_PROFILES = ['generic', 'hugo', 'docusaurus', 'astro', 'nextjs', 'jekyll', 'mdn', 'custom'];

const SEVERITIES: SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Parses `pillarlink.json` (JSON with comments). A broken file yields problems and the defaults;
 * a wrong value yields a problem and that key's default, the rest is kept.
 */
export function parseConfig(text: string, overrides: Partial<Config> = {}): LoadedConfig {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = [];
  const base = mergeConfig(DEFAULT_CONFIG, overrides);
  if (errors.length > 0) {
    const e = errors[0]!;
    problems.push({ message: `pillarlink.json is not valid JSON: ${printParseErrorCode(e.error)}; using the default configuration.`, span: { start: e.offset, end: e.offset + Math.max(1, e.length) } });
    return { config: base, problems };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: 'pillarlink.json must hold an object; using the default configuration.', span: { start: 0, end: Math.min(text.length, 1) } });
    return { config: base, problems };
  }
  // Problems are placed on the key's own property (by its path), not on the first equal string.
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const where = (path: string[]): Span => {
    const keyNode = tree && findNodeAtLocation(tree, path)?.parent?.children?.[0];
    return keyNode ? { start: keyNode.offset, end: keyNode.offset + keyNode.length } : { start: 0, end: Math.min(text.length, 1) };
  };
  const obj = raw as Record<string, unknown>;
  const cfg: Config = structuredClone(base);
  const bad = (path: string[], expected: string) => problems.push({ message: `"${path[path.length - 1]}" must be ${expected}; its default is used.`, span: where(path) });

  for (const key of ['contentRoots', 'staticDirs', 'entryPoints', 'exclude', 'relatedHeadings'] as const) {
    if (key in obj) {
      if (isStringArray(obj[key])) cfg[key] = obj[key] as string[];
      else bad([key], 'an array of strings');
    }
  }
  if ('maxFileSize' in obj) {
    if (typeof obj.maxFileSize === 'number' && obj.maxFileSize > 0) cfg.maxFileSize = obj.maxFileSize;
    else bad(['maxFileSize'], 'a positive number of bytes');
  }
  if ('site' in obj) {
    const s = obj.site as Record<string, unknown>;
    if (s && typeof s === 'object' && !Array.isArray(s)) {
      if (s.baseUrl !== undefined) {
        if (typeof s.baseUrl === 'string' && /^https?:\/\/[^/]+/i.test(s.baseUrl)) cfg.site.baseUrl = s.baseUrl;
        else bad(['site', 'baseUrl'], 'an absolute http(s) URL');
      }
      if (s.profile !== undefined) {
        if (typeof s.profile === 'string' && SITE_PROFILES.includes(s.profile)) cfg.site.profile = s.profile;
        else bad(['site', 'profile'], `one of ${SITE_PROFILES.join(', ')}`);
      }
      if (s.routes !== undefined) {
        const ok = Array.isArray(s.routes) && s.routes.every((r) => r && typeof r === 'object' && typeof (r as Record<string, unknown>).files === 'string' && typeof (r as Record<string, unknown>).url === 'string');
        if (ok) cfg.site.routes = (s.routes as { files: string; url: string }[]).map((r) => ({ files: r.files, url: r.url }));
        else bad(['site', 'routes'], 'an array of { "files": glob, "url": pattern } objects');
      }
    } else bad(['site'], 'an object');
  }
  if ('components' in obj) {
    const c = obj.components as Record<string, unknown>;
    if (c && typeof c === 'object' && !Array.isArray(c)) {
      for (const k of ['link', 'navigation'] as const) {
        if (k in c) {
          if (isStringArray(c[k])) cfg.components[k] = c[k] as string[];
          else bad(['components', k], 'an array of component names');
        }
      }
    } else bad(['components'], 'an object');
  }
  if ('frontmatter' in obj) {
    const f = obj.frontmatter as Record<string, unknown>;
    if (f && typeof f === 'object' && !Array.isArray(f)) {
      for (const k of ['cluster', 'role', 'keywords'] as const) {
        if (k in f) {
          if (typeof f[k] === 'string' && f[k] !== '') cfg.frontmatter[k] = f[k] as string;
          else bad(['frontmatter', k], 'a frontmatter key (dotted paths allowed)');
        }
      }
    } else bad(['frontmatter'], 'an object');
  }
  if ('clusters' in obj) {
    const c = obj.clusters as Record<string, unknown>;
    if (c && typeof c === 'object' && !Array.isArray(c)) {
      for (const [id, v] of Object.entries(c)) {
        if (id === 'infer') {
          if (v === 'off' || v === 'directory' || v === 'taxonomy') cfg.infer = v;
          else bad(['clusters', 'infer'], '"off", "directory" or "taxonomy"');
          continue;
        }
        if (id === 'inferredWarnings') {
          if (typeof v === 'boolean') cfg.inferredWarnings = v;
          else bad(['clusters', 'inferredWarnings'], 'a boolean');
          continue;
        }
        if (!v || typeof v !== 'object' || Array.isArray(v)) { bad(['clusters', id], 'a cluster object'); continue; }
        const cc = v as Record<string, unknown>;
        const cluster: ClusterConfig = {};
        if (typeof cc.name === 'string') cluster.name = cc.name;
        if (typeof cc.target === 'string') cluster.target = cc.target;
        if (cc.members !== undefined) { if (isStringArray(cc.members)) cluster.members = cc.members; else bad(['clusters', id, 'members'], 'an array of globs'); }
        if (cc.keywords !== undefined) { if (isStringArray(cc.keywords)) cluster.keywords = cc.keywords; else bad(['clusters', id, 'keywords'], 'an array of phrases'); }
        cfg.clusters[id] = cluster;
      }
    } else bad(['clusters'], 'an object of clusters');
  }
  if ('searchConsole' in obj) {
    const g = obj.searchConsole as Record<string, unknown>;
    if (g && typeof g === 'object' && !Array.isArray(g)) {
      for (const k of ['pages', 'queries'] as const) {
        if (g[k] === undefined) continue;
        const v = g[k];
        // Exports are read through the workspace, so only paths inside it can work.
        if (typeof v === 'string' && v.trim() !== '' && !/^([a-zA-Z]:)?[\\/]/.test(v) && !v.split(/[\\/]/).includes('..')) cfg.searchConsole[k] = v.replace(/\\/g, '/').replace(/^\.\//, '');
        else bad(['searchConsole', k], 'a CSV path relative to the workspace folder');
      }
    } else bad(['searchConsole'], 'an object like { "pages": "gsc/pages.csv", "queries": "gsc/queries.csv" }');
  }
  if ('rules' in obj) {
    const r = obj.rules as Record<string, unknown>;
    if (r && typeof r === 'object' && !Array.isArray(r)) {
      for (const [id, v] of Object.entries(r)) {
        const setting = normalizeRuleSetting(v);
        if (setting) cfg.rules[id] = setting;
        else problems.push({ message: `Rule "${id}": expected one of ${SEVERITIES.join('|')}, or { "severity": ..., "options": {...} }.`, span: where(['rules', id]) });
      }
    } else bad(['rules'], 'an object');
  }
  return { config: cfg, problems };
}

function normalizeRuleSetting(v: unknown): RuleSetting | undefined {
  if (typeof v === 'string') return SEVERITIES.includes(v as SeveritySetting) ? (v as SeveritySetting) : undefined;
  if (Array.isArray(v) && typeof v[0] === 'string' && SEVERITIES.includes(v[0] as SeveritySetting) && (v[1] === undefined || (typeof v[1] === 'object' && v[1] !== null))) {
    return { severity: v[0] as SeveritySetting, options: (v[1] ?? {}) as Record<string, unknown> };
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.severity !== undefined && !SEVERITIES.includes(o.severity as SeveritySetting)) return undefined;
    if (o.options !== undefined && (typeof o.options !== 'object' || o.options === null)) return undefined;
    const out: { severity?: SeveritySetting; options?: Record<string, unknown> } = {};
    if (o.severity !== undefined) out.severity = o.severity as SeveritySetting;
    if (o.options !== undefined) out.options = o.options as Record<string, unknown>;
    return out;
  }
  return undefined;
}

export function mergeConfig(base: Readonly<Config>, over: Partial<Config>): Config {
  const out: Config = structuredClone(base) as Config;
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    if (k === 'rules') out.rules = { ...out.rules, ...(v as Config['rules']) };
    else if (k === 'site' || k === 'components' || k === 'frontmatter') Object.assign(out[k], v);
    else (out as unknown as Record<string, unknown>)[k] = structuredClone(v);
  }
  return out;
}

export function ruleSeverity(config: Config, id: string, fallback: Severity): SeveritySetting {
  const s = config.rules[id];
  if (s === undefined) return fallback;
  if (typeof s === 'string') return s;
  if (Array.isArray(s)) return s[0];
  return s.severity ?? fallback;
}

export function ruleOptions(config: Config, id: string): Record<string, unknown> {
  const s = config.rules[id];
  if (s === undefined || typeof s === 'string') return {};
  if (Array.isArray(s)) return s[1] ?? {};
  return s.options ?? {};
}

/** Reads a value at a dotted path (`seo.cluster`) from frontmatter. */
export function getPath(obj: Record<string, unknown> | null, path: string): unknown {
  if (!obj) return undefined;
  if (path in obj) return obj[path];
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
