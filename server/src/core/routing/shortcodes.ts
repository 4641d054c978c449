// Links written as template tags, which the Markdown parser sees as text: Hugo's
// `{{< relref "x.md" >}}` / `{{< ref "x.md" >}}` shortcodes and Jekyll's `{% link path %}` /
// `{% post_url name %}` Liquid tags. They are found here and added to the page's links.
//
// A Hugo shortcode's destination is its path (resolved like a file link). A Jekyll tag keeps the
// tag itself as its destination (`{% post_url 2020-01-02-hello %}`): the resolver recognises it and
// resolves it as Jekyll does; its urlSpan is the tag's argument, so no fix rewrites it as a URL.
import type { LinkFact } from '../types';

const HUGO = /\{\{[<%]\s*(relref|ref)\s+(?:"([^"]*)"|'([^']*)'|([^\s>%}]+))\s*[>%]\}\}/g;
const LIQUID = /\{%-?\s*(link|post_url)\s+((?:"[^"]*"|'[^']*'|[^\s%{}]+))\s*-?%\}/g;

/** The canonical form of a Jekyll tag: what the resolver reads. */
export function liquidTag(tag: 'link' | 'post_url', arg: string): string {
  return `{% ${tag} ${arg} %}`;
}

/** `{% post_url 2020-01-02-hello %}` → its tag and argument; undefined for any other destination. */
export function parseLiquidTag(url: string): { tag: 'link' | 'post_url'; arg: string } | undefined {
  const m = /^\{%-?\s*(link|post_url)\s+(\S+)\s*-?%\}$/.exec(url.trim());
  return m ? { tag: m[1] as 'link' | 'post_url', arg: m[2]!.replace(/^(['"])(.*)\1$/, '$2') } : undefined;
}

/** Spans of fenced code blocks and inline code: a tag shown as an example is not a link. */
function codeRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
  for (const m of text.matchAll(fence)) out.push([m.index, m.index + m[0].length]);
  const inline = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;
  for (const m of text.matchAll(inline)) if (!out.some(([a, b]) => m.index >= a && m.index < b)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** `[text](TAG)` around a tag: the anchor text and the span of the whole link, when written so. */
function enclosingLink(text: string, start: number, end: number): { text: string; span: { start: number; end: number } } | undefined {
  if (text.slice(start - 2, start) !== '](' || text[end] !== ')') return undefined;
  let depth = 0;
  for (let i = start - 3; i >= 0 && text[i] !== '\n'; i--) {
    const c = text[i];
    if (c === ']') depth++;
    else if (c === '[') {
      if (depth === 0) return { text: text.slice(i + 1, start - 2), span: { start: i, end: end + 1 } };
      depth--;
    }
  }
  return undefined;
}

/** Links of the relref/ref shortcodes and link/post_url tags in a page's source, in source order. */
export function shortcodeLinks(text: string): LinkFact[] {
  const hasHugo = text.includes('{{');
  const hasLiquid = text.includes('{%');
  if (!hasHugo && !hasLiquid) return [];
  const hugo = hasHugo ? [...text.matchAll(HUGO)] : [];
  const liquid = hasLiquid ? [...text.matchAll(LIQUID)] : [];
  if (hugo.length === 0 && liquid.length === 0) return [];
  const code = codeRanges(text);
  const inCode = (at: number) => code.some(([a, b]) => at >= a && at < b);
  const out: LinkFact[] = [];
  const add = (start: number, whole: string, element: string, url: string, argStart: number, argLength: number) => {
    const end = start + whole.length;
    const around = enclosingLink(text, start, end);
    out.push({
      kind: 'inline', url, hasHref: true, hasOnClick: false, image: false, text: around?.text ?? '',
      span: around?.span ?? { start, end }, urlSpan: { start: argStart, end: argStart + argLength },
      ...(around ? { textSpan: { start: around.span.start + 1, end: start - 2 } } : {}),
      placement: 'content', element,
    });
  };
  for (const m of hugo) {
    if (inCode(m.index)) continue;
    const url = m[2] ?? m[3] ?? m[4] ?? '';
    // The destination's own span, inside the quotes when quoted.
    const urlStart = m.index + m[0].indexOf(url, m[0].indexOf(m[1]!) + m[1]!.length);
    add(m.index, m[0], m[1]!, url, urlStart, url.length);
  }
  for (const m of liquid) {
    if (inCode(m.index)) continue;
    const raw = m[2]!;
    const arg = raw.replace(/^(['"])(.*)\1$/, '$2');
    const argStart = m.index + m[0].indexOf(raw, m[0].indexOf(m[1]!) + m[1]!.length) + (raw === arg ? 0 : 1);
    add(m.index, m[0], m[1]!, liquidTag(m[1] as 'link' | 'post_url', arg), argStart, arg.length);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Adds tag links to the parsed links, keeping source order. A parsed link whose destination holds
 * a tag (`<a href="{% link about.md %}">`) takes the tag as its destination instead of a second link.
 */
export function withShortcodeLinks(links: LinkFact[], text: string): LinkFact[] {
  const extra = shortcodeLinks(text);
  if (extra.length === 0) return links;
  const merged = links.map((l) => {
    const tag = extra.find((e) => e.urlSpan && e.urlSpan.start >= l.span.start && e.urlSpan.end <= l.span.end && /\{[{%]/.test(l.url));
    return tag ? { ...l, url: tag.url, ...(tag.urlSpan ? { urlSpan: tag.urlSpan } : {}) } : l;
  });
  const used = new Set(merged.map((l) => `${l.url}@${l.urlSpan?.start ?? -1}`));
  const rest = extra.filter((e) => !used.has(`${e.url}@${e.urlSpan?.start ?? -1}`));
  return [...merged, ...rest].sort((a, b) => a.span.start - b.span.start);
}
