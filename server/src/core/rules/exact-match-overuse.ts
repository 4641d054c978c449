import type { ResolvedLink } from '../model';
import { isGenericAnchor, looksLikeUrl, normalizeAnchor } from '../text/index';
import { defineRule, PAUSE_EVERY } from './types';

export default defineRule<{ minPages: number; maxShare: number }>({
  meta: {
    id: 'exact-match-overuse',
    description: 'Most in-content links to a page use the identical anchor text, which looks manipulative and wastes the chance to describe the page in varied words.',
    defaultSeverity: 'warning',
    category: 'anchors',
    scope: 'site',
    options: {
      minPages: { type: 'number', default: 4, description: 'Distinct pages that must link to the destination from their content before the rule looks at it.' },
      maxShare: { type: 'number', default: 0.6, description: 'Largest share (0–1) of those links that may use one identical anchor text.' },
    },
    fixable: false,
  },
  *check({ model, options, report }) {
    let n = 0;
    for (const [dest, inbound] of model.inbound) {
      if ((n += inbound.length + 1) >= PAUSE_EVERY) { n = 0; yield; }
      // Contextual links only: navigation and "related" lists repeat titles by design.
      const links = inbound.filter((l) => l.from !== dest && l.link.placement === 'content' && !model.isUnindexed(l.from));
      if (new Set(links.map((l) => l.from)).size < options.minPages) continue;
      const byAnchor = new Map<string, ResolvedLink[]>();
      for (const l of links) {
        const a = normalizeAnchor(l.link.text);
        if (!byAnchor.has(a)) byAnchor.set(a, []);
        byAnchor.get(a)!.push(l);
      }
      for (const [anchor, same] of byAnchor) {
        // Empty, generic and URL anchors are generic-anchor's findings.
        if (anchor === '' || isGenericAnchor(anchor) || looksLikeUrl(same[0]!.link.text.trim())) continue;
        const share = same.length / links.length;
        if (share <= options.maxShare) continue;
        const pct = Math.round(share * 100);
        const pages = new Set<string>();
        // One finding per linking page: that is where the anchor gets reworded.
        for (const l of same) {
          if (pages.has(l.from)) continue;
          pages.add(l.from);
          report({
            file: l.from,
            span: l.link.textSpan ?? l.link.span,
            message: `${same.length} of ${links.length} in-content links to "${model.titleOf(dest)}" (${pct}%, more than ${Math.round(options.maxShare * 100)}%) use the same anchor text "${l.link.text.trim()}": ` +
              'vary it with descriptive variants (synonyms, longer phrases, the page\'s sub-topics).',
            data: { linkIndex: l.index, target: dest, anchor, share: Math.round(share * 100) / 100, links: links.length },
          });
        }
      }
    }
  },
});
