// Search Console data mapped onto the site's pages. The project reads the CSV files (through the
// Workspace) and hands their rows to the model; this module maps URLs to pages once per model.
import type { SiteModel } from '../model';
import type { Range } from '../types';
import type { PageRow, QueryRow } from './import';

export { importPagesCsv, importQueriesCsv, type CsvProblem, type Imported, type PageRow, type QueryRow } from './import';
export { parseCount, parseDecimal, parsePercent } from './numbers';

/** What the project read from the configured exports. */
export interface SearchConsoleInput {
  pages?: { file: string; rows: PageRow[] };
  queries?: { file: string; rows: QueryRow[] };
  /** Unreadable or malformed exports, positioned in the CSV file or in pillarlink.json. */
  problems: { file: string; range: Range; message: string }[];
}

export interface PageMetrics {
  clicks: number;
  impressions: number;
  /** Clicks / impressions, or null without impressions. */
  ctr: number | null;
  /** Impression-weighted average position, or null when unknown. */
  position: number | null;
  /** The exported URLs that map to this page (several when parameters or aliases were exported). */
  urls: string[];
}

export interface QueryMetrics { query: string; clicks: number; impressions: number; position: number | null }

export interface SearchConsoleData {
  /** A pages export (or, without one, query rows) was loaded: pages absent from it had no impressions. */
  hasPages: boolean;
  hasQueries: boolean;
  pages: ReadonlyMap<string, PageMetrics>;
  /** Per page, its queries by impressions, largest first. */
  queries: ReadonlyMap<string, QueryMetrics[]>;
  /** Exported URLs that match no page, per CSV file. */
  unmatched: { file: string; urls: string[] }[];
}

const cache = new WeakMap<SiteModel, SearchConsoleData | null>();

/** The model's Search Console data, or undefined when no export is configured or readable. */
export function searchConsoleOf(model: SiteModel): SearchConsoleData | undefined {
  const cached = cache.get(model);
  if (cached !== undefined) return cached ?? undefined;
  const input = model.searchConsoleInput;
  const data = input && (input.pages || input.queries) ? mapSearchConsole(model, input) : null;
  cache.set(model, data);
  return data ?? undefined;
}

