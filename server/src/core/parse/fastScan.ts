// A fast scanner for the cold index. For the pages it can read exactly as parsePage's micromark
// does (CommonMark with frontmatter and tabs, GFM tables, strikethrough, task lists, footnotes and
// literal autolinks, and MDX), it builds the same mdast tree, as far as the extractor looks at it,
// and extracts through the same code (`factsFromTree`), so the facts are identical. MDX whose first
// error the scanner can place (an expression no `}` closes) is read as parsePage reads it: the error
// reported, the page parsed as Markdown. What it does not reproduce (constructs spanning lines in odd
// places, other MDX errors, …) makes it bail out, and parsePage reads the page. The rules follow
// micromark's tokenizers (named in the comments), including where micromark departs from the
// CommonMark spec; the corpora, test/perf/fast-scan.test.ts, test/fuzz/scanner-constructs.fuzz.test.ts
// and differential fuzzing against parsePage found those departures.
import { Parser } from 'acorn';
import acornJsx from 'acorn-jsx';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { parseEntities } from 'parse-entities';
import { cont as idContinue, start as idBegin } from 'estree-util-is-identifier-name';
import { classifyCharacter } from 'micromark-util-classify-character';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { decodeString } from 'micromark-util-decode-string';
import { unicodePunctuation, unicodeWhitespace } from 'micromark-util-character';
import { htmlBlockNames, htmlRawNames } from 'micromark-util-html-tag-name';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Root } from 'mdast';
import type { PageFacts, ParseProblem } from '../types';
import { computeLineStarts, stripBom } from '../positions';
import { neutralizePathological, tooDeepTags } from './limits';
import { preprocessMdx } from './mdxPreprocess';
import { factsFromTree, isMdx, mdxProblemAt, parsePage, type ParseOptions } from './page';

/** The facts of a page when the scanner can read it exactly as parsePage does, else null. */
export function scanPage(file: string, rawText: string, options: ParseOptions): PageFacts | null {
  const r = scanPageOrReason(file, rawText, options);
  return typeof r === 'string' ? null : r;
}

/** The facts of a page: from the fast scanner when it accepts the page, else from parsePage. */
export function indexPage(file: string, rawText: string, options: ParseOptions): PageFacts {
  return scanPage(file, rawText, options) ?? parsePage(file, rawText, options);
}

/** Like scanPage, but says why a page was left to parsePage (for reports and tests). */
export function scanPageOrReason(file: string, rawText: string, options: ParseOptions): PageFacts | string {
  const guarded = neutralizePathological(stripBom(rawText));
  if (guarded.problems.length > 0) return 'pathological';
  const text = guarded.text;
  // micromark reads NUL as U+FFFD in every value.
  if (text.includes('\u0000')) return 'NUL character';
  // micromark skips a second byte-order mark, which shifts all its offsets.
  if (text.charCodeAt(0) === 0xfeff) return 'byte-order mark';
  const mdx = isMdx(file);
  // MDX is read after parsePage's same-length preprocessing ({#id} headings, HTML comments).
  // preprocessMdx changes nothing without `<!--` or `{#` (and costs a pass that builds every line).
  const pre = !mdx ? undefined : text.includes('<!--') || text.includes('{#') ? preprocessMdx(text) : { text, explicitIds: new Map<number, string>() };
  if (pre && tooDeepTags(pre.text)) return 'deep tags';
  const linkComponents = new Set(options.linkComponents);
  let tree: Root;
  const problems: ParseProblem[] = [];
  try {
    tree = new BlockScanner(pre ? pre.text : text, mdx, linkComponents).run();
  } catch (e) {
    if (e instanceof Bail) return e.reason;
    if (!(e instanceof MdxError)) throw e;
    // MDX that micromark rejects: parsePage reports the error and reads the page as Markdown.
    problems.push(mdxErrorProblem(e, text));
    try {
      tree = new BlockScanner(text, false, linkComponents).run();
    } catch (e2) {
      if (e2 instanceof Bail) return e2.reason;
      throw e2;
    }
  }
  return factsFromTree(file, text, computeLineStarts(text), problems, tree, options, pre ? pre.explicitIds : new Map());
}

class Bail {
  constructor(readonly reason: string) {}
}

/**
 * The error micromark throws on this MDX (when the scanner can prove it is the first one), with
 * its place: parsePage then reports it and reads the page as Markdown.
 */
class MdxError {
  constructor(readonly reason: string, readonly offset: number) {}
}

/** parsePage's problem for an MDX error (page.ts's mdxProblem, for an error with an offset). */
function mdxErrorProblem(e: MdxError, text: string): ParseProblem {
  return mdxProblemAt(text, e.offset, e.reason);
}

function bail(reason: string): never {
  throw new Bail(reason);
}

// ---------------------------------------------------------------------------------------------
// Tree nodes: plain mdast objects with offsets only (the extractor reads nothing else).

interface Pos { start: { offset: number }; end: { offset: number } }
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  position?: Pos;
  url?: string;
  alt?: string;
  identifier?: string;
  label?: string;
  referenceType?: string;
  depth?: number;
  name?: string | null;
  attributes?: JsxAttribute[];
}

interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value: string | null | { type: 'mdxJsxAttributeValueExpression'; value: string };
  position: Pos;
}

function at(start: number, end: number): Pos {
  return { start: { offset: start }, end: { offset: end } };
}

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

const isSpaceOrTab = (c: number) => c === SPACE || c === TAB;
const isEol = (c: number) => c === LF || c === CR;
const isAsciiAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiAlphanumeric = (c: number) => isAsciiAlpha(c) || isAsciiDigit(c);
const isAsciiHexDigit = (c: number) => isAsciiDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isAsciiPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const isAsciiControl = (c: number) => c < 32 || c === 127;
// micromark's `asciiAtext`: /[#-'*+\--9=?A-Z^-~]/.
const isAsciiAtext = (c: number) => (c >= 35 && c <= 39) || c === 42 || c === 43 || (c >= 45 && c <= 57) || c === 61 || c === 63 || (c >= 65 && c <= 90) || (c >= 94 && c <= 126);

/**
 * A line of paragraph-like content: where its text starts, where it ends (before the line ending),
 * where the next line starts, and where it starts after container prefixes (before indentation),
 * with the virtual spaces of a tab they took in part (`pv`); whether a tab is in that indentation.
 */
interface Seg { s: number; e: number; nl: number; p?: number; lazy?: boolean; tab?: boolean; pv?: number }

// ---------------------------------------------------------------------------------------------
// Block structure.

const enum K { Root, Quote, Item, Footnote }

interface Cont {
  kind: K;
  node: MNode;
  /** The list still open among this container's children, with its kind. */
  list: MNode | null;
  listOrdered: boolean;
  listMarker: number;
  /** List items: content indent, and micromark's blank-line state. */
  size: number;
  initialBlank: boolean;
  furtherBlank: boolean;
  /** MDX: JSX flow elements open in this container; blocks go into the innermost. */
  jsx: MNode[];
  /** List items: where content starts on the marker line (-1 when the item starts blank). */
  contentStart: number;
}

type Leaf =
  | { k: 'para'; segs: Seg[]; cont: Cont }
  | { k: 'fence'; ch: number; len: number }
  | { k: 'icode' }
  | { k: 'html'; type: number; node: MNode; parts: string[] }
  | { k: 'table'; node: MNode }
  | { k: 'esm'; start: number; end: number; node: MNode }
  /** A flow expression in a container going on past its first line: its acorn source and value so far. */
  | { k: 'expr'; node: MNode; src: string; value: string };

interface InlineJob {
  node: MNode;
  segs: Seg[];
  heading: boolean;
  /** A table cell (mdast-util-gfm-table unescapes `\\|` in its code). */
  cell?: boolean;
  /** A GFM task list item's check (`[x]`) opens the content: its length. */
  task?: number;
}

const enum TagKind { Open, Close, Self }

/** A JSX tag: `name` is null for fragments. */
interface Tag { kind: TagKind; name: string | null; attributes: JsxAttribute[]; end: number }

/** What a flow line of MDX holds: a tag or an expression (`e` -1: it goes on past the line, in a container). */
interface FlowToken { tag?: Tag; expression?: string; s: number; e: number }

const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const TASK_MARKER = /^\[[\sxX]\]/;

class BlockScanner {
  private readonly root: MNode = { type: 'root', children: [] };
  private readonly stack: Cont[];
  private leaf: Leaf | null = null;
  private readonly jobs: InlineJob[] = [];
  private readonly defined = new Set<string>();
  /** Labels of GFM footnote definitions (normalized): micromark knows them all before it reads text. */
  private readonly footnoteLabels = new Set<string>();
  private readonly tables: boolean;
  private readonly tasks: boolean;
  private readonly footnotes: boolean;
  private readonly n: number;

  constructor(private readonly text: string, private readonly mdx = false, private readonly linkComponents: ReadonlySet<string> = new Set()) {
    this.n = text.length;
    this.stack = [newCont(K.Root, this.root)];
    // The GFM constructs parsePage enables for this text (scanExtensions.ts): only then do they matter.
    this.tables = text.includes('|');
    this.tasks = /\[[\sxX]\]/.test(text);
    this.footnotes = text.includes('[^');
    this.literals = text.includes('@') || /https?:|www\./i.test(text);
    this.tilde = text.includes('~');
  }

  private readonly tilde: boolean;
  private readonly literals: boolean;
  /** Lines before this offset belong to a construct already read (MDX multi-line flow expressions). */
  private skipTo = 0;
  /** Local names imported by earlier ESM blocks (micromark-extension-mdxjs-esm declares them for the next). */
  private readonly imported: string[] = [];
  /** The current line's start, and the first tab at or after it (`n` when none): columns are offsets before it. */
  private ls = 0;
  private tabAt = -1;
  /**
   * The virtual spaces left of a tab the containers consumed in part (micromark's preprocessing
   * expands a tab into a tab code and virtual spaces up to the next multiple of 4 columns, and a
   * container takes codes: columns). The cursor is then just after the tab with that many columns
   * still to read; micromark's offset there is the tab's end too.
   */
  private v = 0;

  run(): Root {
    const text = this.text;
    let pos = this.frontmatter();
    while (pos < this.n || (pos === this.n && pos === 0)) {
      let le = pos;
      while (le < this.n) {
        const c = text.charCodeAt(le);
        if (c === LF || c === CR) break;
        le++;
      }
      let nl = le;
      if (nl < this.n) nl += text.charCodeAt(nl) === CR && text.charCodeAt(nl + 1) === LF ? 2 : 1;
      if (pos >= this.skipTo) this.line(pos, le, nl);
      if (nl >= this.n) break;
      pos = nl;
    }
    this.closeLeaf();
    for (const c of this.stack) if (c.jsx.length > 0) bail('unclosed JSX element');
    // An MDX error in text content ends micromark's parse. Which of two it would meet first depends
    // on its passes over the events: then the scanner does not know, and bails.
    let failure: MdxError | null = null;
    for (const job of this.jobs) {
      try {
        new InlineScanner(text, this.defined, job, this.tilde, this.footnotes ? this.footnoteLabels : null, this.literals, this.mdx).run();
      } catch (e) {
        if (!(e instanceof MdxError)) throw e;
        if (failure) bail('MDX errors in two places');
        failure = e;
      }
    }
    if (failure) throw failure;
    return this.root as unknown as Root;
  }

