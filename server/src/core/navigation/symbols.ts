// The heading outline of a page and workspace symbols (pages by title, headings after `#`).
import type { SiteModel } from '../model';
import type { PageFacts, Span } from '../types';

export interface OutlineSymbol {
  name: string;
  depth: number;
  /** The whole section: from the heading to the next heading of the same or a higher level. */
  span: Span;
  /** The heading itself. */
  selectionSpan: Span;
  children: OutlineSymbol[];
}

export function outline(page: PageFacts): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const stack: OutlineSymbol[] = [];
  page.headings.forEach((h, i) => {
    const next = page.headings.slice(i + 1).find((o) => o.depth <= h.depth);
    const sym: OutlineSymbol = { name: h.text || '(empty heading)', depth: h.depth, span: { start: h.span.start, end: next ? next.span.start : page.length }, selectionSpan: h.span, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.children : roots).push(sym);
    stack.push(sym);
  });
  return roots;
}

export interface WorkspaceSymbolInfo {
  kind: 'page' | 'heading';
  name: string;
  /** The page title for headings, the URL (else the file) for pages. */
  container: string;
  file: string;
  span: Span;
}

/** Case-insensitive subsequence match, as editors filter symbol lists. */
function matches(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const n = name.toLowerCase();
  let i = 0;
  for (let j = 0; i < q.length && j < n.length; j++) if (n[j] === q[i]) i++;
  return i === q.length;
}

/** Pages whose title (or URL) matches `query`; a query starting with `#` searches headings instead. */
export function workspaceSymbols(model: SiteModel, query: string, limit = 500): WorkspaceSymbolInfo[] {
  const out: WorkspaceSymbolInfo[] = [];
  const files = [...model.pages.keys()].sort();
  if (query.startsWith('#')) {
    const q = query.slice(1).trim();
    for (const file of files) {
      for (const h of model.pages.get(file)!.headings) {
        if (out.length >= limit) return out;
        if (matches(q, h.text) || matches(q, h.slug)) out.push({ kind: 'heading', name: h.text, container: model.titleOf(file), file, span: h.span });
      }
    }
    return out;
  }
  for (const file of files) {
    if (out.length >= limit) break;
    const title = model.titleOf(file);
    const url = model.urlOf(file);
    if (!matches(query, title) && !(url && matches(query, url))) continue;
    const h1 = model.pages.get(file)!.headings.find((h) => h.depth === 1);
    out.push({ kind: 'page', name: title, container: url ?? file, file, span: h1 ? h1.span : { start: 0, end: 0 } });
  }
  return out;
}
