// Links under the cursor, document links, definitions and references. Plain data in and out:
// locations are a file and an offset span into that page's text; the LSP adapter converts them.
import type { ResolvedLink, SiteModel } from '../model';
import { isMdx, normLabel } from '../parse/page';
import { positionAt } from '../positions';
import type { HeadingFact, PageFacts, Span } from '../types';

export interface NavLocation { file: string; span: Span; /** The link found there, for references. */ link?: ResolvedLink }

export type DocLinkTarget =
  | { kind: 'file'; file: string; /** Zero-based line of the heading a `#fragment` names. */ line?: number }
  | { kind: 'url'; url: string };

export interface DocLink { span: Span; target: DocLinkTarget; link: ResolvedLink }

const within = (span: Span | undefined, offset: number) => !!span && offset >= span.start && offset <= span.end;

/** The link whose destination (preferred) or whole text holds `offset`. */
export function linkAt(model: SiteModel, file: string, offset: number): { rl: ResolvedLink; part: 'destination' | 'link' } | undefined {
  const out = model.outbound.get(file) ?? [];
  const dest = out.find((rl) => within(rl.link.urlSpan, offset));
  if (dest) return { rl: dest, part: 'destination' };
  const whole = out.find((rl) => within(rl.link.span, offset));
  return whole ? { rl: whole, part: 'link' } : undefined;
}

export function headingAt(page: PageFacts, offset: number): HeadingFact | undefined {
  return page.headings.find((h) => within(h.span, offset));
}

export function headingFor(page: PageFacts | undefined, fragment: string): HeadingFact | undefined {
  return page?.headings.find((h) => h.slug === fragment || h.explicitId === fragment);
}

const BUILT_IN_VIA = new Set(['relative file path', 'file path from the workspace root', 'fragment on the same page', 'query on the same page']);

/**
 * Whether an editor's built-in Markdown support (VS Code's, which resolves links as file paths)
 * already follows this link: a `.md` source with a file-path destination, or an external URL.
 * Site URLs, frontmatter slugs and `.mdx` sources are what only Pillarlink resolves.
 */
export function builtInFollows(rl: ResolvedLink): boolean {
  if (isMdx(rl.from) || rl.link.kind === 'jsx') return false;
  const r = rl.res;
  if (r.kind === 'external' || r.kind === 'other-scheme') return true;
  if (r.kind === 'page' || r.kind === 'asset') return BUILT_IN_VIA.has(r.via);
  return false;
}

/** Clickable destinations of a page: internal ones to their file (and heading line), external ones to their URL. */
export function documentLinks(model: SiteModel, file: string): DocLink[] {
  const out: DocLink[] = [];
  const seen = new Set<number>();
  for (const rl of model.outbound.get(file) ?? []) {
    const span = rl.link.urlSpan;
    // Reference links share their definition's destination: one link per definition.
    if (!span || seen.has(span.start)) continue;
    const r = rl.res;
    let target: DocLinkTarget | undefined;
    if (r.kind === 'page') {
      const target_ = model.pages.get(r.file);
      const h = r.fragment ? headingFor(target_, r.fragment) : undefined;
      target = h && target_ ? { kind: 'file', file: r.file, line: positionAt(target_.lineStarts, target_.length, h.span.start).line } : { kind: 'file', file: r.file };
    } else if (r.kind === 'asset') {
      target = { kind: 'file', file: r.file };
    } else if (r.kind === 'external') {
      target = { kind: 'url', url: r.url.startsWith('//') ? `https:${r.url}` : r.url };
    } else if (r.kind === 'other-scheme' && /^(mailto|tel)$/.test(r.scheme)) {
      target = { kind: 'url', url: rl.link.url.trim() };
    }
    if (!target) continue;
    seen.add(span.start);
    out.push({ span, target, link: rl });
  }
  return out;
}

/** Where a resolved link leads: the heading its fragment names, else the start of the page or file. */
export function destinationOf(model: SiteModel, rl: ResolvedLink): NavLocation | undefined {
  const r = rl.res;
  if (r.kind === 'asset') return { file: r.file, span: { start: 0, end: 0 } };
  if (r.kind !== 'page') return undefined;
  const h = r.fragment ? headingFor(model.pages.get(r.file), r.fragment) : undefined;
  return { file: r.file, span: h ? h.span : { start: 0, end: 0 } };
}

/**
 * Go to definition: on a reference link `[x][label]`, its definition; on any other link (or on a
 * definition's destination), where the link leads.
 */
export function definitionAt(model: SiteModel, file: string, offset: number): { location: NavLocation; link: ResolvedLink; kind: 'definition' | 'destination' } | undefined {
  const hit = linkAt(model, file, offset);
  if (!hit) return undefined;
  const { rl, part } = hit;
  if (rl.link.kind === 'reference' && part === 'link' && rl.link.label !== undefined) {
    const label = normLabel(rl.link.label);
    const def = model.pages.get(file)?.definitions.find((d) => d.label === label);
    if (def) return { location: { file, span: def.span }, link: rl, kind: 'definition' };
  }
  const dest = destinationOf(model, rl);
  return dest ? { location: dest, link: rl, kind: 'destination' } : undefined;
}

export type ReferenceSubject =
  | { kind: 'page'; file: string }
  | { kind: 'heading'; file: string; heading: HeadingFact };

/** What references are asked for at a position: a link's destination, a heading (not the H1), else the page. */
export function referenceSubjectAt(model: SiteModel, file: string, offset: number): ReferenceSubject | undefined {
  const page = model.pages.get(file);
  if (!page) return undefined;
  const hit = linkAt(model, file, offset);
  if (hit) {
    const r = hit.rl.res;
    if (r.kind !== 'page') return undefined;
    const h = r.fragment ? headingFor(model.pages.get(r.file), r.fragment) : undefined;
    return h ? { kind: 'heading', file: r.file, heading: h } : { kind: 'page', file: r.file };
  }
  const h = headingAt(page, offset);
  if (h && !(h.depth === 1 && page.headings.find((x) => x.depth === 1) === h)) return { kind: 'heading', file, heading: h };
  return { kind: 'page', file };
}

/** Every link to a page (backlinks) or to a heading's fragment, from every page including its own. */
export function referencesOf(model: SiteModel, subject: ReferenceSubject, includeDeclaration: boolean): NavLocation[] {
  const out: NavLocation[] = [];
  const page = model.pages.get(subject.file);
  if (includeDeclaration) {
    if (subject.kind === 'heading') out.push({ file: subject.file, span: subject.heading.span });
    else {
      const h1 = page?.headings.find((h) => h.depth === 1);
      out.push({ file: subject.file, span: h1 ? h1.span : { start: 0, end: 0 } });
    }
  }
  if (subject.kind === 'page') {
    // A page's links to its own headings are not backlinks.
    for (const rl of model.inbound.get(subject.file) ?? []) if (rl.from !== subject.file) out.push({ file: rl.from, span: rl.link.span, link: rl });
    return out;
  }
  const h = subject.heading;
  for (const links of model.outbound.values()) {
    for (const rl of links) {
      const r = rl.res;
      if (r.kind === 'page' && r.file === subject.file && r.fragment !== undefined && (r.fragment === h.slug || r.fragment === h.explicitId)) {
        out.push({ file: rl.from, span: rl.link.span, link: rl });
      }
    }
  }
  return out;
}
