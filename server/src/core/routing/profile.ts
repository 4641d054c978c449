import type { PageFacts } from '../types';

/** Where a redirect or rewrite rule sends a path, and which rule it is. */
export interface RedirectHit {
  to: string;
  /** "rewrite /a/:x → /b/:x in next.config.mjs" */
  via: string;
}

/** A URL a page is served at, and which routing rule produced it (for explanations). */
export interface Route {
  /** Site path starting with `/`, before normalisation. */
  url: string;
  via: string;
}

export interface RoutingContext {
  contentRoots: readonly string[];
  /** Path prefix of the site's base URL (`/docs` for https://x.org/docs/), '' when none. */
  basePath: string;
}

/** A URL the site serves without a Markdown page behind it (a Docusaurus generated index). */
export interface VirtualRoute {
  url: string;
  /** The file that declares the route (for explanations and "go to"). */
  file: string;
  via: string;
  /** Every URL under `url` too (`/blog/tags/…`, `/blog/page/2`). */
  prefix?: boolean;
}

/**
 * A site profile maps pages to the URLs the site serves them at. Profiles are pluggable:
 * the generic one implements folder routing with frontmatter overrides; framework profiles
 * (Hugo, Docusaurus, Astro, Next.js, Jekyll, MDN) replace it. Everything beyond `routesFor`
 * is optional and describes how the framework resolves links.
 */
export interface SiteProfile {
  readonly name: string;
  /** Why this profile applies (detection evidence), for `explain` and the docs. */
  readonly detectedBy?: string;
  /** Site routes of a page; the first one is its canonical URL. An empty list: not served. */
  routesFor(page: PageFacts, ctx: RoutingContext): Route[];
  /** Path prefix from the framework config (Docusaurus baseUrl, Astro base, Jekyll baseurl, Hugo baseURL). */
  readonly basePath?: string;
  /** Old site path → new site path (normalised), followed when no page answers the old one. */
  readonly redirects?: ReadonlyMap<string, string>;
  /**
   * Pattern redirects and rewrites (Next.js `redirects()`/`rewrites()`, a redirects JSON): the
   * target of a normalised site path, if one applies; with the rule's own explanation when given.
   */
  redirect?(path: string): string | RedirectHit | undefined;
  /** Where the redirects come from, for explanations. */
  readonly redirectsSource?: string;
  /** Folders tried, after the page's own, for relative file links (`x.md` → `<root>/x.md`). */
  fileLinkRoots?(fromFile: string): readonly string[];
  /** Folders holding the framework's pages, indexed besides the detected content roots. */
  readonly contentDirs?: readonly string[];
  /** Folders served as-is at the site root (workspace paths), besides pillarlink.json's staticDirs. */
  readonly staticDirs?: readonly string[];
  /** Path prefixes standing for folders, like Docusaurus' `@site/` → the site folder. */
  readonly pathAliases?: ReadonlyMap<string, string>;
  /** URLs served without a page file. */
  virtualRoutes?(): readonly VirtualRoute[];
  /** The locale of a page on an i18n site; undefined for a single-language site. */
  localeOf?(file: string): string | undefined;
  /** Files that would hold the same page in another locale (candidates, existing or not). */
  counterpartsOf?(file: string, locale: string): readonly string[];
  /**
   * Routes served by code or with parameters (Next.js `app/[slug]/page.tsx`, Astro
   * `src/pages/[...slug].astro`), tried after pages, files and redirects. `servesPages(prefix)`
   * says whether Markdown pages are routed under a URL prefix; skipped candidates go to `tried`.
   */
  matchRoute?(path: string, servesPages: (prefix: string) => boolean, tried: string[]): { file: string; via: string; isPage: boolean } | undefined;
  /** A remark on how the framework treats a link to a page, written as the link is (Astro `trailingSlash`). */
  urlNote?(writtenPath: string): string | undefined;
  /** The folder `{% link path %}` tags start from (Jekyll's site source); the workspace root when absent. */
  readonly templateRoot?: string;
  /** The site serves an unprefixed URL in the reader's locale (Next.js i18n middleware). */
  readonly localizesUnprefixedUrls?: boolean;
  /** Locales whose prefix (`/fr/…`) can start a site URL, lowercased. */
  readonly localePrefixes?: readonly string[];
}
