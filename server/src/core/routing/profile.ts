import type { PageFacts } from '../types';

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

/**
 * A site profile maps pages to the URLs the site serves them at. Profiles are pluggable:
 * the generic one below implements folder routing with frontmatter overrides; framework
 * profiles (Hugo, Docusaurus, Astro, Next.js, Jekyll) replace it.
 */
export interface SiteProfile {
  readonly name: string;
  routesFor(page: PageFacts, ctx: RoutingContext): Route[];
}
