// Routes whose URL has parameters (`[slug]`, `[...slug]`, `[[...slug]]` in Next.js and Astro) and
// routes served by code files (page.tsx, route.ts, .astro pages): matched against a link's path
// after every page and file lookup failed, the way the framework's router falls back to them.

/** One segment of a file-system route. */
export type Segment =
  | { kind: 'static'; value: string; caseInsensitive?: boolean }
  | { kind: 'param'; name: string }
  | { kind: 'catch-all'; name: string; optional: boolean };

export interface FileRoute {
  /** The file that serves the route (page.tsx, [slug].mdx, route.ts, [...path].astro). */
  file: string;
  segments: Segment[];
  /** How the framework names this kind of route, for explanations ("Next.js app router"). */
  where: string;
  /** A Markdown page (kind 'page' when it answers) or code (kind 'asset'). */
  isPage: boolean;
  /** The route as its file writes it (`/[...slug]`), when that differs from the segments' form. */
  pattern?: string;
}

/** `[slug]` → param, `[...slug]` → catch-all, `[[...slug]]` → optional catch-all, else static. */
export function parseSegment(s: string): Segment {
  const opt = /^\[\[\.\.\.([^\]]+)\]\]$/.exec(s);
  if (opt) return { kind: 'catch-all', name: opt[1]!, optional: true };
  const all = /^\[\.\.\.([^\]]+)\]$/.exec(s);
  if (all) return { kind: 'catch-all', name: all[1]!, optional: false };
  const one = /^\[([^\]]+)\]$/.exec(s);
  if (one) return { kind: 'param', name: one[1]! };
  return { kind: 'static', value: s };
}

export const isDynamic = (segs: readonly Segment[]) => segs.some((s) => s.kind !== 'static');

/** `/download/archive/[version]` for explanations. */
export function routePattern(segs: readonly Segment[]): string {
  return `/${segs.map((s) => (s.kind === 'static' ? s.value : s.kind === 'param' ? `[${s.name}]` : s.optional ? `[[...${s.name}]]` : `[...${s.name}]`)).join('/')}`;
}

export interface RouteMatch { route: FileRoute; params: string; via: string }

export interface MatcherOptions {
  /** Lowercased locale codes: a leading `[param]` stands for the locale (an i18n site). */
  locales: ReadonlySet<string>;
  /** The unprefixed URL is served in the default locale (i18n middleware / default locale without prefix). */
  defaultLocale?: string;
}

/**
 * Matches site paths against file-system routes in the framework's order of precedence: more
 * static segments first, then single parameters before catch-alls. A catch-all whose static
 * prefix also serves Markdown pages is the renderer of those pages (`app/[...slug]/page.tsx`
 * reading `content/`): it would answer every URL, so it does not make a missing page resolve.
 */
export class RouteMatcher {
  private readonly routes: FileRoute[];

  constructor(routes: readonly FileRoute[], private readonly opts: MatcherOptions) {
    const rank = (r: FileRoute) => {
      const statics = r.segments.filter((s) => s.kind === 'static').length;
      const catchAll = r.segments.some((s) => s.kind === 'catch-all') ? 1 : 0;
      const optional = r.segments.some((s) => s.kind === 'catch-all' && s.optional) ? 1 : 0;
      return [-statics, catchAll, optional, r.segments.length] as const;
    };
    this.routes = [...routes].sort((a, b) => {
      const ra = rank(a), rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
    });
  }

  get size(): number {
    return this.routes.length;
  }

  /**
   * The route serving `path` (normalised, no base path), or undefined. `servesPages(prefix)` says
   * whether Markdown pages are routed under a URL prefix (`/blog`, '' for the whole site).
   * Catch-alls skipped for that reason are added to `tried`.
   */
  match(path: string, servesPages: (prefix: string) => boolean, tried: string[]): RouteMatch | undefined {
    const parts = path.split('/').filter((x) => x !== '');
    for (const route of this.routes) {
      const shown = route.pattern ?? routePattern(route.segments);
      for (const attempt of this.localeVariants(route.segments)) {
        const params = matchSegments(attempt.segs, parts);
        if (params === undefined) continue;
        const all = attempt.segs.find((s) => s.kind === 'catch-all');
        if (all) {
          const prefix = staticPrefix(attempt.segs);
          if (servesPages(prefix)) {
            const note = `${route.file} (catch-all ${shown}: it renders the Markdown pages under ${prefix || '/'} and none is at this URL)`;
            if (!tried.includes(note)) tried.push(note);
            continue;
          }
        }
        const values = [attempt.locale ? `locale ${attempt.locale}` : '', params].filter((x) => x !== '').join(', ');
        return {
          route,
          params: values,
          via: `${route.isPage ? 'dynamic page' : 'dynamic route'} ${shown} of ${route.where} (${route.file}${values ? `; ${values}` : ''}${isDynamic(attempt.segs) ? ': the parameter values are not checked, the code decides whether the page exists' : ''})`,
        };
      }
    }
    return undefined;
  }

  /** A leading `[param]` on an i18n site is the locale: a known locale, or absent for the default one. */
  private localeVariants(segs: Segment[]): { segs: Segment[]; locale?: string }[] {
    const first = segs[0];
    if (this.opts.locales.size === 0 || first?.kind !== 'param') return [{ segs }];
    const rest = segs.slice(1);
    const out: { segs: Segment[]; locale?: string }[] = [...this.opts.locales].map((l) => ({ segs: [{ kind: 'static' as const, value: l, caseInsensitive: true }, ...rest], locale: l }));
    if (this.opts.defaultLocale !== undefined) out.push({ segs: rest, locale: `${this.opts.defaultLocale} (default, no prefix)` });
    return out;
  }
}

/** The parameter values (`version = current`) when the segments match, else undefined. */
function matchSegments(segs: readonly Segment[], parts: readonly string[]): string | undefined {
  const values: string[] = [];
  let i = 0;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    if (s.kind === 'static') {
      const part = parts[i];
      if (part === undefined || (s.caseInsensitive ? part.toLowerCase() !== s.value : part !== s.value)) return undefined;
      i++;
    } else if (s.kind === 'param') {
      if (parts[i] === undefined) return undefined;
      values.push(`${s.name} = ${parts[i]}`);
      i++;
    } else {
      // A catch-all is the last segment in both frameworks.
      const rest = parts.slice(i);
      if (rest.length === 0 && !s.optional) return undefined;
      values.push(`${s.name} = ${rest.length === 0 ? '(none)' : rest.join('/')}`);
      i = parts.length;
    }
  }
  return i === parts.length ? values.join(', ') : undefined;
}

/** `/blog` for [locale]/blog/[...path]: the URL prefix a catch-all covers (locale variant applied). */
function staticPrefix(segs: readonly Segment[]): string {
  const out: string[] = [];
  for (const s of segs) {
    if (s.kind !== 'static') break;
    out.push(s.value);
  }
  return out.length === 0 ? '' : `/${out.join('/')}`;
}
