// Hugo's `{{< relref "x.md" >}}` / `{{< ref "x.md" >}}` shortcodes are links written as text:
// the Markdown parser sees them as text, so they are found here and added to the page's links.
import type { LinkFact } from '../types';

const SHORTCODE = /\{\{[<%]\s*(relref|ref)\s+(?:"([^"]*)"|'([^']*)'|([^\s>%}]+))\s*[>%]\}\}/g;

/** Links of the relref/ref shortcodes in a page's source, in source order. */
export function shortcodeLinks(text: string): LinkFact[] {
  if (!text.includes('{{')) return [];
  const out: LinkFact[] = [];
  for (const m of text.matchAll(SHORTCODE)) {
    const url = m[2] ?? m[3] ?? m[4] ?? '';
    const start = m.index;
    // The destination's own span, inside the quotes when quoted.
    const urlStart = start + m[0].indexOf(url, m[0].indexOf(m[1]!) + m[1]!.length);
    out.push({
      kind: 'inline', url, hasHref: true, hasOnClick: false, image: false, text: '',
      span: { start, end: start + m[0].length }, urlSpan: { start: urlStart, end: urlStart + url.length },
      placement: 'content', sentence: '', element: m[1]!,
    });
  }
  return out;
}

/** Adds shortcode links to the parsed links, keeping source order. */
export function withShortcodeLinks(links: LinkFact[], text: string): LinkFact[] {
  const extra = shortcodeLinks(text);
  if (extra.length === 0) return links;
  return [...links, ...extra].sort((a, b) => a.span.start - b.span.start);
}
