import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import GithubSlugger from 'github-slugger';
import type { Nodes, Parents, Root, Heading } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';
import type { DefinitionFact, HeadingFact, LinkFact, PageFacts, ParseProblem, Placement, Span } from '../types';
import { computeLineStarts, stripBom } from '../positions';
import { parseTomlFrontmatter, parseYamlFrontmatter } from './frontmatter';
import { neutralizePathological, PARSE_LIMITS, tooDeepTags } from './limits';
import { preprocessMdx } from './mdxPreprocess';
import { scanSuppressions } from './suppressions';
import { withShortcodeLinks } from '../routing/shortcodes';
import { extensionsFor, gfmNeeds } from './scanExtensions';

export interface ParseOptions {
  /** JSX components that render links (`<Link href>`, `<Link to>`). */
  linkComponents: readonly string[];
  /** JSX components whose links are navigation (nav bars, footers, sidebars). */
  navigationComponents: readonly string[];
  /** Lower-cased headings that open a related-links section. */
  relatedHeadings: readonly string[];
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  linkComponents: ['Link'],
  navigationComponents: ['Nav', 'Footer', 'Sidebar'],
  relatedHeadings: ['related posts', 'further reading', 'see also', 'you may also like'],
};

const NAV_HTML_ELEMENTS = new Set(['nav', 'footer', 'header', 'aside']);

const mdExtensions = [frontmatter(['yaml', 'toml']), gfm()];
const mdMdastExtensions = [frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()];
const mdxExtensions = [mdxjs(), frontmatter(['yaml', 'toml']), gfm()];
const mdxMdastExtensions = [mdxFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()];

/** Extensions for a text: only the GFM constructs it can contain (scanExtensions.ts), or all of them. */
function syntaxFor(text: string, mdx: boolean, allGfm: boolean) {
  if (allGfm) return mdx ? { extensions: mdxExtensions, mdastExtensions: mdxMdastExtensions } : { extensions: mdExtensions, mdastExtensions: mdMdastExtensions };
  return extensionsFor(gfmNeeds(text), mdx);
}

/** Text content of a node without HTML, comments and expressions (they are not visible words). */
function toString(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'html' || n.type === 'mdxTextExpression' || n.type === 'mdxFlowExpression' || n.type === 'mdxjsEsm') continue;
    if (n.type === 'image') { out += n.alt ?? ''; continue; }
    if ('value' in n && typeof n.value === 'string') { out += n.value; continue; }
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

export function isMdx(file: string): boolean {
  return file.toLowerCase().endsWith('.mdx');
}

/** Extracts the facts of one page. Never throws: problems are returned as positioned facts. */
/** `allGfm` enables every GFM construct whatever the text holds (the reference for equivalence tests). */
export function parsePage(file: string, rawText: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS, allGfm = false): PageFacts {
  // Pathological lines are blanked (same length, so offsets hold) and reported.
  const guarded = neutralizePathological(stripBom(rawText));
  const text = guarded.text;
  const lineStarts = computeLineStarts(text);
  const problems: ParseProblem[] = [...guarded.problems];
  let tree: Root | undefined;
  let explicitIds = new Map<number, string>();
  if (isMdx(file)) {
    const pre = preprocessMdx(text);
    explicitIds = pre.explicitIds;
    const deep = tooDeepTags(pre.text);
    if (deep) {
      problems.push({ kind: 'parse-error', message: `MDX nests ${PARSE_LIMITS.maxTagNesting}+ tags here (limit ${PARSE_LIMITS.maxTagNesting}). The page was analysed as plain Markdown instead.`, span: { start: deep.offset, end: Math.min(text.length, deep.offset + 1) } });
    } else {
      try {
        tree = fromMarkdown(pre.text, syntaxFor(pre.text, true, allGfm));
      } catch (e) {
        problems.push(mdxProblem(e, text, lineStarts, text.length));
      }
    }
  }
  if (!tree) {
    try {
      tree = fromMarkdown(text, syntaxFor(text, false, allGfm));
    } catch (e) {
      // A RangeError is a stack overflow in the parser (nesting the limits did not catch).
      const why = e instanceof RangeError ? 'it nests too deeply for the parser' : e instanceof Error ? e.message : String(e);
      problems.push({ kind: 'parse-error', message: `Could not parse Markdown: ${why}. Links and headings of this page are not analysed.`, span: { start: 0, end: Math.min(1, text.length) } });
      tree = { type: 'root', children: [] };
    }
  }
  return factsFromTree(file, text, lineStarts, problems, tree, options, explicitIds);
}