  /** YAML (`---`) or TOML (`+++`) frontmatter at offset 0, as micromark-extension-frontmatter reads it. */
  private frontmatter(): number {
    const text = this.text;
    const c = text.charCodeAt(0);
    if (c !== 45 && c !== 43) return 0;
    const fence = c === 45 ? '---' : '+++';
    const fenceEnd = (from: number): number => {
      // `fence` then spaces or tabs to the end of the line; returns the line's end, or -1.
      if (!text.startsWith(fence, from)) return -1;
      let i = from + 3;
      while (i < this.n && isSpaceOrTab(text.charCodeAt(i))) i++;
      return i >= this.n || isEol(text.charCodeAt(i)) ? i : -1;
    };
    const openEnd = fenceEnd(0);
    if (openEnd < 0 || openEnd >= this.n) return 0;
    let i = openEnd;
    for (;;) {
      // i is at a line ending.
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      const close = fenceEnd(i);
      if (close >= 0) {
        const value = text.slice(openEnd, i).replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '');
        this.root.children!.push({ type: fence === '---' ? 'yaml' : 'toml', value, position: at(0, close) });
        if (close >= this.n) return this.n;
        return close + (text.charCodeAt(close) === CR && text.charCodeAt(close + 1) === LF ? 2 : 1);
      }
      while (i < this.n && !isEol(text.charCodeAt(i))) i++;
      // micromark reads an unclosed frontmatter fence as the start of a concrete construct until the
      // end, and no container of the following lines is recognised: not handled.
      if (i >= this.n) bail('unclosed frontmatter');
    }
  }

  /** The column of offset `k` on the current line (tabs stop at multiples of 4, as micromark expands them). */
  private col(k: number): number {
    if (k <= this.tabAt) return k - this.ls;
    const text = this.text;
    let c = this.tabAt - this.ls;
    for (let i = this.tabAt; i < k; i++) c = text.charCodeAt(i) === TAB ? c + 4 - (c % 4) : c + 1;
    return c;
  }

  /** Columns from the cursor (`pos` with `v` virtual spaces before it) to offset `k`. */
  private cols(pos: number, v: number, k: number): number {
    return k <= this.tabAt ? k - pos + v : this.col(k) - this.col(pos) + v;
  }

  /**
   * Moves the cursor (`pos`, `v`) on by `n` columns, as micromark consumes codes (a tab code and
   * its virtual spaces are a column each): returns the new offset and leaves its `v` in this.v.
   */
  private advance(pos: number, v: number, n: number): number {
    if (v >= n) { this.v = v - n; return pos; }
    n -= v;
    if (pos + n <= this.tabAt) { this.v = 0; return pos + n; }
    const text = this.text;
    let c = this.col(pos);
    while (n > 0) {
      if (text.charCodeAt(pos) === TAB) {
        const w = 4 - (c % 4);
        if (w > n) { this.v = w - n; return pos + 1; }
        n -= w;
        c += w;
      } else {
        n--;
        c++;
      }
      pos++;
    }
    this.v = 0;
    return pos;
  }

  /** After a block quote's `>` at `k`: micromark takes one space or tab code (a tab's virtual spaces stay). */
  private afterQuoteMarker(k: number): number {
    const after = this.text.charCodeAt(k + 1);
    this.v = 0;
    if (after === SPACE) return k + 2;
    if (after === TAB) {
      this.v = 3 - (this.col(k + 1) % 4);
      return k + 2;
    }
    return k + 1;
  }

  private line(ls: number, le: number, nl: number): void {
    const text = this.text;
    const stack = this.stack;
    this.ls = ls;
    if (this.tabAt < ls) {
      const t = text.indexOf('\t', ls);
      this.tabAt = t < 0 ? this.n : t;
    }
    let pos = ls;
    let v = 0;
    // 1. Which open containers continue on this line.
    let matched = 1;
    // Whether the last container continued took a footnote definition's 4 columns (see below).
    let footnoteIndent = false;
    for (; matched < stack.length; matched++) {
      const c = stack[matched]!;
      if (c.kind === K.Quote) {
        const np = pos + firstNonSpace(text, pos, le);
        if (text.charCodeAt(np) === 62 /* > */ && (this.mdx || this.cols(pos, v, np) <= 3)) {
          pos = this.afterQuoteMarker(np);
          v = this.v;
          footnoteIndent = false;
          continue;
        }
        break;
      }
      if (c.kind === K.Footnote) {
        // micromark-extension-gfm-footnote: a blank line, or exactly 4 columns of indentation.
        if (isBlankFrom(text, pos, le)) continue;
        const ind = this.cols(pos, v, pos + firstNonSpace(text, pos, le));
        if (ind >= 4) {
          pos = this.advance(pos, v, 4);
          v = this.v;
          footnoteIndent = true;
          continue;
        }
        // Its check reads the last token: with no whitespace here, that of an enclosing definition's
        // 4 columns on this line passes it too.
        if (ind === 0 && footnoteIndent) continue;
        break;
      }
      // A list item.
      if (isBlankFrom(text, pos, le)) {
        c.furtherBlank = c.furtherBlank || c.initialBlank;
        // micromark consumes up to the item's size of whitespace.
        pos = this.advance(pos, v, Math.min(c.size, this.cols(pos, v, le)));
        v = this.v;
        continue;
      }
      const further = c.furtherBlank;
      c.furtherBlank = false;
      c.initialBlank = false;
      if (further) break;
      const np = pos + firstNonSpace(text, pos, le);
      if (this.cols(pos, v, np) >= c.size) {
        pos = this.advance(pos, v, c.size);
        v = this.v;
        footnoteIndent = false;
        continue;
      }
      break;
    }
    const allMatched = matched === stack.length;
    const leaf = this.leaf;
    // micromark keeps "interrupt" for every container opened on this line while a paragraph or an
    // indented code block (which may go on after blank lines) is in progress.
    const interrupt = allMatched && (leaf?.k === 'para' || leaf?.k === 'icode');

    // 2. A fenced code block, HTML block or indented code continues only when every container does.
    if (allMatched && leaf && leaf.k !== 'para') {
      if (leaf.k === 'table') {
        this.tableLine(leaf, pos, v, le);
        return;
      }
      if (leaf.k === 'esm') {
        if (isBlankFrom(text, pos, le)) this.closeLeaf();
        else leaf.end = le;
        return;
      }
      if (leaf.k === 'expr') {
        this.exprLine(leaf, pos, v, le, ls);
        return;
      }
      if (leaf.k === 'fence') {
        if (this.isClosingFence(pos, v, le, leaf)) this.leaf = null;
        return;
      }
      if (leaf.k === 'html') {
        if (leaf.type >= 6 && isBlankFrom(text, pos, le)) { this.closeLeaf(); return; }
        this.htmlLine(leaf, pos, v, le, ls);
        return;
      }
      // Indented code continues on blank lines and lines indented 4+.
      if (isBlankFrom(text, pos, le)) return;
      if (this.cols(pos, v, pos + firstNonSpace(text, pos, le)) >= 4) return;
      this.closeLeaf();
    }
    if (!allMatched && leaf && leaf.k !== 'para') this.closeLeaf();

    // 3. New containers and blocks.
    const paraOpen = this.leaf?.k === 'para';
    let depth = matched; // containers [0, depth) are open and continued or new
    let opened = false;
    for (;;) {
      const blank = isBlankFrom(text, pos, le);
      if (blank) break;
      const np = pos + firstNonSpace(text, pos, le);
      const ind = this.cols(pos, v, np);
      if (ind >= 4 && !this.mdx) break;
      const c = text.charCodeAt(np);
      if (c === 62 /* > */) {
        this.closeTo(depth);
        this.closeLeaf();
        const q: MNode = { type: 'blockquote', children: [] };
        this.addBlock(stack[depth - 1]!, q);
        stack.push(newCont(K.Quote, q));
        depth++;
        opened = true;
        pos = this.afterQuoteMarker(np);
        v = this.v;
        continue;
      }
      if (c === 91 /* [ */ && this.footnotes && text.charCodeAt(np + 1) === 94) {
        const def = this.footnoteDefinitionStart(np, le);
        if (def) {
          this.closeTo(depth);
          this.closeLeaf();
          this.addBlock(stack[depth - 1]!, def.node);
          stack.push(newCont(K.Footnote, def.node));
          depth++;
          opened = true;
          pos = def.end;
          v = 0;
          continue;
        }
      }
      const item = this.listItemStart(np, le, interrupt);
      if (item) {
        this.closeTo(depth);
        this.closeLeaf();
        const parent = stack[depth - 1]!;
        const li = this.addItem(parent, item.ordered, item.marker);
        const cont = newCont(K.Item, li);
        cont.size = ind + item.size;
        cont.initialBlank = item.blank;
        stack.push(cont);
        depth++;
        opened = true;
        if (item.blank) {
          pos = le;
          v = 0;
        } else {
          pos = this.advance(np, 0, item.size);
          v = this.v;
          cont.contentStart = pos + firstNonSpace(text, pos, le);
        }
        continue;
      }
      break;
    }
    // The deepest container is stack[depth-1]; flow constructs now.
    const blank = isBlankFrom(text, pos, le);
    const paraContinues = !opened && paraOpen; // the open paragraph may take this line
    if (blank) {
      this.closeTo(depth);
      if (this.leaf?.k === 'para') this.closeLeaf();
      return;
    }
    const np = pos + firstNonSpace(text, pos, le);
    const ind = this.cols(pos, v, np);
    // Whether a tab is in the container prefixes' last column or the indentation (tables bail on it).
    const tab = v > 0 || (this.tabAt < np && text.slice(pos, np).includes('\t'));
    if (ind >= 4 && !this.mdx) {
      if (paraContinues) {
        // With containers left unmatched this is a lazy continuation line: they stay open.
        this.paraLine(np, le, nl, pos, !allMatched, tab, v);
        return;
      }
      // A line that continues no container and opens none is "lazy" in micromark, which feeds it to
      // the flow of the containers it leaves: indented code started there interrupts differently.
      if (!allMatched && !opened) bail('indented code on a lazy line');
      this.closeTo(depth);
      this.closeLeaf();
      this.addBlock(stack[depth - 1]!, { type: 'code' });
      this.leaf = { k: 'icode' };
      return;
    }
    const c = text.charCodeAt(np);
    // GFM tables: a delimiter row under a paragraph line makes that line the head of a table.
    if (this.tables && paraContinues && DELIMITER_ROW.test(text.slice(np, le))) {
      if (!allMatched) bail('table delimiter row on a lazy line');
      if (tab) bail('tab in a table');
      if (this.tableFromParagraph(depth, pos, le)) return;
    }
    // ATX heading.
    if (c === 35 /* # */) {
      let k = np;
      while (k < le && text.charCodeAt(k) === 35) k++;
      if (k - np <= 6 && (k === le || isSpaceOrTab(text.charCodeAt(k)))) {
        this.closeTo(depth);
        this.closeLeaf();
        this.atxHeading(stack[depth - 1]!, np, k, le, nl);
        return;
      }
    }
    // Fenced code (its content, where indentation matters, is not read).
    if (c === 96 || c === 126) {
      let k = np;
      while (k < le && text.charCodeAt(k) === c) k++;
      if (k - np >= 3 && !(c === 96 && text.slice(k, le).includes('`'))) {
        this.closeTo(depth);
        this.closeLeaf();
        this.addBlock(stack[depth - 1]!, { type: 'code' });
        this.leaf = { k: 'fence', ch: c, len: k - np };
        return;
      }
    }
    // MDX: JSX tags and expressions alone on their line; import/export at the top level.
    if (this.mdx && (c === 60 || c === 123)) {
      const flow = this.jsxFlowLine(np, le);
      if (flow) {
        // On a lazy line the expression would go on in the flow of the containers left (micromark
        // moves it out only once it ends): not handled.
        if (flow[flow.length - 1]!.e < 0 && !allMatched && !opened) bail('multi-line expression on a lazy line');
        this.closeTo(depth);
        this.closeLeaf();
        this.applyJsxFlow(stack[depth - 1]!, flow, le);
        return;
      }
    }
    if (this.mdx && (c === 105 || c === 101) && np === ls && depth === 1 && !paraContinues && /^(?:import|export) /.test(text.slice(np, np + 7))) {
      this.closeTo(depth);
      this.closeLeaf();
      const node: MNode = { type: 'mdxjsEsm' };
      this.addBlock(stack[0]!, node);
      this.leaf = { k: 'esm', start: ls, end: le, node };
      return;
    }
    // HTML.
    if (c === 60 /* < */ && !this.mdx) {
      const type = this.htmlStart(np, le, paraContinues && allMatched);
      if (type && paraContinues && !allMatched) bail('html on a lazy line');
      if (type) {
        this.closeTo(depth);
        this.closeLeaf();
        // The HTML starts with its indentation (micromark merges the line prefix into it).
        const node: MNode = { type: 'html', value: '', position: at(pos, le) };
        this.addBlock(stack[depth - 1]!, node);
        const h: Leaf = { k: 'html', type, node, parts: [] };
        this.leaf = h;
        this.htmlLine(h, pos, v, le, ls, np);
        return;
      }
    }
    // Setext underline under a continuing paragraph.
    if ((c === 61 || c === 45) && paraContinues && allMatched) {
      let k = np;
      while (k < le && text.charCodeAt(k) === c) k++;
      while (k < le && isSpaceOrTab(text.charCodeAt(k))) k++;
      if (k === le) {
        this.setext(c === 61 ? 1 : 2, le);
        return;
      }
    }
    // Thematic break.
    if ((c === 42 || c === 45 || c === 95) && isThematicBreak(text, np, le)) {
      this.closeTo(depth);
      this.closeLeaf();
      this.addBlock(stack[depth - 1]!, { type: 'thematicBreak' });
      return;
    }
    // Paragraph text.
    if (paraContinues) {
      this.paraLine(np, le, nl, pos, !allMatched, tab, v);
      return;
    }
    this.closeTo(depth);
    this.closeLeaf();
    // A paragraph started on a line that continues no container and opens none is "lazy" too.
    this.leaf = { k: 'para', segs: [], cont: stack[depth - 1]! };
    this.paraLine(np, le, nl, pos, !allMatched && !opened, tab, v);
  }

  /**
   * A GFM table whose head row is the last line of the open paragraph and whose delimiter row is
   * this line (micromark-extension-gfm-table: same cell count, a pipe or a colon in the delimiter).
   */
  private tableFromParagraph(depth: number, pos: number, le: number): boolean {
    const text = this.text;
    const para = this.leaf as Extract<Leaf, { k: 'para' }>;
    const head = para.segs[para.segs.length - 1]!;
    if (text.slice(head.s, head.e).includes('\t') || text.slice(pos, le).includes('\t')) bail('tab in a table');
    const cells = tableCells(text, head.s, head.e);
    if ((text.charCodeAt(head.s) !== 124 ? 1 : 0) + cells.tokens <= 1 || cells.count !== delimiterCells(text, pos, le, this.mdx)) return false;
    if (head.lazy) bail('table head on a lazy line');
    // The table interrupts the paragraph, then micromark reads the head line afresh: a construct that
    // could not interrupt (HTML of kind 7, MDX import/export) takes it first.
    const hs = head.s;
    if (!this.mdx && text.charCodeAt(hs) === 60 && this.htmlStart(hs, head.e, false)) bail('table head that starts HTML');
    if (this.mdx && (hs === 0 || isEol(text.charCodeAt(hs - 1))) && /^(?:import|export) /.test(text.slice(hs, hs + 7))) bail('table head that starts ESM');
    if (head.tab) bail('tab in a table');
    if (!this.mdx && head.s - (head.p ?? head.s) >= 4) bail('indented table head');
    para.segs.pop();
    if (para.segs.length > 0) this.closeLeaf();
    else this.leaf = null;
    const table: MNode = { type: 'table', children: [] };
    this.addBlock(this.stack[depth - 1]!, table);
    this.tableRow(table, cells.cells);
    this.leaf = { k: 'table', node: table };
    return true;
  }

  /** A line after a table's delimiter row, all its containers continued: a body row or the end. */
  private tableLine(t: Extract<Leaf, { k: 'table' }>, pos: number, v: number, le: number): void {
    const text = this.text;
    if (isBlankFrom(text, pos, le)) { this.leaf = null; return; }
    if (v > 0) bail('tab in a table');
    let k = pos;
    while (k < le && text.charCodeAt(k) === SPACE) k++;
    if ((k - pos > 3 && !this.mdx) || text.charCodeAt(k) !== 124 /* | */) bail('table row without a leading pipe');
    if (text.slice(pos, le).includes('\t')) bail('tab in a table');
    this.tableRow(t.node, tableCells(text, k, le).cells);
  }

  private tableRow(table: MNode, cells: { start: number; end: number; cs: number; ce: number }[]): void {
    const row: MNode = { type: 'tableRow', children: [] };
    table.children!.push(row);
    for (const c of cells) {
      const cell: MNode = { type: 'tableCell', children: [], position: at(c.start, c.end) };
      row.children!.push(cell);
      if (c.cs < 0) continue;
      this.jobs.push({ node: cell, segs: [{ s: c.cs, e: c.ce, nl: c.ce }], heading: false, cell: true });
    }
  }

  private paraLine(np: number, le: number, nl: number, p: number, lazy: boolean, tab: boolean, v: number): void {
    const seg: Seg = { s: np, e: le, nl, p };
    if (lazy) seg.lazy = true;
    if (tab) seg.tab = true;
    if (v > 0) seg.pv = v;
    (this.leaf as Extract<Leaf, { k: 'para' }>).segs.push(seg);
  }

  /** Closes the containers from `depth` on (and the leaf when it lives in one of them). */
  private closeTo(depth: number): void {
    if (this.stack.length > depth) {
      this.closeLeaf();
      for (let i = depth; i < this.stack.length; i++) if (this.stack[i]!.jsx.length > 0) bail('JSX element across containers');
      this.stack.length = depth;
    }
  }

  /** Where blocks of a container go: its innermost open JSX flow element, or itself. */
  private target(c: Cont): MNode {
    return c.jsx.length > 0 ? c.jsx[c.jsx.length - 1]! : c.node;
  }

  private addBlock(c: Cont, node: MNode): void {
    c.list = null;
    this.target(c).children!.push(node);
  }

  /**
   * Whether the extractor reads this flow element as a link: then the text and the span of its content
   * come from its children, and the scanner only gives those of paragraphs, headings and JSX exactly.
   */
  private isLinkLike(node: MNode): boolean {
    const name = node.name ?? '';
    return name === 'a' || this.linkComponents.has(name) || node.attributes!.some((a) => a.name === 'onClick' || a.name === 'onclick');
  }

  /** Tags and expressions alone on a line (micromark-extension-mdx-jsx's flow tag), or null. */
  private jsxFlowLine(np: number, le: number): FlowToken[] | null {
    const text = this.text;
    const out: FlowToken[] = [];
    const top = this.stack.length === 1;
    let k = np;
    let skip = -1;
    for (;;) {
      const c = text.charCodeAt(k);
      if (c === 60) {
        // At the top level (no container prefixes) a tag may span lines.
        const tag = parseTag(text, k, top ? this.n : le, (p) => p, top);
        if (!tag) return null;
        out.push({ tag, s: k, e: tag.end });
        k = tag.end;
        if (k > le) {
          le = lineEndFrom(text, k);
          skip = le;
        }
      } else if (c === 123) {
        // A flow expression may span lines (HTML comments become `{/* … */}`): at the top level read
        // here; in containers line by line, as their prefixes go (see exprLine).
        const e = expressionClose(text, k, true, top ? this.n : le);
        // At the top level it takes every line to the end: micromark throws there.
        if (e < 0 && top) throw flowExpressionError(text, k);
        if (e < 0) {
          out.push({ expression: '', s: k, e: -1 });
          return out;
        }
        out.push({ expression: text.slice(k + 1, e - 1), s: k, e });
        k = e;
        // micromark's flow expression may be followed by a tag but not by another expression.
        let m = k;
        while (m < le && isSpaceOrTab(text.charCodeAt(m))) m++;
        if (m < le && text.charCodeAt(m) === 123) return null;
        if (e > le) {
          // The rest of its last line must be blank; later lines are skipped.
          let m = e;
          while (m < this.n && isSpaceOrTab(text.charCodeAt(m))) m++;
          if (m < this.n && !isEol(text.charCodeAt(m))) bail('text after a multi-line expression');
          this.skipTo = m;
          return out;
        }
      } else {
        return null;
      }
      while (k < le && isSpaceOrTab(text.charCodeAt(k))) k++;
      if (k >= le) {
        if (skip >= 0) this.skipTo = skip;
        return out;
      }
    }
  }

  private applyJsxFlow(c: Cont, tokens: FlowToken[], le: number): void {
    for (const t of tokens) {
      if (t.expression !== undefined) {
        const node: MNode = { type: 'mdxFlowExpression', value: t.expression, position: at(t.s, t.e) };
        this.addBlock(c, node);
        if (t.e < 0) {
          const first = this.text.slice(t.s + 1, le);
          this.leaf = { k: 'expr', node, src: first, value: first };
        }
        continue;
      }
      const tag = t.tag!;
      if (tag.kind === TagKind.Close) {
        const open = c.jsx.pop();
        if (!open || open.name !== tag.name) bail('unmatched JSX closing tag');
        open.position!.end.offset = t.e;
        if (this.isLinkLike(open)) checkLinkContent(open.children!);
        c.list = null;
        continue;
      }
      const node: MNode = { type: 'mdxJsxFlowElement', name: tag.name, attributes: tag.attributes, children: [], position: at(t.s, t.e) };
      this.addBlock(c, node);
      if (tag.kind === TagKind.Open) c.jsx.push(node);
    }
  }

  private addItem(c: Cont, ordered: boolean, marker: number): MNode {
    if (!c.list || c.listOrdered !== ordered || c.listMarker !== marker) {
      const list: MNode = { type: 'list', children: [] };
      this.target(c).children!.push(list);
      c.list = list;
      c.listOrdered = ordered;
      c.listMarker = marker;
    }
    const li: MNode = { type: 'listItem', children: [] };
    c.list.children!.push(li);
    return li;
  }

  /**
   * A GFM footnote definition's start at `np` (`[^label]:` then whitespace, which it takes whole),
   * as micromark-extension-gfm-footnote's document construct reads it: its node and where its
   * content starts, or null. Its label is known to calls anywhere in the document from then on.
   */
  private footnoteDefinitionStart(np: number, le: number): { node: MNode; end: number } | null {
    const text = this.text;
    const k = footnoteLabelEnd(text, np + 2, le);
    if (k < 0 || text.charCodeAt(k + 1) !== 58 /* : */) return null;
    const raw = text.slice(np + 2, k);
    const id = normalizeIdentifier(raw);
    this.footnoteLabels.add(id);
    const node: MNode = { type: 'footnoteDefinition', identifier: id.toLowerCase(), label: decodeString(raw), children: [] };
    return { node, end: k + 2 + firstNonSpace(text, k + 2, le) };
  }

  /** A list item marker at `np`: micromark's list start (bullet or ordered, then spaces or the end of the line). */
  private listItemStart(np: number, le: number, interrupt: boolean): { ordered: boolean; marker: number; size: number; blank: boolean } | null {
    const text = this.text;
    const c = text.charCodeAt(np);
    let k = np;
    let ordered = false;
    if (c === 42 || c === 43 || c === 45) {
      if ((c === 42 || c === 45) && isThematicBreak(text, np, le)) return null;
      k++;
    } else if (isAsciiDigit(c)) {
      while (k < le && isAsciiDigit(text.charCodeAt(k)) && k - np < 9) k++;
      const d = text.charCodeAt(k);
      if (d !== 46 && d !== 41) return null;
      if (interrupt && !(k - np === 1 && c === 49)) return null;
      ordered = true;
      k++;
    } else {
      return null;
    }
    const marker = text.charCodeAt(k - 1);
    if (isBlankFrom(text, k, le)) {
      if (interrupt) return null;
      return { ordered, marker, size: k - np + 1, blank: true };
    }
    if (!isSpaceOrTab(text.charCodeAt(k))) return null;
    // Columns of whitespace after the marker (a tab's reach depends on its column).
    const sp = this.cols(k, 0, k + firstNonSpace(text, k, le));
    // 1–4 columns belong to the marker; with 5 or more, one does (a space or a tab code, whose
    // virtual spaces stay) and the content is indented code.
    const w = sp <= 4 || this.mdx ? sp : 1;
    return { ordered, marker, size: k - np + w, blank: false };
  }

  private isClosingFence(pos: number, v: number, le: number, f: { ch: number; len: number }): boolean {
    const text = this.text;
    const k = pos + firstNonSpace(text, pos, le);
    if (text.charCodeAt(k) !== f.ch) return false;
    // Up to 3 columns of indentation (any in MDX, which turns indented code off).
    if (!this.mdx && this.cols(pos, v, k) > 3) return false;
    let j = k;
    while (j < le && text.charCodeAt(j) === f.ch) j++;
    if (j - k < f.len) return false;
    while (j < le && isSpaceOrTab(text.charCodeAt(j))) j++;
    return j === le;
  }

  private atxHeading(c: Cont, np: number, k: number, le: number, nl: number): void {
    const text = this.text;
    const depth = k - np;
    let cs = k;
    while (cs < le && isSpaceOrTab(text.charCodeAt(cs))) cs++;
    let ce = le;
    while (ce > cs && isSpaceOrTab(text.charCodeAt(ce - 1))) ce--;
    // A closing sequence of #s preceded by whitespace (or making up the whole content).
    let r = ce;
    while (r > cs && text.charCodeAt(r - 1) === 35) r--;
    if (r < ce) {
      if (r === cs) ce = cs;
      else if (isSpaceOrTab(text.charCodeAt(r - 1))) {
        ce = r;
        while (ce > cs && isSpaceOrTab(text.charCodeAt(ce - 1))) ce--;
      }
    }
    const node: MNode = { type: 'heading', depth, children: [], position: at(np, le) };
    this.addBlock(c, node);
    if (ce > cs) this.jobs.push({ node, segs: [{ s: cs, e: ce, nl }], heading: true });
  }

  private setext(depth: number, le: number): void {
    const para = this.leaf as Extract<Leaf, { k: 'para' }>;
    this.leaf = null;
    const start = para.segs[0]!.s;
    const segs = this.definitions(para.segs, para.cont);
    if (segs.length === 0) bail('setext under definitions');
    // The heading starts where its content did, definitions included.
    const node: MNode = { type: 'heading', depth, children: [], position: at(start, le) };
    this.addBlock(para.cont, node);
    this.jobs.push({ node, segs, heading: true });
  }

  private closeLeaf(): void {
    const leaf = this.leaf;
    if (!leaf) return;
    this.leaf = null;
    if (leaf.k === 'para') {
      const segs = this.definitions(leaf.segs, leaf.cont);
      if (segs.length === 0) return;
      const node: MNode = { type: 'paragraph', children: [], position: at(segs[0]!.s, segs[segs.length - 1]!.e) };
      const task = this.taskCheck(leaf.cont, segs);
      this.addBlock(leaf.cont, node);
      this.jobs.push(task ? { node, segs, heading: false, task } : { node, segs, heading: false });
    } else if (leaf.k === 'html') {
      leaf.node.value = leaf.parts.join('');
    } else if (leaf.k === 'esm') {
      leaf.node.value = this.text.slice(leaf.start, leaf.end);
      checkEsm(leaf.node.value, this.imported);
    } else if (leaf.k === 'expr') {
      // Ended without its `}`: by the end of the document, or on a line that does not continue its
      // containers (micromark throws there; the error is not reproduced).
      bail('MDX expression not closed');
    }
  }

  /**
   * A line inside a flow expression whose containers all go on (micromark-factory-mdx-expression
   * in a concrete construct: no container starts): after the prefixes, up to 2 columns of
   * whitespace are a line prefix, and each `}` is tried with acorn.
   */
  private exprLine(leaf: Extract<Leaf, { k: 'expr' }>, pos: number, v: number, le: number, ls: number): void {
    const text = this.text;
    const p = this.advance(pos, v, Math.min(2, this.cols(pos, v, pos + firstNonSpace(text, pos, le))));
    const eol = text.slice(this.prevLineEnd(ls), ls);
    // eventsToAcorn drops virtual spaces at the start of a chunk; mdast's value keeps them as spaces.
    leaf.src += eol;
    leaf.value += eol + (this.v > 0 ? ' '.repeat(this.v) : '');
    for (let j = p; ;) {
      const close = text.indexOf('}', j);
      if (close < 0 || close >= le) break;
      if (acornError(leaf.src + text.slice(p, close), true) < 0) {
        leaf.node.value = leaf.value + text.slice(p, close);
        leaf.node.position!.end.offset = close + 1;
        this.leaf = null;
        // micromark's flow expression may be followed by tags; with text the attempt fails and the
        // lines it took become a paragraph read without their containers' starts: not handled.
        if (!isBlankFrom(text, close + 1, le)) bail('text after a multi-line expression');
        return;
      }
      j = close + 1;
    }
    leaf.src += text.slice(p, le);
    leaf.value += text.slice(p, le);
  }

  /** Takes link reference definitions off the start of a paragraph (added to its container); returns the lines left. */
  private definitions(segs: Seg[], cont: Cont): Seg[] {
    const text = this.text;
    let i = 0;
    while (i < segs.length) {
      const seg = segs[i]!;
      if (text.charCodeAt(seg.s) !== 91 /* [ */) break;
      const def = this.definitionLine(seg, segs[i + 1]);
      if (!def) {
        // A label that does not close on its line may close on a later one.
        if (i + 1 < segs.length && !lineHasLabelEnd(text, seg) && segs.slice(i + 1).some((g) => text.slice(g.s, g.e).includes(']:'))) bail('multi-line definition label');
        break;
      }
      this.addBlock(cont, def);
      i++;
    }
    return i === 0 ? segs : segs.slice(i);
  }

  /**
   * A GFM task list check (`[ ]`, `[x]`) opening the first paragraph of an item, on its marker line,
   * followed by whitespace and more text: its length (3), or 0. Other task-like starts bail.
   */
  private taskCheck(c: Cont, segs: Seg[]): number {
    if (!this.tasks) return 0;
    const text = this.text;
    const s = segs[0]!.s;
    if (!TASK_MARKER.test(text.slice(s, s + 3))) return 0;
    const first = c.kind === K.Item && c.node.children!.length === 0 && c.jsx.length === 0 && s === c.contentStart;
    if (!first) bail('task list check outside an item start');
    const after = text.charCodeAt(s + 3);
    if (!(after === SPACE || after === TAB) || isBlankFrom(text, s + 3, segs[0]!.e)) bail('task list check before a line ending');
    return 3;
  }

  /** One definition on one line: `[label]: destination "title"`, else null (or a bail when it may span lines). */
  private definitionLine(seg: Seg, next: Seg | undefined): MNode | null {
    const text = this.text;
    const le = seg.e;
    let k = seg.s + 1;
    let seen = false;
    for (;;) {
      if (k >= le) return null;
      const c = text.charCodeAt(k);
      if (c === 91) return null;
      if (c === 93) break;
      if (c === 92 && k + 1 < le) {
        const d = text.charCodeAt(k + 1);
        if (d === 91 || d === 92 || d === 93) { seen = true; k += 2; continue; }
      }
      if (!isSpaceOrTab(c)) seen = true;
      k++;
    }
    if (!seen || k - seg.s - 1 > 999) return null;
    const labelEnd = k;
    if (text.charCodeAt(k + 1) !== 58 /* : */) return null;
    k += 2;
    while (k < le && isSpaceOrTab(text.charCodeAt(k))) k++;
    if (k >= le) bail('definition destination on the next line');
    const dest = scanDestination(text, k, le, Infinity);
    if (!dest) return null;
    k = dest.end;
    const afterDest = k;
    let j = k;
    while (j < le && isSpaceOrTab(text.charCodeAt(j))) j++;
    let end = -1;
    if (j === le) {
      // A title may follow on the next line.
      if (next && /^["'(]/.test(text.slice(next.s, next.s + 1))) bail('definition title on the next line');
      end = le;
    } else if (j > afterDest) {
      const t = text.charCodeAt(j);
      if (t === 34 || t === 39 || t === 40) {
        const te = scanTitle(text, j, le);
        if (te === -2) bail('multi-line definition title');
        if (te >= 0) {
          let m = te;
          while (m < le && isSpaceOrTab(text.charCodeAt(m))) m++;
          if (m === le) end = le;
        }
      }
    }
    if (end < 0) return null;
    const label = text.slice(seg.s + 1, labelEnd);
    const id = normalizeIdentifier(label);
    this.defined.add(id);
    return { type: 'definition', identifier: id.toLowerCase(), label, url: decodeString(dest.value), position: at(seg.s, end) };
  }

  /** The kind (1–7) of HTML block starting at `np`, or 0. */
  private htmlStart(np: number, le: number, interrupt: boolean): number {
    const text = this.text;
    const c1 = text.charCodeAt(np + 1);
    if (c1 === 33 /* ! */) {
      if (text.startsWith('<!--', np)) return 2;
      if (text.startsWith('<![CDATA[', np)) bail('cdata');
      if (isAsciiAlpha(text.charCodeAt(np + 2))) return 4;
      return 0;
    }
    if (c1 === 63 /* ? */) return 3;
    const closing = c1 === 47;
    let k = np + (closing ? 2 : 1);
    if (!isAsciiAlpha(text.charCodeAt(k))) return 0;
    const nameStart = k;
    while (k < le && (isAsciiAlphanumeric(text.charCodeAt(k)) || text.charCodeAt(k) === 45)) k++;
    const after = k < le ? text.charCodeAt(k) : -1;
    if (!(after === -1 || after === 47 || after === 62 || isSpaceOrTab(after))) return 0;
    const name = text.slice(nameStart, k).toLowerCase();
    if (after !== 47 && !closing && htmlRawNames.includes(name)) return 1;
    if (htmlBlockNames.includes(name)) {
      if (after === 47) return text.charCodeAt(k + 1) === 62 ? 6 : 0;
      return 6;
    }
    if (interrupt) return 0;
    const end = closing ? completeClosingTag(text, k, le) : completeOpeningTag(text, k, le);
    if (end < 0) return 0;
    let m = end;
    while (m < le && isSpaceOrTab(text.charCodeAt(m))) m++;
    return m === le ? 7 : 0;
  }

  /** Adds one line to an HTML block and closes it when the line holds its end. */
  private htmlLine(h: Extract<Leaf, { k: 'html' }>, pos: number, v: number, le: number, ls: number, np?: number): void {
    const text = this.text;
    if (h.parts.length > 0) h.parts.push(text.slice(this.prevLineEnd(ls), ls));
    // Virtual spaces left of a tab the containers took in part serialise as spaces.
    h.parts.push(v > 0 ? ' '.repeat(v) + text.slice(pos, le) : text.slice(pos, le));
    h.node.position!.end.offset = le;
    if (h.type >= 6) return;
    // Where to look for the end on the first line: after the opening (see micromark's html-flow).
    const from = np === undefined ? pos : np + (h.type === 2 ? 2 : h.type === 3 ? 1 : h.type === 4 ? 2 : 1);
    const line = text.slice(from, le);
    let ends: boolean;
    if (h.type === 1) ends = /<\/(?:pre|script|style|textarea)>/i.test(line);
    else if (h.type === 2) ends = line.includes('-->');
    else if (h.type === 3) ends = line.includes('?>');
    else ends = line.includes('>');
    if (ends) {
      this.leaf = null;
      h.node.value = h.parts.join('');
    }
  }

  private prevLineEnd(ls: number): number {
    // The line ending just before `ls`.
    const text = this.text;
    if (text.charCodeAt(ls - 1) === LF && text.charCodeAt(ls - 2) === CR) return ls - 2;
    return ls - 1;
  }
}

const LINK_CONTENT = new Set(['paragraph', 'heading', 'mdxJsxFlowElement', 'mdxFlowExpression', 'definition']);

function checkLinkContent(nodes: MNode[]): void {
  for (const n of nodes) {
    if (!LINK_CONTENT.has(n.type)) bail('block content in a JSX link');
    if (n.type === 'mdxJsxFlowElement') checkLinkContent(n.children!);
  }
}

function newCont(kind: K, node: MNode): Cont {
  return { kind, node, list: null, listOrdered: false, listMarker: 0, size: 0, initialBlank: false, furtherBlank: false, jsx: [], contentStart: -1 };
}

function isBlankFrom(text: string, pos: number, le: number): boolean {
  for (let k = pos; k < le; k++) if (!isSpaceOrTab(text.charCodeAt(k))) return false;
  return true;
}

function firstNonSpace(text: string, pos: number, le: number): number {
  let k = pos;
  while (k < le && isSpaceOrTab(text.charCodeAt(k))) k++;
  return k - pos;
}

function isThematicBreak(text: string, np: number, le: number): boolean {
  const m = text.charCodeAt(np);
  let count = 0;
  for (let k = np; k < le; k++) {
    const c = text.charCodeAt(k);
    if (c === m) count++;
    else if (!isSpaceOrTab(c)) return false;
  }
  return count >= 3;
}

/**
 * The cells of a table row from `k` (its first non-space character) to the line end, as
 * micromark-extension-gfm-table cuts them: pipes separate cells, `\\|` and `\\\\` stay in the data, a
 * trailing pipe closes the last cell. `count` is the cell count as the head row counts it.
 */
function tableCells(text: string, k: number, le: number): { cells: { start: number; end: number; cs: number; ce: number }[]; count: number; tokens: number } {
  const cells: { start: number; end: number; cs: number; ce: number }[] = [];
  let cur: { start: number; end: number; cs: number; ce: number } | null = null;
  let count = 0;
  let tokens = 0;
  let seen = text.charCodeAt(k) !== 124;
  while (k < le) {
    const c = text.charCodeAt(k);
    if (c === SPACE || c === TAB) { k++; continue; }
    tokens++;
    if (seen) { count++; seen = false; }
    if (c === 124) {
      if (cur) cells.push(cur);
      cur = { start: k, end: le, cs: -1, ce: -1 };
      seen = true;
      k++;
      continue;
    }
    const s = k;
    while (k < le) {
      const d = text.charCodeAt(k);
      if (d === 124 || d === SPACE || d === TAB) break;
      k++;
      if (d === 92 && k < le) {
        const e = text.charCodeAt(k);
        if (e === 92 || e === 124) k++;
      }
    }
    if (!cur) cur = { start: s, end: le, cs: -1, ce: -1 };
    if (cur.cs < 0) cur.cs = s;
    cur.ce = k;
  }
  if (cur) {
    if (cur.cs < 0 && cells.length > 0) cells[cells.length - 1]!.end = le;
    else cells.push(cur);
  }
  for (let i = 0; i + 1 < cells.length; i++) cells[i]!.end = cells[i + 1]!.start;
  if (cells.length > 0) cells[cells.length - 1]!.end = le;
  return { cells, count, tokens };
}

/** The number of cells of a valid delimiter row (micromark-extension-gfm-table), or -1. */
function delimiterCells(text: string, k: number, le: number, mdx: boolean): number {
  let sp = 0;
  while (k < le && text.charCodeAt(k) === SPACE) { k++; sp++; }
  if (sp > 3 && !mdx) return -1;
  let seen = false;
  let count = 0;
  let c = k < le ? text.charCodeAt(k) : -1;
  for (;;) {
    // headDelimiterBefore
    if (c === 124) {
      seen = true;
      k++;
      while (k < le && text.charCodeAt(k) === SPACE) k++;
    } else if (c !== 45 && c !== 58) {
      return -1;
    }
    // headDelimiterValueBefore
    c = k < le ? text.charCodeAt(k) : -1;
    if (c === -1) break;
    if (c === 58) { count++; seen = true; k++; if (text.charCodeAt(k) !== 45 || k >= le) return -1; } else if (c === 45) count++;
    else return -1;
    while (k < le && text.charCodeAt(k) === 45) k++;
    if (k < le && text.charCodeAt(k) === 58) { seen = true; k++; }
    while (k < le && text.charCodeAt(k) === SPACE) k++;
    // headDelimiterCellAfter
    c = k < le ? text.charCodeAt(k) : -1;
    if (c === -1) break;
    if (c !== 124) return -1;
  }
  return seen ? count : -1;
}

/**
 * The `]` ending a GFM footnote label whose text starts at `k` (after `[^`), or -1: no whitespace,
 * line ending or `[`, at least one character, `\\` escapes `[`, `\\` and `]`, as micromark-extension-
 * gfm-footnote reads definitions and calls.
 */
function footnoteLabelEnd(text: string, k: number, le: number): number {
  let size = 0;
  for (;;) {
    if (k >= le) return -1;
    const c = text.charCodeAt(k);
    if (size > 999 || (c === 93 && size === 0) || c === 91 || c === SPACE || c === TAB || isEol(c)) return -1;
    if (c === 93) return k;
    size++;
    k++;
    if (c === 92 && k < le) {
      const d = text.charCodeAt(k);
      if (d === 91 || d === 92 || d === 93) { size++; k++; }
    }
  }
}

function lineHasLabelEnd(text: string, seg: Seg): boolean {
  return text.slice(seg.s, seg.e).includes(']');
}

/** A link destination at `k` (micromark's factoryDestination); `value` is the raw string (escapes not yet decoded). */
function scanDestination(text: string, k: number, le: number, limit: number): { value: string; end: number } | null {
  if (text.charCodeAt(k) === 60 /* < */) {
    let j = k + 1;
    for (;;) {
      if (j >= le) return null;
      const c = text.charCodeAt(j);
      if (c === 62) return { value: text.slice(k + 1, j), end: j + 1 };
      if (c === 60) return null;
      if (c === 92) {
        const d = text.charCodeAt(j + 1);
        if (j + 1 < le && (d === 60 || d === 62 || d === 92)) { j += 2; continue; }
      }
      j++;
    }
  }
  let j = k;
  let balance = 0;
  const c0 = j < le ? text.charCodeAt(j) : -1;
  if (c0 === -1 || c0 === SPACE || c0 === 41 || isAsciiControl(c0)) return null;
  for (;;) {
    const c = j < le ? text.charCodeAt(j) : -1;
    if (balance === 0 && (c === -1 || c === 41 || c === SPACE || c === TAB)) return { value: text.slice(k, j), end: j };
    if (c === 40 && balance < limit) { balance++; j++; continue; }
    if (c === 41) { balance--; j++; continue; }
    if (c === -1 || c === SPACE || c === 40 || isAsciiControl(c)) return null;
    j++;
    if (c === 92 && j < le) {
      const d = text.charCodeAt(j);
      if (d === 40 || d === 41 || d === 92) j++;
    }
  }
}

/** A title at `k` ("…", '…' or (…)); its end, -1 when invalid, -2 when it runs past the line. */
function scanTitle(text: string, k: number, le: number): number {
  const open = text.charCodeAt(k);
  const close = open === 40 ? 41 : open;
  let j = k + 1;
  for (;;) {
    if (j >= le) return -2;
    const c = text.charCodeAt(j);
    if (c === close) return j + 1;
    if (c === 92 && j + 1 < le) {
      const d = text.charCodeAt(j + 1);
      if (d === close || d === 92) { j += 2; continue; }
    }
    j++;
  }
}

/** End of a complete closing tag's `</name` at `k` (micromark html-flow kind 7), or -1. */
function completeClosingTag(text: string, k: number, le: number): number {
  while (k < le && isSpaceOrTab(text.charCodeAt(k))) k++;
  return text.charCodeAt(k) === 62 ? k + 1 : -1;
}

/** End of a complete opening tag whose name ends at `k`, or -1 (the attribute states of micromark's html-flow). */
function completeOpeningTag(text: string, k: number, le: number): number {
  const code = (p: number) => (p < le ? text.charCodeAt(p) : -1);
  const enum S { NameBefore, NameAfter, ValueBefore }
  let state = S.NameBefore;
  for (;;) {
    const c = code(k);
    if (state === S.NameBefore) {
      if (c === 47) return code(k + 1) === 62 ? k + 2 : -1;
      if (c === 58 || c === 95 || isAsciiAlpha(c)) {
        k++;
        while (k < le) {
          const d = text.charCodeAt(k);
          if (d === 45 || d === 46 || d === 58 || d === 95 || isAsciiAlphanumeric(d)) k++;
          else break;
        }
        state = S.NameAfter;
        continue;
      }
      if (isSpaceOrTab(c)) { k++; continue; }
      return c === 62 ? k + 1 : -1;
    }
    if (state === S.NameAfter) {
      if (c === 61) { k++; state = S.ValueBefore; continue; }
      if (isSpaceOrTab(c)) { k++; continue; }
      state = S.NameBefore;
      continue;
    }
    // ValueBefore
    if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96) return -1;
    if (isSpaceOrTab(c)) { k++; continue; }
    if (c === 34 || c === 39) {
      const close = text.indexOf(String.fromCharCode(c), k + 1);
      if (close < 0 || close >= le) return -1;
      k = close + 1;
      const d = code(k);
      if (!(d === 47 || d === 62 || isSpaceOrTab(d))) return -1;
      state = S.NameBefore;
      continue;
    }
    // Unquoted: up to a character that ends it, then (as micromark does) the state after a name,
    // where a further `=` starts another value.
    while (k < le) {
      const d = text.charCodeAt(k);
      if (d === 34 || d === 39 || d === 47 || d === 60 || d === 61 || d === 62 || d === 96 || isSpaceOrTab(d)) break;
      k++;
    }
    state = S.NameAfter;
  }
}

