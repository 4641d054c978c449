// The prose of a page, where a link may be written: paragraphs of the body (also inside list items
// and block quotes), split into sentences and into runs of plain text. Headings, code, existing
// links, JSX/HTML, frontmatter, tables with links and related/navigation sections are left out.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { toString } from 'mdast-util-to-string';
import type { Nodes, Parents, Root } from 'mdast';
import { isMdx } from '../parse/page';
import { preprocessMdx } from '../parse/mdxPreprocess';
import type { Span } from '../types';
import { tokenize, type Token } from './words';

export interface Sentence {
  span: Span;
  /** Words of the sentence (all of them, for context and "whole sentence" checks). */
  words: Token[];
  /** Runs of words a link may wrap: consecutive words separated only by spaces or hyphens, in plain text. */
  chunks: Token[][];
  /** The sentence already holds a link. */
  hasLink: boolean;
}

export interface ProseBlock {
  span: Span;
  sentences: Sentence[];
}

export interface Prose {
  blocks: ProseBlock[];
  /** Where the body starts (after frontmatter) and ends, for position scoring. */
  bodyStart: number;
  bodyEnd: number;
}

const BOUNDARY = /[.!?。！？](?=\s|$)|\n\s*\n/g;
const LINKISH = new Set(['link', 'linkReference', 'html', 'mdxJsxTextElement', 'mdxJsxFlowElement', 'image', 'imageReference', 'footnoteReference']);

function parse(file: string, text: string): Root {
  if (isMdx(file)) {
    try {
      return fromMarkdown(preprocessMdx(text).text, { extensions: [mdxjs(), frontmatter(['yaml', 'toml']), gfm()], mdastExtensions: [mdxFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()] });
    } catch {
      // Fall through: the page is analysed as Markdown, as parsePage does.
    }
  }
  try {
    return fromMarkdown(text, { extensions: [frontmatter(['yaml', 'toml']), gfm()], mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()] });
  } catch {
    return { type: 'root', children: [] };
  }
}

function spanOf(n: Nodes): Span | undefined {
  const s = n.position?.start.offset;
  const e = n.position?.end.offset;
  return s === undefined || e === undefined ? undefined : { start: s, end: e };
}

function normHeading(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim();
}

function hasLinkInside(n: Nodes): boolean {
  if (LINKISH.has(n.type) && n.type !== 'image' && n.type !== 'imageReference') return true;
  return 'children' in n && (n as Parents).children.some((c) => hasLinkInside(c as Nodes));
}

function isLinkOnlyItem(n: Nodes): boolean {
  if (n.type !== 'listItem' || n.children.length !== 1 || n.children[0]!.type !== 'paragraph') return false;
  const kids = n.children[0]!.children.filter((c) => !(c.type === 'text' && /^[\s.,;:!?·•|–—-]*$/.test(c.value)));
  return kids.length === 1 && hasLinkInside(kids[0] as Nodes);
}

/** Extracts the prose of a page. `relatedHeadings` are compared lower-cased without punctuation. */
export function proseOf(file: string, text: string, relatedHeadings: readonly string[]): Prose {
  const tree = parse(file, text);
  const related = new Set(relatedHeadings.map(normHeading));
  const blocks: ProseBlock[] = [];
  let bodyStart = 0;
  let relatedDepth: number | null = null;
  const walk = (n: Nodes): void => {
    switch (n.type) {
      case 'yaml':
      case 'toml' as never:
        bodyStart = spanOf(n)?.end ?? 0;
        return;
      case 'heading': {
        if (relatedDepth !== null && n.depth <= relatedDepth) relatedDepth = null;
        if (related.has(normHeading(toString(n)))) relatedDepth = n.depth;
        return;
      }
      case 'paragraph': {
        if (relatedDepth !== null) return;
        const block = paragraph(text, n);
        if (block) blocks.push(block);
        return;
      }
      case 'listItem':
        if (isLinkOnlyItem(n)) return;
        break;
      case 'table':
        if (hasLinkInside(n)) return;
        break;
      case 'code':
      case 'html':
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxJsxFlowElement':
      case 'definition':
        return;
      default:
        break;
    }
    if ('children' in n) for (const c of (n as Parents).children) walk(c as Nodes);
  };
  walk(tree);
  // A table cell is not a paragraph; tables without links are left out as well (cells are not prose).
  return { blocks, bodyStart, bodyEnd: text.length };
}

function paragraph(text: string, p: Nodes & { type: 'paragraph' }): ProseBlock | undefined {
  const span = spanOf(p);
  if (!span) return undefined;
  const runs: Span[] = [];
  const links: Span[] = [];
  const collect = (n: Nodes): void => {
    if (n.type === 'text') {
      const s = spanOf(n);
      if (s) runs.push(s);
      return;
    }
    if (LINKISH.has(n.type)) {
      const s = spanOf(n);
      if (s && n.type !== 'image' && n.type !== 'imageReference') links.push(s);
      return;
    }
    if (n.type === 'inlineCode' || n.type === 'mdxTextExpression') return;
    if ('children' in n) for (const c of (n as Parents).children) collect(c as Nodes);
  };
  collect(p);
  // An HTML/JSX element opened in this paragraph hides its content from plain text positions.
  const src = text.slice(span.start, span.end);
  const sentences: Sentence[] = [];
  let from = 0;
  const bounds: number[] = [];
  for (const m of src.matchAll(BOUNDARY)) bounds.push(m.index + m[0].length);
  bounds.push(src.length);
  for (const b of bounds) {
    if (b <= from) continue;
    let s = from;
    while (s < b && /\s/.test(src[s]!)) s++;
    const sSpan = { start: span.start + s, end: span.start + b };
    from = b;
    if (sSpan.end <= sSpan.start) continue;
    const words = tokenize(text.slice(sSpan.start, sSpan.end), sSpan.start);
    const hasLink = links.some((l) => l.start < sSpan.end && l.end > sSpan.start);
    const chunks: Token[][] = [];
    for (const r of runs) {
      const start = Math.max(r.start, sSpan.start);
      const end = Math.min(r.end, sSpan.end);
      if (end <= start) continue;
      const raw = text.slice(start, end);
      let toks = tokenize(raw, start);
      // Character references (`&amp;`) are not words, nor is what a template tag holds: MDN macros
      // (`{{domxref("Node.firstChild")}}`), Liquid tags and Hugo shortcodes render as something else.
      if (raw.includes('&') || raw.includes('{')) {
        const masked = [...raw.matchAll(/&#?\w+;|\{\{[^]*?\}\}|\{%[^]*?%\}/g)].map((m) => ({ start: start + m.index, end: start + m.index + m[0].length }));
        toks = toks.filter((t) => !masked.some((r2) => t.start < r2.end && t.end > r2.start));
      }
      let cur: Token[] = [];
      for (const t of toks) {
        const prev = cur[cur.length - 1];
        // Words join across spaces, one line break, hyphens and in-word punctuation ("Node.js", "4.0.0").
        if (prev && !/^(?:[ \t]*(?:\r\n|\r|\n)?[ \t>]*|-|[./_+@])$/.test(text.slice(prev.end, t.start))) {
          chunks.push(cur);
          cur = [];
        }
        cur.push(t);
      }
      if (cur.length > 0) chunks.push(cur);
    }
    sentences.push({ span: sSpan, words, chunks, hasLink });
  }
  return { span, sentences };
}
