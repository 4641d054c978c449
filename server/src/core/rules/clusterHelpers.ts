// Shared by the cluster and link-structure rules: where to point a page-level finding, and which
// clusters may raise warnings at all.
import type { Cluster } from '../clusters';
import { findFrontmatterField } from '../frontmatterPositions';
import type { SiteModel } from '../model';
import type { PageFacts, Span } from '../types';

const START: Span = { start: 0, end: 0 };

/** Inferred clusters are suggestions: they stay silent unless the config asks for warnings. */
export function clusterWarns(model: SiteModel, cluster: Cluster): boolean {
  return !cluster.inferred || model.config.inferredWarnings;
}

/** The first H1, else the start of the page. */
export function headingSpan(page: PageFacts | undefined): Span {
  return page?.headings.find((h) => h.depth === 1)?.span ?? START;
}

/** The span from a frontmatter key to the end of its value, when the key is written in the page. */
export function fieldSpan(page: PageFacts | undefined, path: string): Span | undefined {
  if (!page?.frontmatterText) return undefined;
  const f = findFrontmatterField(page.frontmatterText, path);
  if (!f) return undefined;
  return { start: f.keySpan.start, end: Math.max(f.keySpan.end, f.valueSpan.end) };
}

/** The value of a frontmatter key as written (inside quotes), for precise highlights. */
export function fieldValueSpan(page: PageFacts | undefined, path: string): Span | undefined {
  if (!page?.frontmatterText) return undefined;
  const f = findFrontmatterField(page.frontmatterText, path);
  if (!f) return undefined;
  return f.valueSpan.end > f.valueSpan.start ? f.valueSpan : f.keySpan;
}

/** How to name a page in a message: its title and its URL (or file when it has none). */
export function describePage(model: SiteModel, file: string): string {
  return `"${model.titleOf(file)}" (${model.urlOf(file) ?? file})`;
}

/** Why a page is not indexed, for messages. */
export function unindexedReason(page: PageFacts | undefined): string {
  const fm = page?.frontmatter ?? {};
  if (fm.draft === true) return 'a draft';
  if (fm.unlisted === true) return 'unlisted';
  return 'marked noindex';
}