function stripWww(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/**
 * The page an exported URL stands for. URLs on `site.baseUrl` resolve like links; an export of
 * the www/non-www or http/https twin of the base URL (or any host when no base URL is set) is
 * matched by its path, since Search Console properties often cover both.
 */
export function pageForUrl(model: SiteModel, url: string): string | undefined {
  const res = model.resolver.resolve('', url);
  if (res.kind === 'page') return res.file;
  if (res.kind !== 'external') return undefined;
  let u: URL;
  try { u = new URL(url); } catch { return undefined; }
  const base = model.config.site.baseUrl;
  if (base) {
    let b: URL;
    try { b = new URL(base); } catch { return undefined; }
    if (stripWww(b.hostname) !== stripWww(u.hostname)) return undefined;
  }
  const again = model.resolver.resolve('', u.pathname + u.search + u.hash);
  return again.kind === 'page' ? again.file : undefined;
}

export function mapSearchConsole(model: SiteModel, input: SearchConsoleInput): SearchConsoleData {
  const urlCache = new Map<string, string | undefined>();
  const fileOf = (url: string) => {
    if (!urlCache.has(url)) urlCache.set(url, pageForUrl(model, url));
    return urlCache.get(url);
  };
  const unmatched: SearchConsoleData['unmatched'] = [];
  const pages = new Map<string, PageMetrics & { weighted: number; positioned: number }>();
  const add = (file: string, url: string, clicks: number, impressions: number, position: number | null) => {
    let m = pages.get(file);
    if (!m) pages.set(file, (m = { clicks: 0, impressions: 0, ctr: null, position: null, urls: [], weighted: 0, positioned: 0 }));
    m.clicks += clicks;
    m.impressions += impressions;
    if (!m.urls.includes(url)) m.urls.push(url);
    if (position !== null) {
      // Positions are averages over impressions; a row without impressions still counts once.
      const w = Math.max(impressions, 1e-9);
      m.weighted += position * w;
      m.positioned += w;
    }
  };
  const missed = (file: string, urls: Set<string>) => { if (urls.size > 0) unmatched.push({ file, urls: [...urls] }); };

  if (input.pages) {
    const miss = new Set<string>();
    for (const r of input.pages.rows) {
      const file = fileOf(r.url);
      if (file) add(file, r.url, r.clicks, r.impressions, r.position);
      else miss.add(r.url);
    }
    missed(input.pages.file, miss);
  }
  const queries = new Map<string, Map<string, QueryMetrics & { weighted: number; positioned: number }>>();
  if (input.queries) {
    const miss = new Set<string>();
    for (const r of input.queries.rows) {
      const file = fileOf(r.url);
      if (!file) { miss.add(r.url); continue; }
      // Without a pages export, page totals come from the query rows (an undercount: Search Console
      // leaves anonymised queries out of query rows).
      if (!input.pages) add(file, r.url, r.clicks, r.impressions, r.position);
      let byQuery = queries.get(file);
      if (!byQuery) queries.set(file, (byQuery = new Map()));
      const key = r.query.toLowerCase();
      let q = byQuery.get(key);
      if (!q) byQuery.set(key, (q = { query: r.query, clicks: 0, impressions: 0, position: null, weighted: 0, positioned: 0 }));
      q.clicks += r.clicks;
      q.impressions += r.impressions;
      if (r.position !== null) {
        const w = Math.max(r.impressions, 1e-9);
        q.weighted += r.position * w;
        q.positioned += w;
      }
    }
    missed(input.queries.file, miss);
  }
  const outPages = new Map<string, PageMetrics>();
  for (const [file, m] of pages) {
    outPages.set(file, { clicks: m.clicks, impressions: m.impressions, ctr: m.impressions > 0 ? m.clicks / m.impressions : null, position: m.positioned > 0 ? m.weighted / m.positioned : null, urls: m.urls });
  }
  const outQueries = new Map<string, QueryMetrics[]>();
  for (const [file, byQuery] of queries) {
    const list = [...byQuery.values()].map((q) => ({ query: q.query, clicks: q.clicks, impressions: q.impressions, position: q.positioned > 0 ? q.weighted / q.positioned : null }));
    list.sort((a, b) => b.impressions - a.impressions || b.clicks - a.clicks || a.query.localeCompare(b.query));
    outQueries.set(file, list);
  }
  return { hasPages: !!input.pages || !!input.queries, hasQueries: !!input.queries, pages: outPages, queries: outQueries, unmatched };
}

/** A page's top `n` queries by impressions (empty without query data). */
export function topQueries(gsc: SearchConsoleData | undefined, file: string, n = 5): QueryMetrics[] {
  return gsc?.queries.get(file)?.slice(0, n) ?? [];
}

/** Queries for which both pages get impressions, by their combined impressions, largest first. */
export function sharedQueries(gsc: SearchConsoleData | undefined, a: string, b: string): { query: string; a: QueryMetrics; b: QueryMetrics }[] {
  const qa = gsc?.queries.get(a), qb = gsc?.queries.get(b);
  if (!qa || !qb) return [];
  const byB = new Map(qb.map((q) => [q.query.toLowerCase(), q]));
  const out: { query: string; a: QueryMetrics; b: QueryMetrics }[] = [];
  for (const q of qa) {
    const o = byB.get(q.query.toLowerCase());
    if (o && q.impressions > 0 && o.impressions > 0) out.push({ query: q.query, a: q, b: o });
  }
  return out.sort((x, y) => y.a.impressions + y.b.impressions - (x.a.impressions + x.b.impressions));
}

/** One summary line for exported URLs that match no page, or undefined when all match. */
export function unmatchedSummary(data: SearchConsoleData, max = 3): string | undefined {
  if (data.unmatched.length === 0) return undefined;
  return data.unmatched.map((u) => `${u.urls.length} URL${u.urls.length === 1 ? '' : 's'} in ${u.file} match no page (${u.urls.slice(0, max).join(', ')}${u.urls.length > max ? ', …' : ''}); check site.baseUrl, or the pages were removed since the export.`).join(' ');
}
