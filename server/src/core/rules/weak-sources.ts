import { searchConsoleOf } from '../gsc/index';
import { formatDelta, scoreState } from '../score/stats';
import { strongSources } from '../score/sources';
import { clusterWarns, describePage, headingSpan } from './clusterHelpers';
import { defineRule } from './types';

export default defineRule<{ minImpressions: number; bottomQuantile: number; suggestions: number }>({
  meta: {
    id: 'weak-sources',
    description: 'Every contextual link to a cluster target comes from a page without search traffic (or, without Search Console data, from a page with a bottom-quartile link score).',
    defaultSeverity: 'information',
    category: 'clusters',
    scope: 'site',
    options: {
      minImpressions: { type: 'number', default: 1, description: 'With Search Console data, a source with fewer impressions than this is weak.' },
      bottomQuantile: { type: 'number', default: 0.25, description: 'Without Search Console data, a source whose link score is in this lowest share of the site is weak (0–1).' },
      suggestions: { type: 'number', default: 3, description: 'How many stronger sources the message suggests.' },
    },
    fixable: false,
  },
  *check({ model, options, report }) {
    // The link score is computed only when a cluster can have a finding.
    if (!model.clusters.some((c) => clusterWarns(model, c) && c.targets.length === 1)) return;
    const gsc = searchConsoleOf(model);
    const state = scoreState(model);
    yield;
    const withGsc = !!gsc?.hasPages;
    // The link score below which a page counts as weak: the bottom quantile of the indexed pages.
    const indexed = state.graph.files.map((f, i) => ({ f, s: state.score[i]! })).filter((p) => !model.isUnindexed(p.f)).map((p) => p.s).sort((a, b) => a - b);
    const cut = indexed.length > 0 ? indexed[Math.min(indexed.length - 1, Math.max(0, Math.ceil(indexed.length * options.bottomQuantile) - 1))]! : 0;
    const scoreOf = (file: string) => state.score[state.graph.index.get(file) ?? -1] ?? 0;
    const weak = (file: string) => (withGsc ? (gsc.pages.get(file)?.impressions ?? 0) < options.minImpressions : scoreOf(file) <= cut);
    for (const cluster of model.clusters) {
      if (!clusterWarns(model, cluster) || cluster.targets.length !== 1) continue;
      yield;
      const target = cluster.targets[0]!;
      if (model.isUnindexed(target)) continue;
      const sources = new Set<string>();
      for (const l of model.inbound.get(target) ?? []) {
        if (l.link.placement === 'content' && l.from !== target && !model.isUnindexed(l.from)) sources.add(l.from);
      }
      // No contextual links at all is missing-target-link / orphan-page territory.
      if (sources.size === 0 || ![...sources].every(weak)) continue;
      const list = [...sources].sort();
      const why = withGsc ? 'pages without Search Console impressions' : `pages whose link score is in the bottom ${Math.round(options.bottomQuantile * 100)}% of the site`;
      const better = strongSources(model, target, gsc, { limit: Math.max(0, options.suggestions) }).filter((s) => !weak(s.file));
      const advice = better.length > 0
        ? ` Add a contextual link from a page that has authority, for example ${better.map((s) => `${describePage(model, s.file)}${s.gain !== undefined ? ` (${formatDelta(s.gain)} link score for this page)` : ''}`).join(', ')}.`
        : ' Add a contextual link from a page that already gets search traffic.';
      report({
        file: target,
        span: headingSpan(model.pages.get(target)),
        message: `${describePage(model, target)} gets its contextual links only from ${why}: ${list.slice(0, 3).map((f) => describePage(model, f)).join(', ')}${list.length > 3 ? `, and ${list.length - 3} more` : ''}.${advice}`,
        data: { cluster: cluster.id, sources: list, withSearchConsole: withGsc, suggestions: better.map((s) => ({ file: s.file, strength: s.strength, relevance: s.relevance, gain: s.gain, reasons: s.reasons })) },
      });
    }
  },
});
