// Rename edits as plain data: a heading (its text and every link to its fragment) and moved page
// files (inbound links, the page's own relative links, and an alias for the old URL).
import GithubSlugger from 'github-slugger';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { FileEdit } from '../fixes/types';
import { findFrontmatterField, frontmatterBlock } from '../frontmatterPositions';
import type { ResolvedLink, SiteModel } from '../model';
import { basename, dirname, isUnder, relativePath, stripExtension } from '../paths';
import { normalizeSitePath, safeDecode } from '../routing/resolver';
import type { HeadingFact, PageFacts, Span } from '../types';
import { PAGE_EXTENSIONS } from '../workspace';
import { headingAt, headingFor, linkAt } from './links';

export interface RenameTarget { file: string; heading: HeadingFact; /** What the cursor is on: the heading text, or a link's fragment. */ span: Span; placeholder: string }

/** The span of a heading's text inside its source line: no `#` markers, closing hashes or `{#id}`. */
export function headingTextSpan(text: string, h: HeadingFact): Span {
  const src = text.slice(h.span.start, h.span.end);
  const firstLine = src.split(/\r\n|\r|\n/)[0]!;
  let start = 0;
  let end = firstLine.length;
  const atx = /^ {0,3}#{1,6}(?:[ \t]+|$)/.exec(firstLine);
  if (atx) {
    start = atx[0].length;
    const closing = /[ \t]+#+[ \t]*$/.exec(firstLine.slice(start));
    if (closing) end = start + closing.index;
  } else {
    start = firstLine.length - firstLine.trimStart().length;
  }
  const id = /[ \t]*\{#[^}\s]+\}[ \t]*$/.exec(firstLine.slice(start, end));
  if (id) end = start + id.index;
  while (end > start && /[ \t]/.test(firstLine[end - 1]!)) end--;
  return { start: h.span.start + start, end: h.span.start + end };
}

/** Where a rename can start at `offset`: a heading, or the fragment of a link to a heading. */
export function prepareRename(model: SiteModel, file: string, text: string, offset: number): RenameTarget | undefined {
  const page = model.pages.get(file);
  if (!page) return undefined;
  const hit = linkAt(model, file, offset);
  if (hit?.part === 'destination' && hit.rl.res.kind === 'page' && hit.rl.res.fragment) {
    const target = hit.rl.res.file;
    const h = headingFor(model.pages.get(target), hit.rl.res.fragment);
    const frag = fragmentSpan(hit.rl);
    if (h && frag && offset >= frag.start) return { file: target, heading: h, span: frag, placeholder: h.text };
  }
  const h = headingAt(page, offset);
  if (!h) return undefined;
  const span = headingTextSpan(text, h);
  return { file, heading: h, span, placeholder: text.slice(span.start, span.end) };
}

/** The span of the fragment (after `#`) inside a link's destination, when it is written literally. */
export function fragmentSpan(rl: ResolvedLink): Span | undefined {
  const us = rl.link.urlSpan;
  const url = rl.link.url;
  const hash = url.indexOf('#');
  if (!us || hash < 0 || us.end - us.start !== url.length) return undefined;
  return { start: us.start + hash + 1, end: us.end };
}

function plain(markdown: string): string {
  try {
    return toString(fromMarkdown(markdown)).trim();
  } catch {
    return markdown.trim();
  }
}

/** The fragment ids of a page's headings, with one heading's text replaced, as the parser assigns them. */
function slugsWith(page: PageFacts, renamed: HeadingFact, newText: string): string[] {
  const slugger = new GithubSlugger();
  return page.headings.map((h) => {
    if (h.explicitId) {
      slugger.slug(h.explicitId);
      return h.explicitId;
    }
    return slugger.slug(h === renamed ? plain(newText) : h.text);
  });
}

function encodeLike(oldRaw: string, value: string): string {
  return /%[0-9a-f]{2}/i.test(oldRaw) ? encodeURIComponent(value) : value.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Renaming a heading: its text (when `edit` is the heading itself, in `text`), and every link to
 * every fragment of the page that changes as a result (duplicate headings shift their `-1` suffixes).
 */
export function renameHeading(model: SiteModel, file: string, text: string, heading: HeadingFact, newName: string): FileEdit[] {
  const page = model.pages.get(file);
  if (!page) return [];
  const edits: FileEdit[] = [{ file, span: headingTextSpan(text, heading), newText: newName }];
  const after = slugsWith(page, heading, newName);
  const changed = new Map<string, string>();
  page.headings.forEach((h, i) => {
    if (h.slug !== after[i]) changed.set(h.slug, after[i]!);
  });
  if (changed.size === 0) return edits;
  for (const links of model.outbound.values()) {
    for (const rl of links) {
      const r = rl.res;
      if (r.kind !== 'page' || r.file !== file || r.fragment === undefined) continue;
      const next = changed.get(r.fragment);
      const span = fragmentSpan(rl);
      if (next === undefined || !span) continue;
      edits.push({ file: rl.from, span, newText: encodeLike(rl.link.url.slice(rl.link.url.indexOf('#') + 1), next) });
    }
  }
  return dedupe(edits);
}

function dedupe(edits: FileEdit[]): FileEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.file}\n${e.span.start}\n${e.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface FileMove { from: string; to: string }

/** The canonical URL a page would have at another path, by the site's routing profile. */
export function urlAfterMove(model: SiteModel, page: PageFacts, to: string): string {
  const routes = model.resolver.profile.routesFor({ ...page, file: to }, model.resolver.ctx);
  const key = normalizeSitePath(routes[0]?.url ?? '/');
  return key === '/' ? '/' : `${key}/`;
}

const hasPageExt = (p: string) => PAGE_EXTENSIONS.some((e) => p.toLowerCase().endsWith(e));

/** Splits a destination into path and suffix (`?query#fragment`), as written. */
function splitUrl(url: string): { path: string; suffix: string } {
  const i = url.search(/[?#]/);
  return i < 0 ? { path: url, suffix: '' } : { path: url.slice(0, i), suffix: url.slice(i) };
}

/** A relative file destination from `fromFile` to `to`, written like `old` (extension, `./`, index folder). */
function relativeLike(old: string, fromFile: string, to: string): string {
  let rel = relativePath(dirname(fromFile), to);
  if (!hasPageExt(old) && hasPageExt(to)) {
    const noExt = stripExtension(rel);
    rel = /^(index|_index|readme)$/i.test(basename(noExt)) && old.endsWith('/') ? `${dirname(noExt) || '.'}/` : noExt;
  }
  if (!old.startsWith('./') && rel.startsWith('./') && rel !== './') rel = rel.slice(2);
  return rel;
}

/** A site URL written like `old` (trailing slash or not). */
function urlLike(old: string, url: string): string {
  if (url === '/' || old.endsWith('/')) return url;
  return url.replace(/\/$/, '');
}

/** A destination relative to page URL `fromUrl` (pretty URLs are folders) for site URL `to`. */
function urlRelative(fromUrl: string, to: string): string {
  const rel = relativePath(fromUrl.replace(/^\/|\/$/g, ''), to.replace(/^\/|\/$/g, '') || '.');
  return `${rel}/`.replace(/\/\/$/, '/');
}

/**
 * Edits for moving page files (`from` → `to`, workspace-relative). Each edit applies to the file
 * at its current path (a willRename edit lands before the move). `textOf` supplies the text of moved
 * pages, for the alias added to their frontmatter when the site uses `aliases` and the URL changes.
 */
export function renameFiles(model: SiteModel, moves: readonly FileMove[], textOf: (file: string) => string | undefined): FileEdit[] {
  const moved = new Map(moves.map((m) => [m.from, m.to] as const));
  const newUrl = new Map<string, string>();
  for (const m of moves) {
    const page = model.pages.get(m.from);
    if (page) newUrl.set(m.from, urlAfterMove(model, page, m.to));
  }
  const edits: FileEdit[] = [];
  for (const [from, links] of model.outbound) {
    const source = moved.get(from) ?? from;
    for (const rl of links) {
      const r = rl.res;
      if ((r.kind !== 'page' && r.kind !== 'asset') || !rl.link.urlSpan) continue;
      const us = rl.link.urlSpan;
      // Only destinations written literally can be rewritten in place.
      if (us.end - us.start !== rl.link.url.length) continue;
      const targetMoved = moved.has(r.file);
      if (!targetMoved && !moved.has(from)) continue;
      const target = moved.get(r.file) ?? r.file;
      const { path, suffix } = splitUrl(rl.link.url);
      if (path === '') continue;
      let next: string | undefined;
      const via = r.via;
      if (via === 'relative file path') {
        next = relativeLike(safeDecode(path), source, target);
      } else if (via.startsWith('relative to the page URL')) {
        const fromUrl = newUrl.get(from) ?? model.urlOf(from);
        const toUrl = r.kind === 'page' ? newUrl.get(r.file) ?? model.urlOf(r.file) : undefined;
        if (fromUrl && toUrl) next = urlRelative(fromUrl, toUrl);
      } else if (!targetMoved) {
        continue;
      } else if (via === 'file path from the workspace root') {
        next = `/${target}`;
      } else if (via.startsWith('file under the content root')) {
        const root = model.contentRoots.find((c) => isUnder(r.file, c) && isUnder(target, c));
        if (root !== undefined) next = `/${root === '' ? target : target.slice(root.length + 1)}`;
      } else if (via.startsWith('site URL') && r.kind === 'page') {
        const url = newUrl.get(r.file);
        if (url && url !== model.urlOf(r.file)) {
          const origin = /^(?:https?:)?\/\/[^/]+/i.exec(path)?.[0] ?? '';
          next = origin + urlLike(path, url);
        }
      }
      if (next === undefined) continue;
      if (/%[0-9a-f]{2}/i.test(path)) next = encodeURI(next);
      else next = next.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      if (next + suffix !== rl.link.url) edits.push({ file: from, span: us, newText: next + suffix });
    }
  }
  if (usesAliases(model)) {
    for (const m of moves) {
      const oldUrl = model.urlOf(m.from);
      const url = newUrl.get(m.from);
      const text = textOf(m.from);
      if (!oldUrl || !url || url === oldUrl || text === undefined) continue;
      const e = addAlias(text, oldUrl);
      if (e) edits.push({ file: m.from, ...e });
    }
  }
  return dedupe(edits);
}

/** The site redirects old URLs with `aliases` frontmatter when any page declares them. */
export function usesAliases(model: SiteModel): boolean {
  for (const p of model.pages.values()) {
    const a = p.frontmatter?.aliases;
    if ((typeof a === 'string' && a.trim() !== '') || (Array.isArray(a) && a.length > 0)) return true;
  }
  return false;
}

function yamlScalar(s: string): string {
  return /^[\w/.-]+$/.test(s) ? s : JSON.stringify(s);
}

/** The edit adding `url` to the `aliases` list of a page's frontmatter, keeping its layout. */
export function addAlias(text: string, url: string): { span: Span; newText: string } | undefined {
  const block = frontmatterBlock(text);
  if (!block) return { span: { start: 0, end: 0 }, newText: `---\naliases:\n  - ${yamlScalar(url)}\n---\n` };
  const toml = block.format === 'toml';
  const item = toml ? JSON.stringify(url) : yamlScalar(url);
  const field = findFrontmatterField(text, 'aliases');
  if (!field) {
    return { span: { start: block.contentEnd, end: block.contentEnd }, newText: toml ? `aliases = [${item}]${block.eol}` : `aliases:${block.eol}  - ${item}${block.eol}` };
  }
  const value = text.slice(field.valueSpan.start, field.valueSpan.end);
  if (field.valueKind === 'flow') {
    const close = field.valueSpan.start + value.lastIndexOf(']');
    if (value.lastIndexOf(']') < 0) return undefined;
    const empty = value.slice(1, value.lastIndexOf(']')).trim() === '';
    return { span: { start: close, end: close }, newText: empty ? item : `, ${item}` };
  }
  if (field.valueKind === 'plain' || field.valueKind === 'quoted') {
    const q = field.valueKind === 'quoted' ? 1 : 0;
    const span = { start: field.valueSpan.start - q, end: field.valueSpan.end + q };
    return { span, newText: `[${text.slice(span.start, span.end)}, ${item}]` };
  }
  // A block list (or an empty value): append an item after the last indented line, with its indent.
  let insertAt = field.lineSpan.end;
  let indent = '  ';
  const rest = text.slice(field.lineSpan.end, block.contentEnd);
  let at = field.lineSpan.end;
  for (const line of rest.split(/(?<=\n)/)) {
    const body = line.replace(/\r?\n$/, '');
    if (body.trim() !== '' && !/^[ \t]/.test(body) && !body.startsWith('-')) break;
    at += line.length;
    if (body.trim() !== '') {
      insertAt = at;
      indent = /^([ \t]*)-/.exec(body)?.[1] ?? indent;
    }
  }
  const needsEol = insertAt > 0 && !/[\r\n]$/.test(text.slice(0, insertAt));
  return { span: { start: insertAt, end: insertAt }, newText: `${needsEol ? block.eol : ''}${indent}- ${item}${block.eol}` };
}