/**
 * The facts of a parsed tree: the half of parsePage after parsing. The fast scanner (fastScan.ts)
 * builds the same tree for the pages it handles and extracts through here, so both agree.
 */
export function factsFromTree(file: string, text: string, lineStarts: number[], problems: ParseProblem[], tree: Root, options: ParseOptions, explicitIds: Map<number, string>): PageFacts {
  const extractor = new Extractor(text, lineStarts, options, explicitIds);
  extractor.run(tree);
  problems.push(...extractor.problems);
  const joined = extractor.textParts.join(' ');
  const facts: PageFacts = {
    file,
    frontmatter: extractor.frontmatter,
    ...(extractor.frontmatterSpan ? { frontmatterSpan: extractor.frontmatterSpan, frontmatterText: text.slice(extractor.frontmatterSpan.start, extractor.frontmatterSpan.end) } : {}),
    title: titleOf(extractor.frontmatter, extractor.h1),
    h1: extractor.h1,
    headings: extractor.headings,
    links: withShortcodeLinks(extractor.links, text),
    definitions: extractor.definitions,
    anchors: extractor.anchors,
    wordCount: countWords(joined),
    text: joined.replace(/\s+/g, ' ').trim(),
    problems,
    suppressions: scanSuppressions(text, lineStarts),
    lineStarts,
    length: text.length,
    // The body starts on the line after the closing fence, not at its line break.
    bodyStart: extractor.frontmatterSpan ? firstLineEnd(text, extractor.frontmatterSpan.end) : 0,
  };
  detachStrings(facts);
  return facts;
}

/**
 * Replaces, in place, every string of the facts that may be a slice of the page's text by a copy of
 * its own. V8 keeps a substring of 13 characters or more as a view of its parent, so one URL or
 * heading would keep the whole source (and, through it, nothing else) alive for as long as the
 * facts live: on MDN that is the whole 57 MB corpus. `text` is built by join and is its own.
 */
function detachStrings(facts: PageFacts): void {
  const own = (s: string): string => (s.length >= 13 ? (` ${s}`).slice(1) : s);
  // YAML aliases can make front matter share (or even cycle through) objects: each is walked once
  // there. The other facts are trees the extractor built, walked without the bookkeeping.
  let seen: Set<object> | undefined;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return own(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen) {
      if (seen.has(v)) return v;
      seen.add(v);
    }
    if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) v[i] = walk(v[i]); return v; }
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (typeof x === 'string') o[k] = own(x);
      else if (x !== null && typeof x === 'object') o[k] = walk(x);
    }
    return o;
  };
  for (const k of ['frontmatter', 'frontmatterText', 'title', 'h1', 'headings', 'links', 'definitions', 'anchors', 'problems', 'suppressions'] as const) {
    seen = k === 'frontmatter' ? new Set<object>() : undefined;
    const v = facts[k];
    if (v !== undefined && v !== null) (facts as unknown as Record<string, unknown>)[k] = walk(v);
  }
}

function titleOf(fm: Record<string, unknown> | null, h1: string | null): string | null {
  const t = fm?.title;
  if (typeof t === 'string' && t.trim() !== '') return t.trim();
  return h1;
}

