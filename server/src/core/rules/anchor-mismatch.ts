import { keywordsOf } from '../clusters';
import type { SiteModel } from '../model';
import { anchorTerms, isGenericAnchor, looksLikeUrl, slugWords, terms } from '../text/index';
import { defineRule } from './types';

/** Stems that describe a page: title, H1, URL and file words, headings, its and its cluster's keywords. */
function destinationTerms(model: SiteModel, file: string): Set<string> {
  const page = model.pages.get(file)!;
  const out = new Set<string>();
  const add = (text: string | null | undefined) => { if (text) for (const t of terms(text)) out.add(t); };
  add(page.title);
  add(page.h1);
  add(slugWords(model.urlOf(file) ?? ''));
  add(slugWords(file));
  for (const h of page.headings) add(h.text);
  for (const k of keywordsOf(page, model.config)) add(k);
  for (const k of model.clusterOf(file)?.cluster.keywords ?? []) add(k);
  // Home pages are called "home" whatever their title says.
  if (model.entryPages.has(file) || model.urlOf(file) === '/') add('home homepage start');
  return out;
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
    const cache = new Map<string, { terms: Set<string>; afterText?: string }>();
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
        if (!dest) cache.set(res.file, (dest = { terms: destinationTerms(model, res.file) }));
        if (words.some((w) => dest.terms.has(w))) continue;
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