// ---------------------------------------------------------------------------------------------
// Inline content: micromark's text tokenizer and resolvers (attention, label end), on a virtual
// string made of the block's lines without their container prefixes and indentation.

const enum T { Text, Seq, Node, Label, Tag }

/** Characters the inline scanner stops at (everything else is plain text). */
const SPECIAL = new Uint8Array(128);
for (const ch of '\n\r\\&`*_~![]<{') SPECIAL[ch.charCodeAt(0)] = 1;

interface Item {
  t: T;
  /** Virtual offsets. */
  s: number;
  e: number;
  value?: string;
  node?: MNode;
  // Attention sequences.
  m?: number;
  open?: boolean;
  close?: boolean;
  // Label starts.
  image?: boolean;
  balanced?: boolean;
  inactive?: boolean;
  /** Emphasis and strong: their content. */
  inner?: Item[];
  /** MDX JSX tags. */
  tag?: Tag;
  /** Label starts: their index in the items. */
  idx?: number;
}

class InlineScanner {
  private readonly v: string;
  /** Virtual start of each segment. */
  private readonly vs: number[] = [];
  private readonly items: Item[] = [];
  private readonly labels: Item[] = [];

  constructor(
    private readonly text: string,
    private readonly defined: Set<string>,
    private readonly job: InlineJob,
    private readonly tilde: boolean,
    /** Labels of the page's footnote definitions, when micromark reads footnotes at all. */
    private readonly footnotes: Set<string> | null,
    private readonly literals: boolean,
    private readonly mdx: boolean,
  ) {
    const segs = job.segs;
    // The last line's trailing whitespace is never content.
    const last = segs[segs.length - 1]!;
    let e = last.e;
    while (e > last.s && isSpaceOrTab(text.charCodeAt(e - 1))) e--;
    if (segs.length === 1) {
      this.v = text.slice(last.s, e);
      this.vs.push(0);
    } else {
      let v = '';
      for (let i = 0; i < segs.length; i++) {
        const g = segs[i]!;
        this.vs.push(v.length);
        if (i < segs.length - 1) v += text.slice(g.s, g.nl);
        else v += text.slice(g.s, e);
      }
      this.v = v;
    }
    for (let k = 1; k < segs.length; k++) if ((segs[k]!.p ?? 0) > segs[k - 1]!.nl) this.prefixed = true;
    if (literals) {
      const v = this.v;
      this.litEmail = v.includes('@');
      this.litWww = (v.includes('w.') || v.includes('W.')) && /www\./i.test(v);
      this.litHttp = v.includes('://') && /https?:\/\//i.test(v);
      if (this.litEmail || this.litWww || this.litHttp) this.candidates = literalCandidates(v);
    }
  }

