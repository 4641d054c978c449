import { keywordsOf } from '../clusters';
import type { SiteModel } from '../model';
import { anchorTerms, isGenericAnchor, looksLikeUrl, slugWords, terms } from '../text/index';
import { defineRule } from './types';

/**
 * Stems that describe a page: its names (title, H1, URL and file words; "home" for home pages), and
 * the rest (headings, its and its cluster's keywords), read only when an anchor matches none of the
 * names — most anchors name their page's title, so most pages' headings are never tokenised.
 */
class DestinationTerms {
  private readonly names = new Set<string>();
  private rest: Set<string> | undefined;
  /** The message after the link text: built once, shared by the findings that point here. */
  afterText: string | undefined;
  constructor(private readonly model: SiteModel, private readonly file: string) {
    const page = model.pages.get(file)!;
    this.addTo(this.names, [page.title, page.h1, slugWords(model.urlOf(file) ?? ''), slugWords(file)]);
    // Home pages are called "home" whatever their title says.
    if (model.entryPages.has(file) || model.urlOf(file) === '/') this.addTo(this.names, ['home homepage start']);
  }
  private addTo(set: Set<string>, texts: Iterable<string | null | undefined>): void {
    for (const text of texts) if (text) for (const t of terms(text)) set.add(t);
  }
  /** Whether any of `words` describes the page. */
  hasAny(words: readonly string[]): boolean {
    if (words.some((w) => this.names.has(w))) return true;
    if (!this.rest) {
      const page = this.model.pages.get(this.file)!;
      this.rest = new Set();
      this.addTo(this.rest, page.headings.map((h) => h.text));
      this.addTo(this.rest, keywordsOf(page, this.model.config));
      this.addTo(this.rest, this.model.clusterOf(this.file)?.cluster.keywords ?? []);
    }
    return words.some((w) => this.rest!.has(w));
  }
}

export default defineRule<{ minTerms: number }>({
  meta: {
    id: 'anchor-mismatch',
    description: 'The link text shares no meaningful word with the page it links to.',
    defaultSeverity: 'information',
    category: 'anchors',
    scope: 'page',
    options: {
      minTerms: { type: 'number', default: 1, description: 'Meaningful words (after stop words) an anchor needs before it is checked; shorter anchors are skipped.' },
    },
    fixable: false,
  },
  check({ model, options, files, report }) {
    const cache = new Map<string, DestinationTerms>();
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      for (const l of links) {
        const { link, res } = l;
        if (link.image || res.kind !== 'page' || res.file === file || link.url.startsWith('#')) continue;
        // Site navigation repeats short labels ("Home", "Blog"); it is not contextual anchor text.
        if (link.placement === 'navigation') continue;
        const text = link.text.trim();
        if (text === '' || isGenericAnchor(text) || looksLikeUrl(text) || text === link.url) continue;
        const words = anchorTerms(text);
        if (words.length < Math.max(1, options.minTerms)) continue;
        let dest = cache.get(res.file);
        if (!dest) cache.set(res.file, (dest = new DestinationTerms(model, res.file)));
        if (dest.hasAny(words)) continue;
        // The message after the link text is the destination's: built once, shared by the findings that point there.
        dest.afterText ??= `" shares no word with its destination "${model.titleOf(res.file)}" (${model.urlOf(res.file) ?? res.file}): ` +
          'use words from the destination\'s title or topic, or check that the link points where you meant.';
        report({
          file,
          span: link.textSpan ?? link.span,
          message: `The link text "${text}${dest.afterText}`,
          data: { linkIndex: l.index, target: res.file },
        });
      }
    }
  },
});
