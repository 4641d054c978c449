import type { ResolvedLink } from '../model';
import { isGenericAnchor, looksLikeUrl, normalizeAnchor } from '../text/index';
import { defineRule, PAUSE_EVERY } from './types';

export default defineRule({
  meta: {
    id: 'anchor-collision',
    description: 'One anchor text links to different pages across the site, so neither readers nor search engines can tell which page it names.',
    defaultSeverity: 'warning',
    category: 'anchors',
    scope: 'site',
    options: {},
    fixable: false,
  },
  *check({ model, report }) {
    const MAX_OTHERS = 10;
    let n = 0;
    const byAnchor = new Map<string, Map<string, ResolvedLink[]>>();
    for (const [file, links] of model.outbound) {
      if (model.isUnindexed(file)) continue;
      if ((n += links.length) >= PAUSE_EVERY) { n = 0; yield; }
      for (const l of links) {
        const { link, res } = l;
        if (link.image || res.kind !== 'page' || link.placement === 'navigation' || link.url.startsWith('#')) continue;
        const text = link.text.trim();
        const anchor = normalizeAnchor(text);
        if (anchor === '' || isGenericAnchor(anchor) || looksLikeUrl(text)) continue;
        let dests = byAnchor.get(anchor);
        if (!dests) byAnchor.set(anchor, (dests = new Map()));
        if (!dests.has(res.file)) dests.set(res.file, []);
        dests.get(res.file)!.push(l);
      }
    }
    for (const [anchor, dests] of byAnchor) {
      if (dests.size < 2) continue;
      if ((n += dests.size) >= PAUSE_EVERY) { n = 0; yield; }
      const urls = new Map([...dests.keys()].map((f) => [f, model.urlOf(f) ?? f]));
      // Sorted once: an anchor with many destinations would otherwise sort per destination.
      const sorted = [...dests.keys()].sort();
      const otherCount = sorted.length - 1;
      // The end of the message names the first five other destinations: for every destination past
      // the first five of `sorted` that is the same text, built once per anchor and shared by its
      // findings (on large sites anchor-collision is most of the findings, and their messages most of
      // their memory).
      const tailOf = (others: readonly string[]) => ` but elsewhere to ${others.slice(0, 5).map((o) => urls.get(o)).join(', ')}${otherCount > 5 ? ` and ${otherCount - 5} more` : ''}: ` +
        'one anchor text should name one page; reword the anchor for each destination.';
      let sharedTail: string | undefined;
      // Likewise the other destinations in `data` of every destination past the first MAX_OTHERS:
      // one frozen list shared by their findings.
      let sharedOthers: readonly string[] | undefined;
      const firstFive = new Set(sorted.slice(0, 5));
      const firstOthers = new Set(sorted.slice(0, MAX_OTHERS));
      for (const [dest, links] of dests) {
        // The first few other destinations, and how many there are: an anchor used for thousands of
        // pages must not cost thousands of entries per finding (quadratic memory on large sites).
        let others = firstOthers.has(dest) ? undefined : sharedOthers;
        if (!others) {
          const list: string[] = [];
          for (const f of sorted) { if (f !== dest) list.push(f); if (list.length === MAX_OTHERS) break; }
          others = Object.freeze(list);
          if (!firstOthers.has(dest)) sharedOthers = others;
        }
        if ((n += links.length) >= PAUSE_EVERY) { n = 0; yield; }
        const tail = firstFive.has(dest) ? tailOf(others) : (sharedTail ??= tailOf(others));
        // One string per destination after the anchor text, so a finding adds only its own prefix.
        const afterText = `" links here to ${urls.get(dest)}${tail}`;
        for (const l of links) {
          report({
            file: l.from,
            span: l.link.textSpan ?? l.link.span,
            message: `The anchor text "${l.link.text.trim()}${afterText}`,
            data: { linkIndex: l.index, target: dest, anchor, others, otherCount },
          });
        }
      }
    }
  },
});
