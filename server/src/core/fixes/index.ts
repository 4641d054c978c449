// Code actions of the core: for a finding (rebuilt from its rule, range and data), the fixes that
// resolve it; the "link to the target" refactoring; and fix-all. Pure: edits are offset spans.
import type { ResolvedLink } from '../model';
import { dirname, isUnder, joinPath, stripExtension, basename } from '../paths';
import { safeDecode } from '../routing/resolver';
import { computeLineStarts, offsetAt, spanToRange } from '../positions';
import type { LinkFact, Range, Span } from '../types';
import { isPagePath } from '../workspace';
import { setFrontmatterValue } from './frontmatterEdit';
import { anchorCandidates, descriptiveAnchor, Idf, intentOfPage, linkInsertions } from './linkInsertion';
import { detectLinkStyle, escapeAnchor, linkUrl, markdownLink, type LinkStyle } from './linkStyle';
import { closestFragments, closestPages } from './similar';
import type { FileEdit, FindingRef, Fix, FixContext } from './types';
import { terms } from './words';

export type { FileEdit, FindingRef, Fix, FixContext } from './types';
export { applyEdits } from './apply';

/** Rules whose findings get a link-to-target insertion. */
export const LINK_UP_RULES = ['missing-target-link', 'target-link-in-boilerplate-only'];

/** The target a support page should link up to, or undefined when it has none. */
export function targetOf(ctx: FixContext, file: string, data?: Record<string, unknown>): string | undefined {
  const t = data?.target;
  if (typeof t === 'string' && ctx.model.pages.has(t) && t !== file) return t;
  const c = ctx.model.clusterOf(file);
  if (!c || c.isTarget) return undefined;
  return c.cluster.targets.find((x) => x !== file);
}

/** Up to three link insertions to the target (the first preferred), else one fallback sentence. Only the top insertion for a missing link is safe for fix-all. */
export function linkToTargetFixes(ctx: FixContext, file: string, kind: Fix['kind'], rule: string | null, limit = 3): Fix[] {
  const target = targetOf(ctx, file);
  const text = ctx.textOf(file);
  if (!target || text === undefined) return [];
  // Never a second contextual link to the same destination.
  if (ctx.model.linkKind(file, target) === 'content') return [];
  const r = linkInsertions(ctx.model, file, text, target, limit);
  if (r.candidates.length > 0) return r.candidates.map((c, i) => ({ title: c.title, kind, rule, edits: [c.edit], preferred: i === 0, safe: i === 0 && rule === 'missing-target-link' }));
  return r.fallback ? [{ title: r.fallback.title, kind, rule, edits: [r.fallback.edit], preferred: true, safe: false }] : [];
}

function linkAt(ctx: FixContext, file: string, f: FindingRef): ResolvedLink | undefined {
  const links = ctx.model.outbound.get(file) ?? [];
  const page = ctx.model.pages.get(file);
  const i = f.data?.linkIndex;
  const url = f.data?.url;
  if (typeof i === 'number' && links[i] && (typeof url !== 'string' || links[i]!.link.url === url)) return links[i];
  if (!page) return undefined;
  // Stale index: find the link at the finding's position.
  const at = offsetAt(page.lineStarts, page.length, undefined, f.range.start);
  return links.find((l) => l.link.span.start <= at && at <= l.link.span.end && (typeof url !== 'string' || l.link.url === url));
}