  /** The value of the last expression read across lines (null: the virtual string's slice). */
  private expressionValue: string | null = null;

  /** Sorted offsets where a literal autolink could start (the only places `literal` is tried). */
  private candidates: number[] = [];

  /** Which resolver micromark runs first in this content: 0 none yet, 1 attention, 2 strikethrough. */
  private firstResolver = 0;

  /** Whether a line after the first has a container prefix (`>`, list indentation). */
  private prefixed = false;

  // GFM literal autolinks (micromark-extension-gfm-autolink-literal) that can start in this content.
  private litEmail = false;
  private litWww = false;
  private litHttp = false;

  /** A literal autolink starting at i, as micromark's syntax extension finds it; its end, or -1. */
  private literal(i: number, c: number): { end: number; url: string } | null {
    const v = this.v;
    const prev = i > 0 ? v.charCodeAt(i - 1) : -1;
    let end = -1;
    let url = '';
    if (this.litEmail && isGfmAtext(c) && !(prev === 47 || isGfmAtext(prev))) {
      end = emailLiteral(v, i);
      if (end > 0) url = 'mailto:' + v.slice(i, end);
    }
    if (end < 0 && this.litWww && (c === 87 || c === 119) && (prev === -1 || prev === 40 || prev === 42 || prev === 95 || prev === 91 || prev === 93 || prev === 126 || isWhitespace(prev))) {
      end = wwwLiteral(v, i);
      if (end > 0) url = 'http://' + v.slice(i, end);
    }
    if (end < 0 && this.litHttp && (c === 72 || c === 104) && !isAsciiAlpha(prev)) {
      end = httpLiteral(v, i);
      if (end > 0) url = v.slice(i, end);
    }
    if (end < 0) return null;
    // Inside a label that is still open micromark makes no literal (its previousUnbalanced); when the
    // label does not become a link, GFM's tree transform may link the text: checkTransform bails then.
    for (const l of this.labels) if (!l.balanced) return null;
    return { end, url };
  }

