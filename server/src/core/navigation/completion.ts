// Completion inside link destinations: pages written the way the repository writes links, and
// the headings of a destination after `#`.
import { detectLinkStyle, linkUrl, type LinkStyle } from '../fixes/linkStyle';
import type { SiteModel } from '../model';
import type { Span } from '../types';

export interface DestinationContext {
  /** What is typed so far between the opening delimiter and the cursor. */
  typed: string;
  /** Where the typed text starts. */
  start: number;
  syntax: 'markdown' | 'definition' | 'attribute';
}

export interface NavCompletion {
  kind: 'page' | 'heading';
  label: string;
  /** Replaces `replace` (the typed prefix, or the typed fragment after `#`). */
  insertText: string;
  replace: Span;
  detail: string;
  documentation: string;
  /** The page proposed, or whose heading is proposed. */
  file: string;
  sortText: string;
}

// Checked against the line up to the cursor. Attribute values: `href="`, `href={"`, `to='`.
const PATTERNS: { re: RegExp; syntax: DestinationContext['syntax'] }[] = [
  { re: /\]\(\s*<?([^\s()<>]*)$/, syntax: 'markdown' },
  { re: /^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s<>]*)$/, syntax: 'definition' },
  { re: /\b(?:href|to)\s*=\s*\{?\s*["'`]([^"'`\s]*)$/, syntax: 'attribute' },
];

/** The link destination being typed at `offset`, if any. */
export function destinationContext(text: string, offset: number): DestinationContext | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  for (const { re, syntax } of PATTERNS) {
    const m = re.exec(before);
    if (m) return { typed: m[1]!, start: offset - m[1]!.length, syntax };
  }
  return undefined;
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; i < needle.length && j < hay.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}

function describe(model: SiteModel, file: string): string {
  const parts = [file];
  const url = model.urlOf(file);
  if (url) parts.push(`URL: ${url}`);
  const c = model.clusterOf(file);
  if (c) parts.push(`Cluster ${c.cluster.name}${c.cluster.inferred ? ' (suggested)' : ''} · role ${c.member.role}`);
  else if (model.roles.get(file)?.role) parts.push(`Role ${model.roles.get(file)!.role}`);
  return parts.join('\n\n');
}

/** The style a new link should follow: what the user started typing wins over the repository's habit. */
function styleFor(model: SiteModel, file: string, typed: string): LinkStyle {
  const detected = detectLinkStyle(model, file);
  if (typed.startsWith('/')) return { ...detected, kind: 'url' };
  if (typed.startsWith('.')) return { ...detected, kind: 'file', dotSlash: true };
  return detected;
}

/**
 * Completion items at `offset` of `file` (whose current text is `text`). Filtering on the typed
 * prefix is loose (a subsequence match), so the client's own fuzzy filter sees every candidate.
 */
export function completionsAt(model: SiteModel, file: string, text: string, offset: number): { context: DestinationContext; items: NavCompletion[] } | undefined {
  const ctx = destinationContext(text, offset);
  if (!ctx) return undefined;
  const hash = ctx.typed.indexOf('#');
  if (hash >= 0) {
    const pathPart = ctx.typed.slice(0, hash);
    let dest: string | undefined = file;
    if (pathPart !== '') {
      const r = model.resolver.resolve(file, pathPart);
      dest = r.kind === 'page' ? r.file : undefined;
    }
    const page = dest ? model.pages.get(dest) : undefined;
    if (!page || !dest) return { context: ctx, items: [] };
    const replace = { start: ctx.start + hash + 1, end: offset };
    const items = page.headings.map((h, i): NavCompletion => ({
      kind: 'heading',
      label: h.slug,
      insertText: h.slug,
      replace,
      detail: `${'#'.repeat(h.depth)} ${h.text}`,
      documentation: `Heading of ${model.titleOf(dest!)} (${dest})`,
      file: dest!,
      sortText: String(i).padStart(5, '0'),
    }));
    return { context: ctx, items };
  }
  const typed = ctx.typed.toLowerCase();
  const style = styleFor(model, file, ctx.typed);
  const items: NavCompletion[] = [];
  for (const target of [...model.pages.keys()].sort()) {
    if (target === file) continue;
    const url = linkUrl(model, file, target, style);
    const title = model.titleOf(target);
    if (typed !== '' && !isSubsequence(typed, url.toLowerCase())) continue;
    items.push({
      kind: 'page',
      label: url,
      insertText: url,
      replace: { start: ctx.start, end: offset },
      detail: title,
      documentation: describe(model, target),
      file: target,
      sortText: url,
    });
  }
  return { context: ctx, items };
}
