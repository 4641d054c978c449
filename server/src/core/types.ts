// Plain data types of the analysis core. Everything here is serialisable (cache, workers, wire).

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** A half-open range of UTF-16 offsets into a page's text (BOM removed). */
export interface Span { start: number; end: number }

export type LinkKind = 'inline' | 'reference' | 'autolink' | 'html' | 'jsx';

/**
 * Where a link sits on the page. Only `content` links are contextual;
 * `related` are link lists and "Related posts" sections, `navigation` are nav/footer components.
 */
export type Placement = 'content' | 'related' | 'navigation' | 'heading';

export interface LinkFact {
  kind: LinkKind;
  /** Destination as written; '' when empty or absent. */
  url: string;
  /** False for `<a>` without an href attribute. */
  hasHref: boolean;
  /** An `onclick`/`onClick` handler was present. */
  hasOnClick: boolean;
  image: boolean;
  /** Plain anchor text (alt text for images). */
  text: string;
  span: Span;
  /** Span of the destination text inside the source, when it is written literally. */
  urlSpan?: Span;
  /** Span of the anchor text inside the source, when it is contiguous. */
  textSpan?: Span;
  placement: Placement;
  /** JSX component or HTML element name for html/jsx links. */
  element?: string;
  /** Reference label for reference-style links. */
  label?: string;
}

export interface HeadingFact {
  depth: number;
  text: string;
  /** The fragment id: the explicit `{#id}` when present, else the GitHub-style slug. */
  slug: string;
  explicitId?: string;
  span: Span;
}

export interface DefinitionFact { label: string; url: string; span: Span }

export type ProblemKind = 'frontmatter-error' | 'parse-error';
export interface ParseProblem { kind: ProblemKind; message: string; span: Span }

export interface SuppressionFact {
  kind: 'next-line' | 'disable' | 'enable';
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** Zero-based line of the comment. */
  line: number;
}

/** Everything the analysis needs from one page, extracted once per content version. */
export interface PageFacts {
  file: string;
  frontmatter: Record<string, unknown> | null;
  frontmatterSpan?: Span;
  /** The frontmatter block as written, fences included; it starts at offset 0 of the page. */
  frontmatterText?: string;
  title: string | null;
  h1: string | null;
  headings: HeadingFact[];
  links: LinkFact[];
  definitions: DefinitionFact[];
  /** Fragment targets other than headings: `<a id>`, `<a name>`, `id="..."` on HTML/JSX elements. */
  anchors: string[];
  wordCount: number;
  /** Plain text of the body (no code), for relevance scoring. */
  text: string;
  problems: ParseProblem[];
  suppressions: SuppressionFact[];
  /** Offsets where each line starts; line 0 starts at 0. */
  lineStarts: number[];
  /** Length of the text in UTF-16 units. */
  length: number;
  /** Span of the body after frontmatter. */
  bodyStart: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  range: Range;
  message: string;
  /** Rule-specific payload that lets code actions be rebuilt statelessly. */
  data?: Record<string, unknown>;
}