  /** Source offset of a virtual offset, as the start of something. */
  private os(p: number): number {
    const vs = this.vs;
    if (vs.length === 1) return this.job.segs[0]!.s + p;
    let k = vs.length - 1;
    while (vs[k]! > p) k--;
    return this.job.segs[k]!.s + (p - vs[k]!);
  }

  /** Source offset of a virtual offset, as the end of something (a line's start ends at the previous line ending). */
  private oe(p: number): number {
    const vs = this.vs;
    if (vs.length === 1) return this.job.segs[0]!.s + p;
    let k = vs.length - 1;
    while (vs[k]! > p) k--;
    if (k > 0 && vs[k] === p) return this.job.segs[k - 1]!.nl;
    return this.job.segs[k]!.s + (p - vs[k]!);
  }

  /**
   * The end of the text expression whose `{` is at i: micromark-factory-mdx-expression tries acorn
   * at each `}` of the text content (lines included) and ends at the first that closes a valid
   * expression. When none does, micromark throws: the last attempt's error, or, without one, an
   * unexpected end of file where the content ends.
   */
  private expression(i: number): number {
    this.expressionValue = null;
    const v = this.v;
    const vs = this.vs;
    let k = vs.length - 1;
    while (vs[k]! > i) k--;
    // On its own line the source is the virtual string's.
    const lineEnd = k + 1 < vs.length ? lineEndFrom(v, i) : v.length;
    let crash = -1;
    for (let j = i + 1; ;) {
      const close = v.indexOf('}', j);
      if (close < 0 || close >= lineEnd) break;
      const err = acornError(v.slice(i + 1, close), true);
      if (err < 0) return close + 1;
      crash = this.os(i + 1 + err);
      j = close + 1;
    }
    if (k + 1 < vs.length) return this.expressionAcrossLines(i, k, crash);
    if (crash >= 0) throw new MdxError('Could not parse expression with acorn', crash);
    throw new MdxError(EOF_IN_EXPRESSION, this.job.segs[k]!.e);
  }

  /**
   * An expression going on past line `k` of the content. Its source is not the virtual string's:
   * after each line ending micromark takes only up to 2 columns of whitespace as a line prefix (the
   * rest is code), and an error's place is in the chunk (or at the end of the line ending) holding it.
   */
  private expressionAcrossLines(i: number, k: number, crash: number): number {
    const text = this.text;
    const segs = this.job.segs;
    // The source's pieces: where each line's part starts in the source and in the text.
    const pieces: [number, number][] = [[0, this.os(i + 1)]];
    let src = text.slice(this.os(i + 1), segs[k]!.nl);
    // mdast's value keeps virtual spaces opening a chunk as spaces (acorn's source drops them).
    let value = src;
    for (k++; k < segs.length; k++) {
      const g = segs[k]!;
      const prefix = exprLinePrefixEnd(text, segs[k - 1]!.nl, g.p ?? g.s, g.pv ?? 0);
      const from = prefix.end;
      pieces.push([src.length, from]);
      if (prefix.virtual > 0) value += ' '.repeat(prefix.virtual);
      for (let j = g.s; ;) {
        const close = text.indexOf('}', j);
        if (close < 0 || close >= g.e) break;
        const body = src + text.slice(from, close);
        const err = acornError(body, true);
        if (err < 0) {
          this.expressionValue = value + text.slice(from, close);
          return this.vs[k]! + (close - g.s) + 1;
        }
        if (err === body.length && close === from && prefix.virtual === 0) {
          // The `}` opens the line's code: no chunk there, the source ends with the line ending.
          crash = segs[k - 1]!.nl;
        } else {
          // eventsToAcorn's place: in the chunk (or line ending) holding the offset, the next
          // line's chunk where one ends and the other starts.
          let x = pieces.length - 1;
          while (pieces[x]![0] > err) x--;
          crash = pieces[x]![1] + (err - pieces[x]![0]);
        }
        j = close + 1;
      }
      src += text.slice(from, k === segs.length - 1 ? g.e : g.nl);
      value += text.slice(from, k === segs.length - 1 ? g.e : g.nl);
    }
    if (crash >= 0) throw new MdxError('Could not parse expression with acorn', crash);
    throw new MdxError(EOF_IN_EXPRESSION, segs[segs.length - 1]!.e);
  }

  run(): void {
    const v = this.v;
    const n = v.length;
    const items = this.items;
    const lit = this.litEmail || this.litWww || this.litHttp;
    const cands = this.candidates;
    let ci = 0;
    let escapeEnd = -1; // where the last character escape ended
    let ts = this.job.task ?? 0; // start of pending plain text
    let i = ts;
    const flush = (to: number) => {
      if (to > ts) items.push({ t: T.Text, s: ts, e: to, value: v.slice(ts, to) });
    };
    while (i < n) {
      const c = v.charCodeAt(i);
      switch (c) {
        case LF:
        case CR: {
          // Trailing spaces and tabs before a line ending are not content; two or more spaces make a hard break.
          let w = i;
          while (w > ts && isSpaceOrTab(v.charCodeAt(w - 1))) w--;
          flush(w);
          const eol = c === CR && v.charCodeAt(i + 1) === LF ? 2 : 1;
          const ws = v.slice(w, i);
          if (ws.length >= 2 && !ws.includes('\t')) {
            items.push({ t: T.Node, s: w, e: i + eol, node: { type: 'break' } });
          } else {
            items.push({ t: T.Text, s: i, e: i + eol, value: v.slice(i, i + eol) });
          }
          i += eol;
          ts = i;
          continue;
        }
        case 92: { // \
          const d = v.charCodeAt(i + 1);
          if (i + 1 < n && (d === LF || d === CR)) {
            flush(i);
            const eol = d === CR && v.charCodeAt(i + 2) === LF ? 2 : 1;
            items.push({ t: T.Node, s: i, e: i + 1 + eol, node: { type: 'break' } });
            i += 1 + eol;
            ts = i;
            continue;
          }
          if (i + 1 < n && isAsciiPunctuation(d)) {
            flush(i);
            items.push({ t: T.Text, s: i, e: i + 2, value: v[i + 1]! });
            escapeEnd = i + 2;
            i += 2;
            ts = i;
            continue;
          }
          i++;
          continue;
        }
        case 38: { // &
          const r = characterReference(v, i);
          if (r) {
            flush(i);
            items.push({ t: T.Text, s: i, e: r.end, value: r.value });
            i = r.end;
            ts = i;
            continue;
          }
          i++;
          continue;
        }
        case 96: { // `
          let r = i;
          while (r < n && v.charCodeAt(r) === 96) r++;
          const size = r - i;
          const close = findCodeClose(v, r, size);
          flush(i);
          if (close < 0) {
            // micromark's failed attempt runs over the following lines, and the line endings after it
            // then end past the container prefixes of their next line: not reproduced.
            if (this.prefixed && lineEndFrom(v, r) < n) bail('unclosed code after which lines are prefixed');
            items.push({ t: T.Text, s: i, e: r, value: v.slice(i, r) });
          } else {
            const raw = v.slice(r, close);
            if (raw.includes('\n') || raw.includes('\r')) {
              // Continuation lines keep their indentation inside code: only its extent is known here.
              // Its value is read (link text, headings, HTML/JSX link text) only there.
              if (this.labels.length > 0 || this.job.heading || v.includes('<')) bail('multi-line code where its value is read');
            }
            let value = codeValue(raw);
            if (this.job.cell) value = value.replace(/\\([\\|])/g, (m, c: string) => (c === '|' ? c : m));
            items.push({ t: T.Node, s: i, e: close + size, node: { type: 'inlineCode', value } });
            r = close + size;
          }
          i = r;
          ts = i;
          continue;
        }
        case 42: // *
        case 95: { // _
          // GFM's email literal is tried before attention at `_`.
          if (c === 95 && this.litEmail) {
            const l = this.literal(i, c);
            if (l) {
              flush(i);
              items.push({ t: T.Node, s: i, e: l.end, node: { type: 'link', url: l.url, children: [{ type: 'text', value: v.slice(i, l.end), position: at(this.os(i), this.oe(l.end)) }] } });
              i = l.end;
              ts = i;
              continue;
            }
          }
          let r = i;
          while (r < n && v.charCodeAt(r) === c) r++;
          flush(i);
          const before = classifyCharacter(i > 0 ? v.charCodeAt(i - 1) : null);
          const after = classifyCharacter(r < n ? v.charCodeAt(r) : null);
          // With GFM strikethrough loaded, a `~` next to the run counts as punctuation that both opens and closes.
          const open = !after || (after === 2 && !!before) || (this.tilde && r < n && v.charCodeAt(r) === 126);
          const close = !before || (before === 2 && !!after) || (this.tilde && i > 0 && v.charCodeAt(i - 1) === 126);
          if (this.firstResolver === 0) this.firstResolver = 1;
          items.push({
            t: T.Seq, s: i, e: r, m: c,
            open: c === 42 ? open : open && (!!before || !close),
            close: c === 42 ? close : close && (!!after || !open),
          });
          i = r;
          ts = i;
          continue;
        }
        case 126: { // ~
          // GFM strikethrough: a run of one or two tildes (more are text), not right after a tilde
          // unless that one was escaped.
          let r = i;
          while (r < n && v.charCodeAt(r) === 126) r++;
          flush(i);
          if (i > 0 && v.charCodeAt(i - 1) === 126 && escapeEnd !== i) bail('tilde after a tilde');
          if (r - i > 2) {
            items.push({ t: T.Text, s: i, e: r, value: v.slice(i, r) });
          } else {
            const before = classifyCharacter(i > 0 ? v.charCodeAt(i - 1) : null);
            const after = classifyCharacter(r < n ? v.charCodeAt(r) : null);
            items.push({ t: T.Seq, s: i, e: r, m: 126, open: !after || (after === 2 && !!before), close: !before || (before === 2 && !!after) });
            if (this.firstResolver === 0) this.firstResolver = 2;
          }
          i = r;
          ts = i;
          continue;
        }
        case 33: // !
          if (v.charCodeAt(i + 1) === 91) {
            flush(i);
            const it: Item = { t: T.Label, s: i, e: i + 2, image: true, balanced: false, inactive: false, idx: items.length };
            items.push(it);
            this.labels.push(it);
            i += 2;
            ts = i;
            continue;
          }
          i++;
          continue;
        case 91: { // [
          flush(i);
          // A GFM footnote call is tried before a label start.
          if (this.footnotes && v.charCodeAt(i + 1) === 94) {
            const k = footnoteLabelEnd(v, i + 2, n);
            if (k >= 0 && this.footnotes.has(normalizeIdentifier(v.slice(i + 2, k)))) {
              const raw = v.slice(i + 2, k);
              items.push({ t: T.Node, s: i, e: k + 1, node: { type: 'footnoteReference', identifier: normalizeIdentifier(raw).toLowerCase(), label: decodeString(raw) } });
              i = k + 1;
              ts = i;
              continue;
            }
          }
          const it: Item = { t: T.Label, s: i, e: i + 1, image: false, balanced: false, inactive: false, idx: items.length };
          items.push(it);
          this.labels.push(it);
          i++;
          ts = i;
          continue;
        }
        case 93: { // ]
          flush(i);
          const next = this.labelEnd(i);
          if (next < 0) {
            if (!this.footnotes || !this.potentialFootnoteCall(i)) items.push({ t: T.Text, s: i, e: i + 1, value: ']' });
            i++;
          } else {
            i = next;
          }
          ts = i;
          continue;
        }
        case 123: { // {
          if (!this.mdx) { i++; continue; }
          const e = this.expression(i);
          flush(i);
          items.push({ t: T.Node, s: i, e, node: { type: 'mdxTextExpression', value: this.expressionValue ?? v.slice(i + 1, e - 1) } });
          i = e;
          ts = i;
          continue;
        }
        case 60: { // <
          if (this.mdx) {
            const tag = parseTag(v, i, lineEndFrom(v, i), (p) => this.os(p));
            if (!tag) { i++; continue; }
            flush(i);
            items.push({ t: T.Tag, s: i, e: tag.end, tag });
            i = tag.end;
            ts = i;
            continue;
          }
          const a = autolink(v, i);
          if (a) {
            flush(i);
            const inner = v.slice(i + 1, a.end - 1);
            const node: MNode = {
              type: 'link',
              url: a.email ? 'mailto:' + inner : inner,
              children: [{ type: 'text', value: inner, position: at(this.os(i + 1), this.oe(a.end - 1)) }],
            };
            items.push({ t: T.Node, s: i, e: a.end, node });
            i = a.end;
            ts = i;
            continue;
          }
          const h = htmlText(v, i);
          if (h === -2) bail('multi-line inline html');
          if (h > 0) {
            flush(i);
            items.push({ t: T.Node, s: i, e: h, node: { type: 'html', value: v.slice(i, h) } });
            i = h;
            ts = i;
            continue;
          }
          i++;
          continue;
        }
        default:
          if (lit) {
            while (ci < cands.length && cands[ci]! < i) ci++;
          }
          if (lit && cands[ci] === i) {
            const l = this.literal(i, c);
            if (l) {
              flush(i);
              const node: MNode = { type: 'link', url: l.url, children: [{ type: 'text', value: v.slice(i, l.end), position: at(this.os(i), this.oe(l.end)) }] };
              items.push({ t: T.Node, s: i, e: l.end, node });
              i = l.end;
              ts = i;
              continue;
            }
          }
          {
            // Plain text: jump to the next character that can start a construct (or literal).
            let j = i + 1;
            let limit = n;
            if (lit) {
              while (ci < cands.length && cands[ci]! <= i) ci++;
              if (ci < cands.length) limit = cands[ci]!;
            }
            while (j < limit) {
              const d = v.charCodeAt(j);
              if (d < 128 && SPECIAL[d] === 1) break;
              j++;
            }
            i = j;
          }
      }
    }
    flush(n);
    // micromark resolves attention and strikethrough in the order their first sequences appeared.
    const nodes = this.toNodes(this.firstResolver === 2 ? resolveAttention(resolveStrikethrough(items)) : resolveStrikethrough(resolveAttention(items)));
    this.job.node.children = nodes;
    if (this.job.task) {
      // mdast-util-gfm-task-list-item drops the first character after the check.
      const head = nodes[0];
      if (head && head.type === 'text') {
        head.value = head.value!.slice(1);
        if (head.value === '') nodes.shift();
        else {
          head.position!.start.offset++;
          this.job.node.position!.start.offset = head.position!.start.offset;
        }
      }
    }
    // GFM's tree transform then links what it finds in the remaining text (without positions): not handled.
    if (this.literals && (this.litEmail || this.litWww || this.litHttp || v.includes('&') || v.includes('\\'))) checkTransform(nodes);
  }