function mdxProblem(e: unknown, text: string, lineStarts: number[], length: number): ParseProblem {
  const err = e as { reason?: string; message?: string; line?: number; column?: number; place?: { line?: number; column?: number; offset?: number; start?: { line: number; column: number } } };
  let line = err.line ?? err.place?.line ?? err.place?.start?.line;
  let column = err.column ?? err.place?.column ?? err.place?.start?.column;
  let start = 0;
  // Some errors (unclosed JSX tags) carry their position only in the reason: "… (17:1-17:22)".
  const inReason = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(err.reason ?? err.message ?? '');
  if (line === undefined && inReason) {
    line = Number(inReason[1]);
    column = Number(inReason[2]);
  }
  if (typeof err.place?.offset === 'number') start = err.place.offset;
  else if (typeof line === 'number' && line >= 1) {
    line = Math.min(line, lineStarts.length);
    column = typeof column === 'number' && column >= 1 ? column : 1;
    start = lineStarts[line - 1]! + column - 1;
  }
  return mdxProblemAt(text, start, (err.reason ?? err.message ?? String(e)).split('\n')[0]!, length);
}

/** The parse problem of an MDX error at `offset` (also used by the fast scanner, which knows the offset). */
export function mdxProblemAt(text: string, offset: number, reason: string, length = text.length): ParseProblem {
  let start = Math.max(0, Math.min(offset, length));
  // Never inside a surrogate pair (positions of the MDX expression parser may count code points).
  if (isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  const end = Math.min(length, start + (isHigh(text.charCodeAt(start)) && isLow(text.charCodeAt(start + 1)) ? 2 : 1));
  return { kind: 'parse-error', message: `MDX could not be parsed: ${reason}. The page was analysed as plain Markdown instead.`, span: { start, end } };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The words countWords counts, as a regular expression (the definition; the loop below counts the same without allocating). */
export const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
/** Per UTF-16 unit: 1 letter or digit, 2 CJK (a word on its own), 4 joins a word (' ’ -); filled on first sight. */
const CLASS = new Uint8Array(65536);
const CLASSIFIED = new Uint8Array(65536);

function classOf(c: number): number {
  if (CLASSIFIED[c] === 0) {
    const ch = String.fromCharCode(c);
    CLASS[c] = (LETTER_OR_DIGIT.test(ch) ? 1 : 0) | (CJK.test(ch) ? 2 : 0) | (c === 39 || c === 45 || c === 0x2019 ? 4 : 0);
    CLASSIFIED[c] = 1;
  }
  return CLASS[c]!;
}

/** How many WORD matches `text` holds: a table-driven pass, ~3× faster than matching and without the array of matches. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const ch = text.slice(i, i + 2);
      i++;
      k = (LETTER_OR_DIGIT.test(ch) ? 1 : 0) | (CJK.test(ch) ? 2 : 0);
    } else {
      k = classOf(c);
    }
    if (inWord) {
      if (k & 5) continue;
      inWord = false;
    }
    if (k & 2) n++;
    else if (k & 1) { n++; inWord = true; }
  }
  return n;
}

interface Ctx {
  placement: Placement;
  /** Span of the block that holds the current inline content (inline HTML is told from block HTML by it). */
  block?: Span;
}

const OPEN_TAG = /<([A-Za-z][\w.:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|\{((?:[^{}]|\{[^{}]*\})*)\}|([^\s"'=<>`]+)))?/g;

function parseAttributes(src: string): Map<string, { value: string | null; offset: number }> {
  const attrs = new Map<string, { value: string | null; offset: number }>();
  for (const m of src.matchAll(ATTR)) {
    const name = m[1]!;
    let value: string | null = m[2] ?? m[3] ?? m[5] ?? null;
    let valueOffset = -1;
    if (m[2] !== undefined || m[3] !== undefined) valueOffset = m.index + m[0].length - 1 - (m[2] ?? m[3])!.length;
    else if (m[5] !== undefined) valueOffset = m.index + m[0].length - m[5].length;
    if (m[4] !== undefined) {
      const lit = stringLiteral(m[4]);
      value = lit?.value ?? null;
      valueOffset = lit ? m.index + m[0].length - 1 - m[4].length + lit.offset : -1;
    }
    attrs.set(name, { value, offset: valueOffset });
  }
  return attrs;
}

/** The value of a JS string literal expression (`"x"`, `'x'`, `` `x` `` without substitutions). */
function stringLiteral(expr: string): { value: string; offset: number } | null {
  const m = /^(\s*)(["'`])((?:\\.|(?!\2)[^\\])*)\2\s*$/s.exec(expr);
  if (!m) return null;
  if (m[2] === '`' && m[3]!.includes('${')) return null;
  return { value: m[3]!.replace(/\\(.)/g, '$1'), offset: m[1]!.length + 1 };
}

class Extractor {
  readonly headings: HeadingFact[] = [];
  readonly links: LinkFact[] = [];
  readonly definitions: DefinitionFact[] = [];
  readonly anchors: string[] = [];
  readonly problems: ParseProblem[] = [];
  readonly textParts: string[] = [];
  frontmatter: Record<string, unknown> | null = null;
  frontmatterSpan: Span | undefined;
  h1: string | null = null;
  private readonly slugger = new GithubSlugger();
  private relatedDepth: number | null = null;
  private readonly refs: { link: LinkFact; identifier: string }[] = [];
  private readonly related: Set<string>;
  private readonly linkComponents: Set<string>;
  private readonly navComponents: Set<string>;

  constructor(
    private readonly text: string,
    private readonly lineStarts: number[],
    options: ParseOptions,
    private readonly explicitIds: Map<number, string>,
  ) {
    this.related = new Set(options.relatedHeadings.map(normHeading));
    this.linkComponents = new Set(options.linkComponents);
    this.navComponents = new Set(options.navigationComponents);
  }

  run(tree: Root): void {
    // Iterative pre-order walk: deep nesting cannot overflow the stack.
    const stack: [Nodes, Ctx][] = [[tree, { placement: 'content' }]];
    while (stack.length > 0) {
      const [node, ctx] = stack.pop()!;
      const childCtx = this.visit(node, ctx);
      if (childCtx && 'children' in node) {
        const kids = (node as Parents).children;
        if (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading') this.scanInlineHtml(kids as Nodes[], childCtx);
        for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as Nodes, childCtx]);
      }
    }
    // CommonMark: the first definition of a label wins.
    const defs = new Map<string, DefinitionFact>();
    for (const d of this.definitions) if (!defs.has(d.label)) defs.set(d.label, d);
    for (const { link, identifier } of this.refs) {
      const d = defs.get(identifier);
      if (d) {
        link.url = d.url;
        link.urlSpan = urlSpanOfDefinition(this.text, d);
      }
    }
  }

  private span(node: Nodes): Span | undefined {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return undefined;
    return { start: p.start.offset, end: p.end.offset };
  }

  /** Handles one node; returns the context for its children, or undefined to skip them. */
  private visit(node: Nodes, ctx: Ctx): Ctx | undefined {
    const span = this.span(node);
    if ((node.type as string) === 'toml') return this.frontmatterBlock('toml', (node as unknown as { value: string }).value, span);
    switch (node.type) {
      case 'root':
        return ctx;
      case 'yaml':
        return this.frontmatterBlock('yaml', node.value, span);
      case 'heading':
        return this.heading(node, span, ctx);
      case 'paragraph':
      case 'tableCell':
        return { placement: ctx.placement, ...(span ? { block: span } : {}) };
      case 'list':
        return ctx;
      case 'listItem': {
        if (ctx.placement === 'content' && this.isLinkOnlyItem(node)) return { placement: 'related' };
        return ctx;
      }
      case 'link':
      case 'linkReference':
      case 'image':
      case 'imageReference':
        this.markdownLink(node, span, ctx);
        return node.type === 'link' || node.type === 'linkReference' ? { ...ctx, placement: ctx.placement } : undefined;
      case 'definition':
        if (span) this.definitions.push({ label: normLabel(node.identifier), url: node.url, span });
        return undefined;
      case 'text':
        this.textParts.push(node.value);
        return undefined;
      case 'code':
      case 'inlineCode':
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return undefined;
      case 'html':
        if (span && !ctx.block) this.blockHtml(node.value, span.start, ctx);
        return undefined;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return this.jsx(node, span, ctx);
      default:
        return ctx;
    }
  }

  private frontmatterBlock(kind: 'yaml' | 'toml', value: string, span: Span | undefined): undefined {
    if (!span || span.start > 0 || this.frontmatterSpan) return undefined;
    this.frontmatterSpan = span;
    const valueStart = firstLineEnd(this.text, span.start);
    const result = kind === 'yaml'
      ? parseYamlFrontmatter(value, valueStart)
      : parseTomlFrontmatter(value, valueStart, (line) => lineOffsetIn(value, line));
    this.frontmatter = result.data;
    if (result.problem) this.problems.push(result.problem);
    return undefined;
  }

  private heading(node: Heading, span: Span | undefined, ctx: Ctx): Ctx {
    let text = toString(node).trim();
    let explicitId: string | undefined;
    const m = /\s*\{#([^}\s]+)\}\s*$/.exec(text);
    if (m) {
      explicitId = m[1]!;
      text = text.slice(0, m.index).trim();
    } else if (span) {
      const line = lineOf(this.lineStarts, span.start);
      explicitId = this.explicitIds.get(line);
    }
    const slug = explicitId ?? this.slugger.slug(text);
    if (explicitId) this.slugger.slug(explicitId);
    if (span) this.headings.push({ depth: node.depth, text, slug, ...(explicitId ? { explicitId } : {}), span });
    if (node.depth === 1 && this.h1 === null) this.h1 = text;
    if (ctx.placement !== 'navigation') {
      if (this.relatedDepth !== null && node.depth <= this.relatedDepth) this.relatedDepth = null;
      if (this.related.has(normHeading(text))) this.relatedDepth = node.depth;
    }
    this.textParts.push(text);
    return { placement: 'heading', ...(span ? { block: span } : {}) };
  }

  private effectivePlacement(ctx: Ctx): Placement {
    if (ctx.placement === 'content' && this.relatedDepth !== null) return 'related';
    return ctx.placement;
  }

  private isLinkOnlyItem(node: Nodes & { type: 'listItem' }): boolean {
    // A nested list under the link (a table of contents, a link tree) keeps it a link-list item.
    if (node.children.length === 0 || node.children.slice(1).some((c) => c.type !== 'list')) return false;
    const p = node.children[0]!;
    if (p.type !== 'paragraph') return false;
    const meaningful = p.children.filter((c) => !(c.type === 'text' && /^[\s.,;:!?·•|–—-]*$/.test(c.value)));
    if (meaningful.length !== 1) return false;
    const only = meaningful[0]!;
    if (only.type === 'link' || only.type === 'linkReference') return true;
    if ((only.type === 'emphasis' || only.type === 'strong') && only.children.length === 1) {
      const inner = only.children[0]!;
      return inner.type === 'link' || inner.type === 'linkReference';
    }
    const jsx = only as Nodes;
    return jsx.type === 'mdxJsxTextElement' && (jsx.name === 'a' || this.linkComponents.has(jsx.name ?? ''));
  }

  private markdownLink(node: Nodes & { type: 'link' | 'linkReference' | 'image' | 'imageReference' }, span: Span | undefined, ctx: Ctx): void {
    if (!span) return;
    const image = node.type === 'image' || node.type === 'imageReference';
    const raw = this.text.slice(span.start, span.end);
    const text = image ? ((node as { alt?: string | null }).alt ?? '') : toString(node).trim();
    let kind: LinkFact['kind'] = node.type === 'linkReference' || node.type === 'imageReference' ? 'reference' : 'inline';
    if (node.type === 'link' && !raw.startsWith('[')) kind = 'autolink';
    const link: LinkFact = {
      kind,
      url: 'url' in node ? node.url : '',
      hasHref: true,
      hasOnClick: false,
      image,
      text,
      span,
      placement: this.effectivePlacement(ctx),
    };
    if (kind === 'inline') {
      const us = inlineUrlSpan(this.text, node, span, image);
      if (us) link.urlSpan = us;
      const ts = inlineTextSpan(node, span, image);
      if (ts) link.textSpan = ts;
    } else if (kind === 'autolink') {
      link.urlSpan = raw.startsWith('<') ? { start: span.start + 1, end: span.end - 1 } : { ...span };
      link.textSpan = link.urlSpan;
    } else {
      const ref = node as { identifier: string; children?: unknown[] };
      link.label = ref.identifier;
      if (!image) {
        const ts = inlineTextSpan(node, span, false);
        if (ts) link.textSpan = ts;
      }
      this.refs.push({ link, identifier: normLabel(ref.identifier) });
    }
    this.links.push(link);
  }

  /** Inline HTML inside a paragraph: `<a href>` … `</a>` arrive as separate html nodes around the text. */
  private scanInlineHtml(kids: Nodes[], ctx: Ctx): void {
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type !== 'html') continue;
      const span = this.span(k);
      if (!span) continue;
      const open = /^<([A-Za-z][\w.:-]*)\b/.exec(k.value);
      const name = open?.[1];
      const selfContained = /<\/[A-Za-z][\w.:-]*\s*>\s*$/.test(k.value) || /\/>\s*$/.test(k.value);
      if (name && !selfContained && (name.toLowerCase() === 'a' || this.linkComponents.has(name))) {
        let j = i + 1;
        const closer = new RegExp(`^</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*>`, 'i');
        while (j < kids.length && !(kids[j]!.type === 'html' && closer.test((kids[j] as { value: string }).value))) j++;
        const end = j < kids.length ? this.span(kids[j]!)?.end ?? span.end : span.end;
        // Nested inline tags (`<b>`) are html nodes too: their markup is not anchor text.
        const inner = kids.slice(i + 1, j).filter((n) => n.type !== 'html').map((n) => toString(n)).join('').replace(/\s+/g, ' ').trim();
        const first = kids[i + 1] ? this.span(kids[i + 1]!) : undefined;
        const last = j - 1 > i ? this.span(kids[j - 1]!) : undefined;
        this.htmlElement(name, k.value, span.start, { start: span.start, end }, inner, ctx, first && last ? { start: first.start, end: last.end } : undefined);
        i = j;
      } else {
        this.blockHtml(k.value, span.start, ctx);
      }
    }
  }

  /** HTML (or JSX in a Markdown fallback) scanned as text: every `<a>` and every element with an onclick. */
  private blockHtml(value: string, offset: number, ctx: Ctx): void {
    if (/^<!--/.test(value)) return;
    OPEN_TAG.lastIndex = 0;
    for (const m of value.matchAll(OPEN_TAG)) {
      const name = m[1]!;
      const isLink = name.toLowerCase() === 'a' || this.linkComponents.has(name);
      if (!isLink && !/\bon[cC]lick\s*=/.test(m[2]!)) {
        const id = /\sid\s*=\s*["']([^"']+)["']/.exec(m[2]!);
        if (id) this.anchors.push(id[1]!);
        continue;
      }
      const start = offset + m.index;
      let end = start + m[0].length;
      let inner = '';
      let innerSpan: Span | undefined;
      if (m[3] !== '/') {
        const closeRe = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*>`, 'i');
        // The closing tag is looked for nearby only: many nested links would otherwise be quadratic.
        const rest = value.slice(m.index + m[0].length, m.index + m[0].length + 5000);
        const c = closeRe.exec(rest);
        if (c) {
          const rawInner = rest.slice(0, c.index);
          inner = rawInner.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
          innerSpan = { start: end, end: end + c.index };
          end = end + c.index + c[0].length;
        }
      }
      this.htmlElement(name, m[0], start, { start, end }, inner, ctx, innerSpan);
    }
  }

  private htmlElement(name: string, openTag: string, tagOffset: number, span: Span, text: string, ctx: Ctx, textSpan: Span | undefined): void {
    const attrsSrc = openTag.replace(/^<[A-Za-z][\w.:-]*/, '');
    const attrs = parseAttributes(attrsSrc);
    const attrBase = tagOffset + (openTag.length - attrsSrc.length);
    const hrefAttr = attrs.get('href') ?? (name !== 'a' ? attrs.get('to') : undefined);
    const hasOnClick = [...attrs.keys()].some((k) => k.toLowerCase() === 'onclick');
    const isLink = name.toLowerCase() === 'a' || this.linkComponents.has(name);
    const anchorId = attrs.get('id')?.value ?? (name.toLowerCase() === 'a' ? attrs.get('name')?.value : undefined);
    if (anchorId) this.anchors.push(anchorId);
    // `<a id="x"></a>` is a fragment target, not a link.
    if (isLink && !hrefAttr && !hasOnClick && anchorId) return;
    if (isLink && name.toLowerCase() !== 'a' && !hrefAttr && !hasOnClick) return;
    if (!isLink && !hasOnClick) return;
    if (!isLink && hrefAttr) return;
    const link: LinkFact = {
      kind: 'html',
      url: hrefAttr?.value ?? '',
      hasHref: hrefAttr !== undefined && hrefAttr.value !== null,
      hasOnClick,
      image: false,
      text,
      span,
      placement: this.effectivePlacement(ctx),
      element: name,
    };
    if (hrefAttr && hrefAttr.offset >= 0 && hrefAttr.value !== null) link.urlSpan = { start: attrBase + hrefAttr.offset, end: attrBase + hrefAttr.offset + hrefAttr.value.length };
    if (textSpan) link.textSpan = textSpan;
    this.links.push(link);
  }

  /**
   * Where an attribute's literal value sits in the source, from the attribute's own position
   * (searching the element's source would find the same text in another attribute or the children).
   * For `href={"x"}`, `expr` is the expression source and `litOffset` where the literal starts in it.
   */
  private jsxValueSpan(a: MdxJsxAttribute, value: string, expr: { source: string; litOffset: number } | null): { valueSpan?: Span } {
    const e = a.position?.end.offset;
    if (e === undefined) return {};
    // A string value ends before its closing quote; an expression's source ends before the `}`.
    const start = expr ? e - 1 - expr.source.length + expr.litOffset : e - 1 - value.length;
    const span = { start, end: start + value.length };
    // Values with escapes or entities are not written literally: no exact span then.
    return this.text.slice(span.start, span.end) === value ? { valueSpan: span } : {};
  }

  private jsx(node: Nodes & { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }, span: Span | undefined, ctx: Ctx): Ctx {
    const name = node.name ?? '';
    let childPlacement = ctx.placement;
    if (this.navComponents.has(name) || NAV_HTML_ELEMENTS.has(name)) childPlacement = 'navigation';
    const attrs = new Map<string, { value: string | null; dynamic: boolean; valueSpan?: Span }>();
    for (const a of node.attributes as (MdxJsxAttribute | MdxJsxExpressionAttribute)[]) {
      if (a.type !== 'mdxJsxAttribute') continue;
      if (a.value === null || a.value === undefined) attrs.set(a.name, { value: null, dynamic: false });
      else if (typeof a.value === 'string') attrs.set(a.name, { value: a.value, dynamic: false, ...this.jsxValueSpan(a, a.value, null) });
      else {
        const lit = stringLiteral(a.value.value);
        attrs.set(a.name, lit ? { value: lit.value, dynamic: false, ...this.jsxValueSpan(a, lit.value, { source: a.value.value, litOffset: lit.offset }) } : { value: null, dynamic: true });
      }
    }
    const isLink = name === 'a' || this.linkComponents.has(name);
    const href = attrs.get('href') ?? (name !== 'a' ? attrs.get('to') : undefined);
    const hasOnClick = attrs.has('onClick') || attrs.has('onclick');
    const anchorId = attrs.get('id')?.value ?? (name === 'a' ? attrs.get('name')?.value : undefined);
    if (anchorId) this.anchors.push(anchorId);
    const isAnchorOnly = isLink && !href && !hasOnClick && !!anchorId;
    // A link component without href/to is a wrapper (e.g. a card around a Markdown link), not a link.
    const isWrapper = isLink && name !== 'a' && !href && !hasOnClick;
    if (span && !isAnchorOnly && !isWrapper && (isLink || (hasOnClick && !href)) && !href?.dynamic) {
      const text = toString(node).trim();
      const link: LinkFact = {
        kind: 'jsx',
        url: href?.value ?? '',
        hasHref: href !== undefined && href.value !== null,
        hasOnClick,
        image: false,
        text,
        span,
        placement: this.effectivePlacement({ ...ctx, placement: ctx.placement }),
        element: name,
      };
      if (href?.valueSpan) link.urlSpan = href.valueSpan;
      const kids = node.children;
      if (kids.length > 0) {
        const f = this.span(kids[0] as Nodes);
        const l = this.span(kids[kids.length - 1] as Nodes);
        if (f && l) link.textSpan = { start: f.start, end: l.end };
      }
      this.links.push(link);
    }
    const block = node.type === 'mdxJsxTextElement' ? ctx.block : span;
    return { placement: childPlacement, ...(block ? { block } : {}) };
  }
}

function normHeading(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim();
}

export function normLabel(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function firstLineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (nl < 0 && cr < 0) return text.length;
  if (cr >= 0 && (nl < 0 || cr < nl)) return text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
  return nl + 1;
}

function lineOffsetIn(source: string, line: number): number {
  const starts = computeLineStarts(source);
  return starts[Math.min(Math.max(line, 0), starts.length - 1)]!;
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function inlineTextSpan(node: Nodes, span: Span, image: boolean): Span | undefined {
  if (image) return undefined;
  const kids = (node as Parents).children ?? [];
  if (kids.length === 0) return { start: span.start + 1, end: span.start + 1 };
  const f = kids[0]!.position?.start.offset;
  const l = kids[kids.length - 1]!.position?.end.offset;
  return f !== undefined && l !== undefined ? { start: f, end: l } : undefined;
}

/** `/\s/` for one UTF-16 unit, without a regex for ASCII. */
function isWhitespace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** Finds the literal destination of `[text](dest "title")` in the source. */
function inlineUrlSpan(text: string, node: Nodes, span: Span, image: boolean): Span | undefined {
  const kids = (node as Parents).children ?? [];
  let i: number;
  if (image) {
    // ![alt](dest): the alt has no child nodes; find the `](` that closes the alt.
    i = text.indexOf('](', span.start);
  } else {
    const lastEnd = kids.length > 0 ? kids[kids.length - 1]!.position?.end.offset : span.start + 1;
    if (lastEnd === undefined) return undefined;
    i = text.indexOf('](', lastEnd);
  }
  if (i < 0 || i >= span.end) return undefined;
  let s = i + 2;
  while (s < span.end && isWhitespace(text.charCodeAt(s))) s++;
  if (text[s] === '<') {
    const e = text.indexOf('>', s + 1);
    return e > 0 && e < span.end ? { start: s + 1, end: e } : undefined;
  }
  let e = s;
  let depth = 0;
  while (e < span.end) {
    const c = text[e]!;
    if (c === '\\') { e += 2; continue; }
    if (isWhitespace(text.charCodeAt(e))) break;
    if (c === '(') depth++;
    else if (c === ')') { if (depth === 0) break; depth--; }
    e++;
  }
  return { start: s, end: Math.min(e, span.end) };
}

function urlSpanOfDefinition(text: string, d: DefinitionFact): Span | undefined {
  const raw = text.slice(d.span.start, d.span.end);
  const colon = raw.indexOf(']:');
  if (colon < 0) return undefined;
  let s = colon + 2;
  while (s < raw.length && /\s/.test(raw[s]!)) s++;
  if (raw[s] === '<') {
    const e = raw.indexOf('>', s);
    return e > 0 ? { start: d.span.start + s + 1, end: d.span.start + e } : undefined;
  }
  let e = s;
  while (e < raw.length && !/\s/.test(raw[e]!)) e++;
  return { start: d.span.start + s, end: d.span.start + e };
}