/** The style of an existing link: a file path with extension, or a site URL with or without a trailing slash. */
function styleOfUrl(url: string, fallback: LinkStyle): LinkStyle {
  const path = url.split(/[?#]/)[0]!;
  if (path === '') return fallback;
  if (isPagePath(path)) return { ...fallback, kind: 'file', dotSlash: path.startsWith('./') || path.startsWith('../') ? path.startsWith('./') || fallback.dotSlash : false };
  if (path.startsWith('/')) return { ...fallback, kind: 'url', trailingSlash: path.endsWith('/') };
  return fallback;
}

function yamlString(s: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.'()?!&-]*$/u.test(s) && !/:\s|\s#/.test(s) ? s : JSON.stringify(s);
}

function humanize(file: string): string {
  const b = basename(stripExtension(file));
  const name = /^(index|_index|readme)$/i.test(b) ? basename(dirname(file)) : b;
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function removeLinkFix(ctx: FixContext, file: string, rule: string, link: LinkFact): Fix | undefined {
  const text = ctx.textOf(file);
  if (text === undefined || link.image || !link.textSpan || link.kind === 'autolink') return undefined;
  const inner = text.slice(link.textSpan.start, link.textSpan.end);
  if (inner.trim() === '') return undefined;
  return { title: 'Remove link, keep text', kind: 'quickfix', rule, edits: [{ file, span: link.span, newText: inner }], preferred: true, safe: rule === 'repeated-link' };
}

/** The fixes of one finding of `file`, best first. */
export function fixesForFinding(ctx: FixContext, file: string, f: FindingRef): Fix[] {
  const { model } = ctx;
  const roleKey = model.config.frontmatter.role;
  const clusterKey = model.config.frontmatter.cluster;
  switch (f.rule) {
    case 'missing-target-link':
    case 'target-link-in-boilerplate-only':
      return linkToTargetFixes(ctx, file, 'quickfix', f.rule);
    case 'broken-link': {
      const l = linkAt(ctx, file, f);
      if (!l || !l.link.urlSpan || l.res.kind !== 'broken') return [];
      const url = l.link.url;
      const hash = url.indexOf('#');
      const fragment = hash >= 0 ? url.slice(hash + 1) : undefined;
      const style = styleOfUrl(url, detectLinkStyle(model, file));
      const out: Fix[] = closestPages(model, url, l.link.text, 3).map((m, i) => {
        const newUrl = linkUrl(model, file, m.file, style, fragment);
        return { title: `Change to ${newUrl} (${model.titleOf(m.file)})`, kind: 'quickfix' as const, rule: f.rule, edits: [{ file, span: l.link.urlSpan!, newText: newUrl }], preferred: i === 0, safe: false };
      });
      const create = createPageFix(ctx, file, url, l.link.text);
      if (create) out.push({ ...create, rule: f.rule });
      return out;
    }
    case 'broken-fragment': {
      const l = linkAt(ctx, file, f);
      if (!l || !l.link.urlSpan || l.res.kind !== 'page') return [];
      const target = model.pages.get(l.res.file);
      if (!target) return [];
      const raw = ctx.textOf(file)?.slice(l.link.urlSpan.start, l.link.urlSpan.end) ?? l.link.url;
      const hash = raw.indexOf('#');
      if (hash < 0) return [];
      const slugs = closestFragments([...target.headings.map((h) => h.slug), ...target.anchors], l.res.fragment ?? raw.slice(hash + 1));
      return slugs.map((s, i) => ({
        title: `Change to #${s}`, kind: 'quickfix' as const, rule: f.rule,
        edits: [{ file, span: { start: l.link.urlSpan!.start + hash + 1, end: l.link.urlSpan!.end }, newText: s }],
        preferred: i === 0, safe: slugs.length === 1,
      }));
    }
    case 'generic-anchor':
      return genericAnchorFixes(ctx, file, f);
    case 'repeated-link':
    case 'too-many-links': {
      const l = linkAt(ctx, file, f);
      const fix = l && removeLinkFix(ctx, file, f.rule, l.link);
      return fix ? [fix] : [];
    }
    case 'unknown-role': {
      const s = f.data?.suggestion;
      const text = ctx.textOf(file);
      if (typeof s !== 'string' || text === undefined) return [];
      const edit = setFrontmatterValue(file, text, roleKey, s);
      return edit ? [{ title: `Change role to ${s}`, kind: 'quickfix', rule: f.rule, edits: [edit], preferred: true, safe: true }] : [];
    }
    case 'cluster-without-target':
    case 'multiple-targets': {
      const c = model.clusterOf(file);
      const text = ctx.textOf(file);
      if (!c || text === undefined) return [];
      const edits: FileEdit[] = [];
      // A page with a target role (tool, service, pillar) keeps it; others become `target`.
      const self = c.isTarget ? undefined : setFrontmatterValue(file, text, roleKey, 'target', clusterKey);
      if (self) edits.push(self);
      else if (!c.isTarget) return [];
      if (f.rule === 'multiple-targets') {
        for (const t of c.cluster.targets) {
          if (t === file) continue;
          const tt = ctx.textOf(t);
          const e = tt === undefined ? undefined : setFrontmatterValue(t, tt, roleKey, 'support', clusterKey);
          if (e) edits.push(e);
        }
      }
      if (edits.length === 0) return [];
      const other = edits.some((e) => e.file !== file);
      return [{ title: `Make this page the target of ${c.cluster.name}`, kind: 'quickfix', rule: f.rule, edits, preferred: true, safe: false, ...(other ? { needsConfirmation: true } : {}) }];
    }
    case 'orphan-page': {
      const fix = orphanFix(ctx, file);
      return fix ? [{ ...fix, rule: f.rule }] : [];
    }
    default:
      return [];
  }
}

function createPageFix(ctx: FixContext, file: string, url: string, linkText: string): Omit<Fix, 'rule'> | undefined {
  if (url.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  const path = safeDecode(url.split(/[?#]/)[0]!);
  const resolved = joinPath(dirname(file), path);
  if (resolved === null || !isPagePath(resolved) || ctx.model.files.has(resolved)) return undefined;
  if (!ctx.model.contentRoots.some((r) => isUnder(resolved, r))) return undefined;
  const text = linkText.trim();
  const title = text !== '' ? text.charAt(0).toUpperCase() + text.slice(1) : humanize(resolved);
  return { title: `Create page ${resolved}`, kind: 'quickfix', edits: [], creates: [{ file: resolved, text: `---\ntitle: ${yamlString(title)}\n---\n` }], safe: false };
}

function genericAnchorFixes(ctx: FixContext, file: string, f: FindingRef): Fix[] {
  const l = linkAt(ctx, file, f);
  const text = ctx.textOf(file);
  const page = ctx.model.pages.get(file);
  if (!l || !l.link.textSpan || text === undefined || !page || l.res.kind !== 'page') return [];
  const intent = intentOfPage(ctx.model, l.res.file);
  // A phrase of the surrounding sentence that names the destination becomes the anchor.
  const block = sentenceBlock(text, l.link.span);
  const without = text.slice(0, l.link.span.start) + ' '.repeat(l.link.span.end - l.link.span.start) + text.slice(l.link.span.end);
  const phrase = anchorCandidates(file, without, intent, Idf.ofModel(ctx.model), ctx.model.config.relatedHeadings, 10)
    .find((c) => c.span.start >= block.start && c.span.end <= block.end);
  const inner = text.slice(l.link.textSpan.start, l.link.textSpan.end);
  if (phrase && l.link.kind === 'inline') {
    const dest = text.slice(l.link.span.start + (l.link.textSpan.end - l.link.span.start) + 2, l.link.span.end - 1);
    return [{ title: `Move the link to "${phrase.anchor}"`, kind: 'quickfix', rule: f.rule, preferred: true, safe: false, edits: sortEdits([
      { file, span: l.link.span, newText: inner },
      { file, span: phrase.span, newText: markdownLink(phrase.anchor, dest) },
    ]) }];
  }
  const anchor = descriptiveAnchor(intent);
  return [{ title: `Use "${anchor}" as the anchor`, kind: 'quickfix', rule: f.rule, preferred: true, safe: false, edits: [{ file, span: l.link.textSpan, newText: l.link.kind === 'html' || l.link.kind === 'jsx' ? anchor.replace(/[<>{}&]/g, '') : escapeAnchor(anchor) }] }];
}

/** The paragraph-ish block (between blank lines) around a span. */
function sentenceBlock(text: string, span: Span): Span {
  const before = text.lastIndexOf('\n\n', span.start);
  const after = text.indexOf('\n\n', span.end);
  return { start: before < 0 ? 0 : before + 2, end: after < 0 ? text.length : after };
}

function sortEdits(edits: FileEdit[]): FileEdit[] {
  return [...edits].sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start);
}

/** Adds a contextual link to an orphan page from the best source: its cluster first, then the most relevant page. */
function orphanFix(ctx: FixContext, orphan: string): Omit<Fix, 'rule'> | undefined {
  const { model } = ctx;
  const intent = intentOfPage(model, orphan);
  const idf = Idf.ofModel(model);
  const relevance = (file: string): number => {
    const p = model.pages.get(file)!;
    const stems = new Set(terms(`${p.title ?? ''} ${p.text}`));
    let s = 0;
    for (const [st, w] of intent.vocabulary) if (stems.has(st)) s += w * idf.get(st);
    return s;
  };
  const c = model.clusterOf(orphan);
  const tier = (file: string): number => {
    const o = model.clusterOf(file);
    if (!c || !o || o.cluster !== c.cluster) return 2;
    return o.isTarget ? 0 : 1;
  };
  const sources = [...model.pages.keys()]
    .filter((f) => f !== orphan && !model.isUnindexed(f) && model.linkKind(f, orphan) === 'none')
    .map((f) => ({ f, tier: tier(f), rel: relevance(f) }))
    .filter((s) => s.tier < 2 || s.rel > 0)
    .sort((a, b) => a.tier - b.tier || b.rel - a.rel || a.f.localeCompare(b.f))
    .slice(0, 8);
  let fallback: Omit<Fix, 'rule'> | undefined;
  for (const s of sources) {
    const text = ctx.textOf(s.f);
    if (text === undefined) continue;
    const r = linkInsertions(model, s.f, text, orphan, 1, idf);
    const title = `Add a link from ${model.titleOf(s.f)}`;
    const cand = r.candidates[0];
    if (cand) return { title, kind: 'quickfix', edits: [cand.edit], preferred: true, safe: false, needsConfirmation: true };
    if (!fallback && r.fallback) fallback = { title, kind: 'quickfix', edits: [r.fallback.edit], preferred: true, safe: false, needsConfirmation: true };
  }
  return fallback;
}

/** The "link to the target" refactoring, offered anywhere in a support page's body. */
export function refactorings(ctx: FixContext, file: string, range: Range): Fix[] {
  const page = ctx.model.pages.get(file);
  if (!page) return [];
  const at = offsetAt(page.lineStarts, page.length, undefined, range.start);
  if (at < page.bodyStart) return [];
  return linkToTargetFixes(ctx, file, 'refactor.rewrite', null);
}

/** For a page with too many links, "Remove link, keep text" on the link at `range`. */
export function removeLinkAt(ctx: FixContext, file: string, range: Range): Fix[] {
  const page = ctx.model.pages.get(file);
  if (!page) return [];
  const at = offsetAt(page.lineStarts, page.length, undefined, range.start);
  const link = page.links.find((l) => !l.image && l.span.start <= at && at <= l.span.end);
  const fix = link && removeLinkFix(ctx, file, 'too-many-links', link);
  return fix ? [fix] : [];
}

/** The top link insertion, for the `pillarlink.linkToTarget` command. */
export function linkToTarget(ctx: FixContext, file: string): Fix | undefined {
  return linkToTargetFixes(ctx, file, 'quickfix', null, 1)[0];
}

/** Safe fixes of a file's findings, without overlapping edits, as one fix. */
export function fixAll(ctx: FixContext, file: string, findings: readonly FindingRef[]): { fix: Fix; applied: { rule: string; title: string; edits: FileEdit[] }[] } | undefined {
  const chosen: { rule: string; title: string; edits: FileEdit[] }[] = [];
  const taken: Span[] = [];
  const seenLinkUp = new Set<string>();
  for (const f of findings) {
    if (LINK_UP_RULES.includes(f.rule)) {
      // One link insertion per page, even when several findings ask for it.
      if (seenLinkUp.has(file)) continue;
      seenLinkUp.add(file);
    }
    const fix = fixesForFinding(ctx, file, f).find((x) => x.safe);
    if (!fix || fix.creates?.length || fix.edits.some((e) => e.file !== file)) continue;
    if (fix.edits.some((e) => taken.some((t) => e.span.start < t.end && t.start < e.span.end || (e.span.start === t.start && e.span.end === t.end)))) continue;
    for (const e of fix.edits) taken.push(e.span);
    chosen.push({ rule: f.rule, title: fix.title, edits: fix.edits });
  }
  if (chosen.length === 0) return undefined;
  return { fix: { title: 'Fix all safe Pillarlink problems', kind: 'source.fixAll.pillarlink', rule: null, edits: sortEdits(chosen.flatMap((c) => c.edits)), safe: true }, applied: chosen };
}

/** Converts a span of `text` to an LSP-style range. */
export function rangeOf(text: string, span: Span): Range {
  return spanToRange(computeLineStarts(text), text.length, span);
}

export { insertionTitle } from './linkInsertion';