  /** micromark's label end at `]` (virtual offset i); returns where scanning resumes, or -1 when `]` is text. */
  private labelEnd(i: number): number {
    const labels = this.labels;
    while (labels.length > 0 && labels[labels.length - 1]!.balanced) labels.pop();
    const start = labels[labels.length - 1];
    if (!start) return -1;
    if (start.inactive) { start.balanced = true; return -1; }
    const v = this.v;
    const labelText = v.slice(start.e, i);
    const defined = this.defined.size > 0 && this.defined.has(normalizeIdentifier(labelText));
    const j = i + 1;
    const c = v.charCodeAt(j);
    let end = -1;
    let kind: 'resource' | 'full' | 'collapsed' | 'shortcut' | null = null;
    let url = '';
    let refLabel = '';
    if (c === 40 /* ( */) {
      const r = this.resource(j);
      if (r) { kind = 'resource'; end = r.end; url = r.url; } else if (defined) { kind = 'shortcut'; end = j; }
    } else if (c === 91 /* [ */) {
      const l = this.referenceLabel(j);
      if (l !== null && this.defined.has(normalizeIdentifier(l.raw))) { kind = 'full'; end = l.end; refLabel = l.raw; } else if (defined && v.charCodeAt(j + 1) === 93) { kind = 'collapsed'; end = j + 2; }
    } else if (defined) {
      kind = 'shortcut';
      end = j;
    }
    if (!kind) { start.balanced = true; return -1; }
    // The link: the label's content becomes its children (attention resolved inside first).
    const items = this.items;
    const at0 = start.idx!;
    const inner = items.slice(at0 + 1);
    const children = this.toNodes(resolveInside(inner));
    labels.pop();
    let node: MNode;
    if (kind === 'resource') {
      node = start.image ? { type: 'image', url, alt: toStringAll(children) } : { type: 'link', url, children };
    } else {
      const identifier = normalizeIdentifier(kind === 'full' ? refLabel : labelText).toLowerCase();
      node = start.image
        ? { type: 'imageReference', identifier, label: labelText, referenceType: kind, alt: toStringAll(children) }
        : { type: 'linkReference', identifier, label: labelText, referenceType: kind, children };
    }
    if (!start.image) for (const l of labels) if (!l.image) l.inactive = true;
    items.length = at0;
    items.push({ t: T.Node, s: start.s, e: end, node });
    return end;
  }

  /**
   * micromark-extension-gfm-footnote's call at a `]` that ended no link: after `![^label` (an image
   * label start with no label, link, image or call since), the `!` stays text and `[^label]` is a call.
   */
  private potentialFootnoteCall(i: number): boolean {
    const items = this.items;
    let x = items.length - 1;
    for (; x >= 0; x--) {
      const it = items[x]!;
      if (it.t === T.Label) {
        if (!it.image) return false;
        break;
      }
      if (it.t === T.Node) {
        const type = it.node!.type;
        if (type === 'footnoteReference' || type === 'link' || type === 'linkReference' || type === 'image' || type === 'imageReference') return false;
      }
    }
    if (x < 0) return false;
    const start = items[x]!;
    const v = this.v;
    const id = normalizeIdentifier(v.slice(start.e, i));
    if (id.charCodeAt(0) !== 94 || !this.footnotes!.has(id.slice(1))) return false;
    const raw = v.slice(start.e + 1, i);
    const li = this.labels.indexOf(start);
    if (li >= 0) this.labels.splice(li, 1);
    items.length = x;
    items.push({ t: T.Text, s: start.s, e: start.s + 1, value: '!' });
    items.push({ t: T.Node, s: start.s + 1, e: i + 1, node: { type: 'footnoteReference', identifier: normalizeIdentifier(raw).toLowerCase(), label: decodeString(raw) } });
    return true;
  }

  /** `(destination "title")` at j; bails when it spans lines. */
  private resource(j: number): { end: number; url: string } | null {
    const v = this.v;
    const n = v.length;
    let k = j + 1;
    const ws = () => {
      while (k < n) {
        const c = v.charCodeAt(k);
        if (isSpaceOrTab(c)) k++;
        else if (isEol(c)) bail('multi-line resource');
        else break;
      }
    };
    ws();
    let url = '';
    if (v.charCodeAt(k) === 41) return { end: k + 1, url };
    const d = scanDestination(v, k, lineEndFrom(v, k), 32);
    if (!d) {
      if (lineEndFrom(v, k) < n && v.charCodeAt(k) !== 60) {
        // A raw destination stops at a line ending only when balanced; be safe.
        bail('destination near a line ending');
      }
      return null;
    }
    url = d.value.includes('\\') || d.value.includes('&') ? decodeString(d.value) : d.value;
    k = d.end;
    const before = k;
    ws();
    const c = v.charCodeAt(k);
    if (k > before && (c === 34 || c === 39 || c === 40)) {
      const te = scanTitle(v, k, lineEndFrom(v, k));
      if (te === -2) {
        if (lineEndFrom(v, k) < n) bail('multi-line title');
        return null;
      }
      if (te < 0) return null;
      k = te;
      ws();
    }
    if (v.charCodeAt(k) === 41) return { end: k + 1, url };
    return null;
  }

  /** A reference label `[…]` at j (micromark's factoryLabel); null when invalid. */
  private referenceLabel(j: number): { raw: string; end: number } | null {
    const v = this.v;
    const n = v.length;
    let k = j + 1;
    let seen = false;
    for (;;) {
      if (k - j > 999) return null;
      if (k >= n) return null;
      const c = v.charCodeAt(k);
      if (c === 91) return null;
      if (c === 93) {
        if (!seen) return null;
        return { raw: v.slice(j + 1, k), end: k + 1 };
      }
      if (isEol(c)) bail('multi-line reference label');
      if (c === 92 && k + 1 < n) {
        const d = v.charCodeAt(k + 1);
        if (d === 91 || d === 92 || d === 93) { seen = true; k += 2; continue; }
      }
      if (!isSpaceOrTab(c)) seen = true;
      k++;
    }
  }

  /** Items to mdast nodes: leftover sequences and label starts are text; adjacent text merges. */
  private toNodes(items: Item[]): MNode[] {
    const out: MNode[] = [];
    let text: MNode | null = null;
    let textStart = 0;
    let textEnd = 0;
    let value = '';
    const end = () => {
      if (text) {
        text.value = value;
        text.position = at(this.os(textStart), this.oe(textEnd));
        text = null;
      }
    };
    for (let x = 0; x < items.length; x++) {
      const it = items[x]!;
      if (it.t === T.Tag) {
        // mdast-util-mdx-jsx: a tag opens an element that the next closing tag at this level must close.
        end();
        const tag = it.tag!;
        if (tag.kind === TagKind.Close) bail('unmatched JSX closing tag');
        const node: MNode = { type: 'mdxJsxTextElement', name: tag.name, attributes: tag.attributes, children: [] };
        if (tag.kind === TagKind.Self) {
          node.position = at(this.os(it.s), this.oe(it.e));
        } else {
          let depth = 0;
          let y = x + 1;
          for (; y < items.length; y++) {
            const t = items[y]!.tag;
            if (!t || t.kind === TagKind.Self) continue;
            if (t.kind === TagKind.Open) depth++;
            else if (depth > 0) depth--;
            else break;
          }
          if (y >= items.length || items[y]!.tag!.name !== tag.name) bail('unmatched JSX tag');
          node.children = this.toNodes(items.slice(x + 1, y));
          node.position = at(this.os(it.s), this.oe(items[y]!.e));
          x = y;
        }
        out.push(node);
        continue;
      }
      if (it.t === T.Node) {
        end();
        const node = it.node!;
        if (!node.position) node.position = at(this.os(it.s), this.oe(it.e));
        if (it.inner) node.children = this.toNodes(it.inner);
        if (node.type === 'text') bail('internal: text node item');
        out.push(node);
        continue;
      }
      const s = it.t === T.Text ? it.value! : this.v.slice(it.s, it.e);
      if (!text) {
        text = { type: 'text' };
        out.push(text);
        textStart = it.s;
        value = '';
      }
      value += s;
      textEnd = it.e;
    }
    end();
    return out;
  }
}

const isWhitespace = (c: number) => c >= 0 && unicodeWhitespace(c);
const isPunctuation = (c: number) => c >= 0 && unicodePunctuation(c);
const isGfmAtext = (c: number) => c === 43 || c === 45 || c === 46 || c === 95 || isAsciiAlphanumeric(c);
const codeAt = (v: string, k: number) => (k < v.length ? v.charCodeAt(k) : -1);

/**
 * Where micromark can try a literal autolink: the start of the run of atext before each `@`, each
 * `www.` and each `http(s)://` (it tries nowhere else with success: see the tokenizers below).
 */
function literalCandidates(v: string): number[] {
  const out: number[] = [];
  for (let at = v.indexOf('@'); at >= 0; at = v.indexOf('@', at + 1)) {
    let k = at;
    while (k > 0 && isGfmAtext(v.charCodeAt(k - 1))) k--;
    if (k < at) out.push(k);
  }
  for (const m of v.matchAll(/www\.|https?:\/\//gi)) out.push(m.index);
  return out.sort((a, b) => a - b);
}

function emailLiteral(v: string, p: number): number {
  let k = p;
  while (isGfmAtext(codeAt(v, k))) k++;
  if (codeAt(v, k) !== 64) return -1;
  k++;
  let data = false;
  let dot = false;
  for (;;) {
    const c = codeAt(v, k);
    if (c === 46) {
      if (!isAsciiAlphanumeric(codeAt(v, k + 1))) break;
      dot = true;
      k++;
      continue;
    }
    if (c === 45 || c === 95 || isAsciiAlphanumeric(c)) { data = true; k++; continue; }
    break;
  }
  return data && dot && isAsciiAlpha(v.charCodeAt(k - 1)) ? k : -1;
}

function wwwLiteral(v: string, p: number): number {
  for (let k = p; k < p + 3; k++) { const c = codeAt(v, k); if (c !== 87 && c !== 119) return -1; }
  if (codeAt(v, p + 3) !== 46 || p + 4 >= v.length) return -1;
  const d = literalDomain(v, p);
  return d < 0 ? -1 : literalPath(v, d);
}

function httpLiteral(v: string, p: number): number {
  let k = p + 1;
  while (isAsciiAlpha(codeAt(v, k)) && k - p < 5) k++;
  if (codeAt(v, k) !== 58) return -1;
  const protocol = v.slice(p, k).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return -1;
  k++;
  if (codeAt(v, k) !== 47 || codeAt(v, k + 1) !== 47) return -1;
  k += 2;
  const c = codeAt(v, k);
  if (c === -1 || isAsciiControl(c) || isWhitespace(c) || isPunctuation(c)) return -1;
  const d = literalDomain(v, k);
  return d < 0 ? -1 : literalPath(v, d);
}

function literalDomain(v: string, k: number): number {
  let underscoreLast = false;
  let underscoreLastLast = false;
  let seen = false;
  for (;;) {
    const c = codeAt(v, k);
    if (c === 46 || c === 95) {
      if (literalTrail(v, k)) break;
      if (c === 95) underscoreLast = true;
      else { underscoreLastLast = underscoreLast; underscoreLast = false; }
      k++;
      continue;
    }
    if (c === -1 || isWhitespace(c) || (c !== 45 && isPunctuation(c))) break;
    seen = true;
    k++;
  }
  return underscoreLast || underscoreLastLast || !seen ? -1 : k;
}

function literalPath(v: string, k: number): number {
  let open = 0;
  let close = 0;
  for (;;) {
    const c = codeAt(v, k);
    if (c === 40) { open++; k++; continue; }
    if (c === 41 && close < open) { close++; k++; continue; }
    if (c === 33 || c === 34 || c === 38 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 60 || c === 63 || c === 93 || c === 95 || c === 126) {
      if (literalTrail(v, k)) return k;
      if (c === 41) close++;
      k++;
      continue;
    }
    if (c === -1 || isWhitespace(c)) return k;
    k++;
  }
}

/** Whether the punctuation at k trails the literal (micromark's `trail`): it then ends before k. */
function literalTrail(v: string, k: number): boolean {
  for (;;) {
    const c = codeAt(v, k);
    if (c === 33 || c === 34 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 63 || c === 95 || c === 126) { k++; continue; }
    if (c === 38) {
      k++;
      if (!isAsciiAlpha(codeAt(v, k))) return false;
      while (isAsciiAlpha(codeAt(v, k))) k++;
      if (codeAt(v, k) !== 59) return false;
      k++;
      continue;
    }
    if (c === 93) {
      k++;
      const d = codeAt(v, k);
      if (d === -1 || d === 40 || d === 91 || isWhitespace(d)) return true;
      continue;
    }
    return c === 60 || c === -1 || isWhitespace(c);
  }
}

const TRANSFORM_URL = /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi;
const QUICK_URL = /:\/\/|www/i;
const TRANSFORM_EMAIL = /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

/** Bails when mdast-util-gfm-autolink-literal's transform would link something in these nodes' text. */
function checkTransform(nodes: MNode[]): void {
  for (const node of nodes) {
    if (node.type === 'link' || node.type === 'linkReference') continue;
    if (node.children) checkTransform(node.children);
    if (node.type !== 'text') continue;
    const value = node.value!;
    if (/(?:mailto|xmpp):/.test(value) && value.includes('@')) bail('literal autolink (transform)');
    let m: RegExpExecArray | null;
    TRANSFORM_URL.lastIndex = 0;
    while (QUICK_URL.test(value) && (m = TRANSFORM_URL.exec(value))) {
      const prevCode = m.index > 0 ? value.charCodeAt(m.index - 1) : -1;
      const ok = m.index === 0 || isWhitespace(prevCode) || isPunctuation(prevCode);
      let domain = m[2]!;
      if (/^w/i.test(m[1]!)) domain = m[1]! + domain;
      if (ok && !isPunctuation(domain.charCodeAt(0)) && isCorrectDomain(domain)) bail('literal autolink (transform)');
      TRANSFORM_URL.lastIndex = m.index + 1;
    }
    if (value.includes('@')) {
      TRANSFORM_EMAIL.lastIndex = 0;
      while ((m = TRANSFORM_EMAIL.exec(value))) {
        if (!/[\d\-_]$/.test(m[2]!)) bail('literal autolink (transform)');
        TRANSFORM_EMAIL.lastIndex = m.index + 1;
      }
    }
  }
}

function isCorrectDomain(domain: string): boolean {
  const parts = domain.split('.');
  const last = parts[parts.length - 1];
  const lastLast = parts[parts.length - 2];
  return !(parts.length < 2 || (last && (/_/.test(last) || !/[\dA-Za-z]/.test(last))) || (lastLast && (/_/.test(lastLast) || !/[\dA-Za-z]/.test(lastLast))));
}

// MDX: acorn with JSX, configured as micromark-extension-mdxjs configures it.
const JsParser = Parser.extend(acornJsx());
const ACORN = { ecmaVersion: 2024, sourceType: 'module', preserveParens: true } as const;

/** micromark-util-events-to-acorn's test for code that is only whitespace and comments. */
function isEmptyJs(value: string): boolean {
  return /^\s*$/.test(value.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\r\n]*(\r\n|\n|\r)/g, ''));
}

/**
 * The end of the MDX expression whose `{` is at i: micromark-factory-mdx-expression tries acorn at
 * each `}` and ends at the first one that closes a valid expression. Bails past `limit`.
 */
function expressionEnd(src: string, i: number, allowEmpty: boolean, limit: number): number {
  const e = expressionClose(src, i, allowEmpty, limit);
  if (e < 0) bail('MDX expression not closed on its line');
  return e;
}

/** Like expressionEnd, but -1 when no `}` before `limit` closes the expression. */
function expressionClose(src: string, i: number, allowEmpty: boolean, limit: number): number {
  for (let j = i + 1; ;) {
    const close = src.indexOf('}', j);
    if (close < 0 || close >= limit) return -1;
    if (acornError(src.slice(i + 1, close), allowEmpty) < 0) return close + 1;
    j = close + 1;
  }
}

/**
 * Whether `body` is a valid MDX expression, as micromark-util-events-to-acorn decides: -1 when it
 * is, else the offset of acorn's error (or of content after the expression) in `body`.
 */
function acornError(body: string, allowEmpty: boolean): number {
  if (isEmptyJs(body)) {
    if (!allowEmpty) bail('empty MDX expression');
    try {
      JsParser.parse(body, ACORN);
      return -1;
    } catch (e) {
      return acornErrorPos(e, body);
    }
  }
  try {
    const node = JsParser.parseExpressionAt(body, 0, ACORN);
    return isEmptyJs(body.slice(node.end)) ? -1 : node.end;
  } catch (e) {
    return acornErrorPos(e, body);
  }
}

function acornErrorPos(e: unknown, body: string): number {
  const pos = (e as { pos?: unknown }).pos;
  if (typeof pos !== 'number') bail('acorn error without a position');
  return Math.max(0, Math.min(pos, body.length));
}

const EOF_IN_EXPRESSION = 'Unexpected end of file in expression, expected a corresponding closing brace for `{`';

/**
 * micromark's error for a flow expression at `k` with no container around it that no `}` closes:
 * the last attempt's (its place mapped through the lines' chunks, each after up to 2 columns of
 * whitespace), or an unexpected end of file.
 */
function flowExpressionError(text: string, k: number): MdxError {
  const n = text.length;
  const pieces: [number, number][] = [];
  let src = '';
  let crash = -1;
  let from = k + 1;
  let prevNl = -1;
  let virtual = 0;
  for (;;) {
    const le = lineEndFrom(text, from);
    pieces.push([src.length, from]);
    for (let j = from; ;) {
      const close = text.indexOf('}', j);
      if (close < 0 || close >= le) break;
      const body = src + text.slice(from, close);
      const err = acornError(body, true);
      if (err < 0) bail('internal: a flow expression closes');
      if (err === body.length && close === from && prevNl >= 0 && virtual === 0) {
        crash = prevNl;
      } else {
        let x = pieces.length - 1;
        while (pieces[x]![0] > err) x--;
        crash = pieces[x]![1] + (err - pieces[x]![0]);
      }
      j = close + 1;
    }
    if (le >= n) break;
    const nl = le + (text.charCodeAt(le) === CR && text.charCodeAt(le + 1) === LF ? 2 : 1);
    src += text.slice(from, nl);
    const prefix = exprLinePrefixEnd(text, nl, nl, 0);
    from = prefix.end;
    virtual = prefix.virtual;
    prevNl = nl;
  }
  return crash >= 0 ? new MdxError('Could not parse expression with acorn', crash) : new MdxError(EOF_IN_EXPRESSION, n);
}

const ESM_TYPES = new Set(['ExportAllDeclaration', 'ExportDefaultDeclaration', 'ExportNamedDeclaration', 'ImportDeclaration']);

const IDENT = '[A-Za-z_$][\\w$]*';
/** One line importing a default, a namespace or named bindings (ASCII names) from a string: the common MDX import. */
const SIMPLE_IMPORT = new RegExp(`^import[ \\t]+(?:(${IDENT})[ \\t]+|\\*[ \\t]*as[ \\t]+(${IDENT})[ \\t]+|\\{([ \\t\\w$,]*)\\}[ \\t]*|(${IDENT})[ \\t]*,[ \\t]*\\{([ \\t\\w$,]*)\\}[ \\t]*)from[ \\t]*(?:'[^'\\\\\\r\\n]*'|"[^"\\\\\\r\\n]*")[ \\t]*;?[ \\t]*$`);
const SPECIFIER = new RegExp(`^(${IDENT})(?:[ \\t]+as[ \\t]+(${IDENT}))?$`);
/** Words that cannot name a binding in module code (acorn rejects them as import names). */
const RESERVED_BINDINGS = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
  'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public ' +
  'await arguments eval').split(' '));

/**
 * The names an ESM block of simple one-line imports declares, in acorn's order, when every line is one
 * and every name is new and not reserved; undefined for anything else (acorn decides). Exported for the
 * test that holds it to acorn.
 */
export function simpleImports(source: string, imported: readonly string[]): string[] | undefined {
  const names: string[] = [];
  const seen = new Set(imported);
  const add = (name: string): boolean => {
    if (RESERVED_BINDINGS.has(name) || seen.has(name)) return false;
    seen.add(name);
    names.push(name);
    return true;
  };
  for (const line of source.split(/\r\n|\r|\n/)) {
    const m = SIMPLE_IMPORT.exec(line);
    if (!m) return undefined;
    const def = m[1] ?? m[4];
    if (def !== undefined && !add(def)) return undefined;
    if (m[2] !== undefined && !add(m[2])) return undefined;
    const named = m[3] ?? m[5];
    if (named === undefined || named.trim() === '') continue;
    const parts = named.split(',').map((p) => p.trim());
    // `{ a, }` is allowed, `{ , }` and `{ a,, b }` are not (SPECIFIER declines the empty name).
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    for (const p of parts) {
      const sp = SPECIFIER.exec(p);
      if (!sp || !add(sp[2] ?? sp[1]!)) return undefined;
    }
  }
  return names;
}

/** micromark-extension-mdxjs-esm's check of an import/export block (names imported before are declared first). */
function checkEsm(source: string, imported: string[]): void {
  const simple = simpleImports(source, imported);
  if (simple) {
    imported.push(...simple);
    return;
  }
  const prefix = imported.length > 0 ? 'var ' + imported.join(',') + '\n' : '';
  let program: ReturnType<typeof JsParser.parse>;
  try {
    program = JsParser.parse(prefix + source, { ...ACORN, locations: true });
  } catch {
    bail('ESM that acorn does not parse');
  }
  const body = (program as unknown as { body: { type: string; specifiers?: { local: { name: string } }[] }[] }).body.slice(prefix ? 1 : 0);
  for (const node of body) {
    if (!ESM_TYPES.has(node.type)) bail('ESM with other statements');
    if (node.type === 'ImportDeclaration') for (const sp of node.specifiers ?? []) imported.push(sp.local.name);
  }
}

const idStart = (c: number) => c >= 0 && idBegin(c);
const idCont = (c: number, o: { jsx: boolean }) => c >= 0 && idContinue(c, o);
const isJsxSpace = (c: number) => c === SPACE || c === TAB || (c > 127 && unicodeWhitespace(c));

/**
 * A JSX tag at i (micromark-extension-mdx-jsx's factoryTag) on one line ending at `limit`: null when
 * `<` is followed by whitespace (then it is text); bails where MDX would fail or the tag spans lines.
 * `map` turns offsets of `src` into page offsets (attribute positions).
 */
function parseTag(src: string, i: number, limit: number, map: (p: number) => number, acrossLines = false): Tag | null {
  const code = (p: number) => (p < limit ? src.charCodeAt(p) : -1);
  let k = i + 1;
  const c0 = code(k);
  if (c0 === -1) {
    if (limit >= src.length) bail('`<` at the end');
    return null;
  }
  if (c0 === SPACE || c0 === TAB || isEol(c0)) return null;
  // Whitespace inside a tag, line endings included when the tag may span lines.
  const ws = () => { while (k < limit && (isJsxSpace(src.charCodeAt(k)) || (acrossLines && isEol(src.charCodeAt(k))))) k++; };
  const fail = (why: string): never => bail('JSX: ' + why);
  const name = (): string => {
    const s = k;
    if (!idStart(code(k))) fail('name');
    k++;
    while (k < limit && (idCont(src.charCodeAt(k), { jsx: true }))) k++;
    return src.slice(s, k);
  };
  ws();
  let kind = TagKind.Open;
  if (code(k) === 47) { kind = TagKind.Close; k++; ws(); }
  let tagName: string | null = null;
  if (code(k) !== 62) {
    const s = k;
    name();
    const after = code(k);
    if (!(after === 46 || after === 47 || after === 58 || after === 62 || after === 123 || isJsxSpace(after) || isEol(after))) fail('in name');
    ws();
    if (code(k) === 46) {
      while (code(k) === 46) { k++; ws(); name(); ws(); }
    } else if (code(k) === 58) {
      k++; ws(); name(); ws();
    }
    tagName = src.slice(s, k).trimEnd();
    if (/\s/.test(tagName)) fail('whitespace in a name');
  }
  const attributes: JsxAttribute[] = [];
  for (;;) {
    ws();
    const c = code(k);
    if (c === -1) fail('tag not closed on its line');
    if (c === 62) { k++; break; }
    if (c === 47) {
      if (kind === TagKind.Close) fail('closing tag with a slash');
      k++;
      ws();
      if (code(k) !== 62) fail('self-closing slash');
      k++;
      kind = TagKind.Self;
      break;
    }
    if (kind === TagKind.Close || tagName === null) fail('attribute on a closing tag or fragment');
    if (c === 123) fail('spread attribute');
    const s = k;
    name();
    let after = code(k);
    if (!(after === 47 || after === 58 || after === 61 || after === 62 || after === 123 || isJsxSpace(after) || isEol(after))) fail('in attribute name');
    ws();
    if (code(k) === 58) { k++; ws(); name(); after = code(k); ws(); }
    const attrName = src.slice(s, k).trimEnd();
    if (/\s/.test(attrName)) fail('whitespace in an attribute name');
    let nameEnd = s + attrName.length;
    if (code(k) !== 61) {
      attributes.push({ type: 'mdxJsxAttribute', name: attrName, value: null, position: at(map(s), map(nameEnd)) });
      const d = code(k);
      if (!(d === 47 || d === 62 || d === 123 || idStart(d))) fail('after attribute name');
      continue;
    }
    k++;
    ws();
    const q = code(k);
    if (q === 34 || q === 39) {
      const close = src.indexOf(String.fromCharCode(q), k + 1);
      if (close < 0 || close >= limit) fail('attribute value not closed on its line');
      const raw = src.slice(k + 1, close);
      if (/[\r\n]/.test(raw)) fail('attribute value across lines');
      // mdast-util-mdx-jsx decodes character references in literal values.
      const value = raw.includes('&') ? parseEntities(raw, { nonTerminated: false }) : raw;
      k = close + 1;
      attributes.push({ type: 'mdxJsxAttribute', name: attrName, value, position: at(map(s), map(k)) });
    } else if (q === 123) {
      const x = acrossLines ? attributeExpression(src, k, limit) : { end: expressionEnd(src, k, false, limit), value: null };
      const e = x.end;
      attributes.push({ type: 'mdxJsxAttribute', name: attrName, value: { type: 'mdxJsxAttributeValueExpression', value: x.value ?? src.slice(k + 1, e - 1) }, position: at(map(s), map(e)) });
      k = e;
    } else {
      fail('attribute value');
    }
    nameEnd = k;
    const d = code(k);
    if (!(d === 47 || d === 62 || d === 123 || d === -1 || isJsxSpace(d) || isEol(d) || idStart(d))) fail('after attribute value');
  }
  return { kind, name: tagName, attributes, end: k };
}

/**
 * Where a line's chunk of an MDX expression starts: micromark's `eolAfter` takes up to 2 columns of
 * whitespace from the container prefixes' end (`p`, with `pv` virtual spaces of a tab left); and
 * how many virtual spaces of a tab open the chunk.
 */
function exprLinePrefixEnd(text: string, ls: number, p: number, pv: number): { end: number; virtual: number } {
  let n = 2;
  if (pv >= n) return { end: p, virtual: pv - n };
  n -= pv;
  let col = 0;
  for (let k = ls; k < p; k++) col = text.charCodeAt(k) === TAB ? col + 4 - (col % 4) : col + 1;
  let k = p;
  while (n > 0) {
    const c = text.charCodeAt(k);
    if (c === SPACE) { n--; col++; k++; continue; }
    if (c !== TAB) break;
    const w = 4 - (col % 4);
    if (w > n) return { end: k + 1, virtual: w - n };
    n -= w;
    col += w;
    k++;
  }
  return { end: k, virtual: 0 };
}

/**
 * An attribute value expression at `k` in a tag with no container around it, which may go on past
 * its line: its end and its value (mdast-util-mdx-jsx's: after each line ending, up to 2 columns of
 * whitespace are micromark's line prefix; virtual spaces of a tab it took in part stay as spaces,
 * which acorn does not see).
 */
function attributeExpression(text: string, k: number, limit: number): { end: number; value: string } {
  let src = '';
  let value = '';
  let from = k + 1;
  for (;;) {
    const le = lineEndFrom(text, from);
    for (let j = from; ;) {
      const close = text.indexOf('}', j);
      if (close < 0 || close >= le || close >= limit) break;
      if (acornError(src + text.slice(from, close), false) < 0) return { end: close + 1, value: value + text.slice(from, close) };
      j = close + 1;
    }
    if (le >= limit || le >= text.length) bail('MDX expression not closed');
    const nl = le + (text.charCodeAt(le) === CR && text.charCodeAt(le + 1) === LF ? 2 : 1);
    const prefix = exprLinePrefixEnd(text, nl, nl, 0);
    src += text.slice(from, nl);
    value += text.slice(from, nl) + ' '.repeat(prefix.virtual);
    from = prefix.end;
  }
}

function lineEndFrom(v: string, k: number): number {
  let e = k;
  while (e < v.length && !isEol(v.charCodeAt(e))) e++;
  return e;
}

/** micromark's `insideSpan` resolvers (labels, emphasis, strikethrough content): strikethrough, then attention. */
function resolveInside(items: Item[]): Item[] {
  return resolveAttention(resolveStrikethrough(items));
}

/** micromark-extension-gfm-strikethrough's resolveAll: a closing run deletes up to an opening run of the same length. */
function resolveStrikethrough(items: Item[]): Item[] {
  let i = 0;
  while (i < items.length) {
    const closer = items[i]!;
    if (closer.t === T.Seq && closer.m === 126 && closer.close) {
      let found = -1;
      for (let o = i - 1; o >= 0; o--) {
        const op = items[o]!;
        if (op.t === T.Seq && op.m === 126 && op.open && op.e - op.s === closer.e - closer.s) { found = o; break; }
      }
      if (found >= 0) {
        const op = items[found]!;
        const inner = resolveInside(items.slice(found + 1, i));
        items.splice(found, i - found + 1, { t: T.Node, s: op.s, e: closer.e, node: { type: 'delete' }, inner });
        i = found + 1;
        continue;
      }
    }
    i++;
  }
  return items;
}

/** micromark's resolveAllAttention, on items: emphasis and strong from matching sequences. */
function resolveAttention(items: Item[]): Item[] {
  let i = 0;
  while (i < items.length) {
    const closer = items[i]!;
    if (closer.t === T.Seq && closer.close && closer.m !== 126) {
      let found = -1;
      for (let o = i - 1; o >= 0; o--) {
        const op = items[o]!;
        if (op.t !== T.Seq || !op.open || op.m !== closer.m) continue;
        const ol = op.e - op.s;
        const cl = closer.e - closer.s;
        if ((op.close || closer.open) && cl % 3 && !((ol + cl) % 3)) continue;
        found = o;
        break;
      }
      if (found >= 0) {
        const op = items[found]!;
        const use = op.e - op.s > 1 && closer.e - closer.s > 1 ? 2 : 1;
        const inner = resolveInside(items.slice(found + 1, i));
        const group: Item = { t: T.Node, s: op.e - use, e: closer.s + use, node: { type: use > 1 ? 'strong' : 'emphasis' }, inner };
        op.e -= use;
        closer.s += use;
        const repl: Item[] = [];
        if (op.e > op.s) repl.push(op);
        repl.push(group);
        const rest = closer.e > closer.s;
        if (rest) repl.push(closer);
        items.splice(found, i - found + 1, ...repl);
        i = found + repl.length - (rest ? 1 : 0);
        continue;
      }
    }
    i++;
  }
  return items;
}

/** mdast-util-to-string with images' alt and HTML (how micromark builds an image's alt). */
function toStringAll(nodes: MNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n.value === 'string') out += n.value;
    else if ((n.type === 'image' || n.type === 'imageReference') && n.alt) out += n.alt;
    else if (n.children) out += toStringAll(n.children);
  }
  return out;
}

/** `&name;`, `&#123;`, `&#x1F;` at i (micromark's character reference). */
function characterReference(v: string, i: number): { end: number; value: string } | null {
  let k = i + 1;
  let max = 31;
  let test = isAsciiAlphanumeric;
  let base = 0;
  if (v.charCodeAt(k) === 35) {
    k++;
    const x = v.charCodeAt(k);
    if (x === 88 || x === 120) { k++; max = 6; test = isAsciiHexDigit; base = 16; } else { max = 7; test = isAsciiDigit; base = 10; }
  }
  const s = k;
  while (k < v.length && test(v.charCodeAt(k)) && k - s < max) k++;
  if (k === s || v.charCodeAt(k) !== 59) return null;
  const name = v.slice(s, k);
  if (base === 0) {
    const d = decodeNamedCharacterReference(name);
    if (d === false) return null;
    return { end: k + 1, value: d };
  }
  return { end: k + 1, value: decodeNumericCharacterReference(name, base) };
}

/** The closing backtick run of exactly `size` after r, or -1. */
function findCodeClose(v: string, r: number, size: number): number {
  let k = r;
  const n = v.length;
  while (k < n) {
    const b = v.indexOf('`', k);
    if (b < 0) return -1;
    let e = b;
    while (e < n && v.charCodeAt(e) === 96) e++;
    if (e - b === size) return b;
    k = e;
  }
  return -1;
}

/** Code span content: one space (or line ending) stripped from each side when both have one and it is not all spaces. */
function codeValue(raw: string): string {
  const isPad = (c: number) => c === SPACE || c === LF || c === CR;
  if (raw.length >= 2 && isPad(raw.charCodeAt(0)) && isPad(raw.charCodeAt(raw.length - 1))) {
    for (let k = 0; k < raw.length; k++) {
      if (!isPad(raw.charCodeAt(k))) {
        let s = 1;
        let e = raw.length - 1;
        if (raw.charCodeAt(0) === CR && raw.charCodeAt(1) === LF) s = 2;
        if (raw.charCodeAt(e) === LF && raw.charCodeAt(e - 1) === CR) e--;
        return raw.slice(s, e);
      }
    }
  }
  return raw;
}

/** An autolink `<scheme:…>` or `<email>` at i (micromark's autolink); its end. */
function autolink(v: string, i: number): { end: number; email: boolean } | null {
  const n = v.length;
  const k = i + 1;
  const c = v.charCodeAt(k);
  if (isAsciiAlpha(c)) {
    // Scheme: 2–32 characters, then ':'.
    let j = k + 1;
    while (j < n && j - k < 32) {
      const d = v.charCodeAt(j);
      if (d === 43 || d === 45 || d === 46 || isAsciiAlphanumeric(d)) j++;
      else break;
    }
    if (j - k >= 2 && v.charCodeAt(j) === 58) {
      let u = j + 1;
      for (;;) {
        if (u >= n) return null;
        const d = v.charCodeAt(u);
        if (d === 62) return { end: u + 1, email: false };
        if (d === SPACE || d === 60 || isAsciiControl(d)) return null;
        u++;
      }
    }
  }
  // Email.
  if (c === 64) return null;
  let j = k;
  while (j < n && isAsciiAtext(v.charCodeAt(j))) j++;
  if (j === k || v.charCodeAt(j) !== 64) return null;
  j++;
  // Labels of at most 63 alphanumerics and dashes, starting with an alphanumeric, not ending with a dash, separated by dots.
  for (;;) {
    if (!isAsciiAlphanumeric(v.charCodeAt(j))) return null;
    let size = 0;
    let last = 0;
    for (;;) {
      const d = v.charCodeAt(j);
      if ((d === 45 || isAsciiAlphanumeric(d)) && size++ < 63) { last = d; j++; continue; }
      break;
    }
    const d = v.charCodeAt(j);
    if (last === 45) return null;
    if (d === 46) { j++; continue; }
    if (d === 62) return { end: j + 1, email: true };
    return null;
  }
}

/** Inline HTML at i (micromark's html-text): its end, 0 when it is not HTML, -2 when it would span lines. */
function htmlText(v: string, i: number): number {
  const n = v.length;
  let k = i + 1;
  const c = v.charCodeAt(k);
  const eolBail = (p: number) => { if (isEol(v.charCodeAt(p))) throw new Bail('multi-line inline html'); };
  if (c === 33 /* ! */) {
    k++;
    const d = v.charCodeAt(k);
    if (d === 45) {
      if (v.charCodeAt(k + 1) !== 45) return 0;
      // `<!--`: ends at the first `-->`, which may reuse the opening dashes (`<!-->`, `<!--->`).
      const e = v.indexOf('-->', k);
      const le = lineEndFrom(v, i);
      if (e < 0 || e + 3 > le) return le < n ? -2 : 0;
      return e + 3;
    }
    if (d === 91) return v.startsWith('[CDATA[', k) ? bail('cdata') : 0;
    if (isAsciiAlpha(d)) {
      const e = v.indexOf('>', k);
      const le = lineEndFrom(v, i);
      if (e < 0 || e > le) return le < n ? -2 : 0;
      return e + 1;
    }
    return 0;
  }
  if (c === 63 /* ? */) {
    const e = v.indexOf('?>', k + 1);
    const le = lineEndFrom(v, i);
    if (e < 0 || e + 2 > le) return le < n ? -2 : 0;
    return e + 2;
  }
  if (c === 47 /* / */) {
    k++;
    if (!isAsciiAlpha(v.charCodeAt(k))) return 0;
    while (k < n && (isAsciiAlphanumeric(v.charCodeAt(k)) || v.charCodeAt(k) === 45)) k++;
    while (k < n && isSpaceOrTab(v.charCodeAt(k))) k++;
    eolBail(k);
    return v.charCodeAt(k) === 62 ? k + 1 : 0;
  }
  if (!isAsciiAlpha(c)) return 0;
  while (k < n && (isAsciiAlphanumeric(v.charCodeAt(k)) || v.charCodeAt(k) === 45)) k++;
  {
    const d = v.charCodeAt(k);
    if (!(d === 47 || d === 62 || isSpaceOrTab(d) || isEol(d))) return 0;
  }
  for (;;) {
    // tagOpenBetween
    eolBail(k);
    let d = v.charCodeAt(k);
    if (d === 47) return v.charCodeAt(k + 1) === 62 ? k + 2 : 0;
    if (d === 58 || d === 95 || isAsciiAlpha(d)) {
      k++;
      while (k < n) {
        const e = v.charCodeAt(k);
        if (e === 45 || e === 46 || e === 58 || e === 95 || isAsciiAlphanumeric(e)) k++;
        else break;
      }
      // tagOpenAttributeNameAfter
      for (;;) {
        eolBail(k);
        if (isSpaceOrTab(v.charCodeAt(k))) k++;
        else break;
      }
      if (v.charCodeAt(k) !== 61) continue;
      k++;
      for (;;) {
        eolBail(k);
        if (isSpaceOrTab(v.charCodeAt(k))) k++;
        else break;
      }
      d = k < n ? v.charCodeAt(k) : -1;
      if (d === -1 || d === 60 || d === 61 || d === 62 || d === 96) return 0;
      if (d === 34 || d === 39) {
        const q = d;
        k++;
        for (;;) {
          if (k >= n) return 0;
          const e = v.charCodeAt(k);
          if (e === q) break;
          eolBail(k);
          k++;
        }
        k++;
        const e = v.charCodeAt(k);
        if (!(e === 47 || e === 62 || isSpaceOrTab(e) || isEol(e))) return 0;
        continue;
      }
      for (;;) {
        const e = k < n ? v.charCodeAt(k) : -1;
        if (e === -1 || e === 34 || e === 39 || e === 60 || e === 61 || e === 96) return 0;
        if (e === 47 || e === 62 || isSpaceOrTab(e) || isEol(e)) break;
        k++;
      }
      continue;
    }
    if (isSpaceOrTab(d)) { k++; continue; }
    return d === 62 ? k + 1 : 0;
  }
}

