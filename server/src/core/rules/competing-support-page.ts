import { searchConsoleOf, sharedQueries } from '../gsc/index';
import { compareTopics, quoteTerms, topicIndex, topicSpan } from '../text/index';
import { defineRule } from './types';

export default defineRule<{ threshold: number }>({
  meta: {
    id: 'competing-support-page',
    description: 'A support page covers the same topic as its cluster target, so the two compete for the same searches.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'site',
    options: {
      threshold: { type: 'number', default: 0.6, description: 'TF-IDF cosine similarity of the topic fields (title, H1, slug, keywords, headings) from which a support page competes with its target (0–1).' },
    },
    fixable: false,
  },
  *check({ model, options, report }) {
    // The site's topic index is built only when a cluster is checked.
    if (!model.clusters.some((c) => !c.inferred || model.config.inferredWarnings)) return;
    const index = topicIndex(model);
    yield;
    const gsc = searchConsoleOf(model);
    for (const cluster of model.clusters) {
      if (cluster.inferred && !model.config.inferredWarnings) continue;
      yield;
      for (const m of cluster.members) {
        const page = model.pages.get(m.file);
        const a = index.topic(m.file);
        if (!page || !a || model.isUnindexed(m.file)) continue;
        for (const target of cluster.targets) {
          const b = index.topic(target);
          if (!b || target === m.file) continue;
          if (index.similarity(m.file, target) < options.threshold) continue;
          const { similarity, shared } = compareTopics(index.idf, a, b, index.vector(m.file), index.vector(target));
          // Search Console evidence: both pages already get impressions for the same queries.
          const both = sharedQueries(gsc, m.file, target);
          const evidence = both.length === 0 ? '' : ` Search Console shows both getting impressions for ${both.slice(0, 2).map((q) => `"${q.query}" (this page ${q.a.impressions.toLocaleString('en-US')}${q.a.position !== null ? ` at position ${q.a.position.toFixed(1)}` : ''}, the target ${q.b.impressions.toLocaleString('en-US')}${q.b.position !== null ? ` at ${q.b.position.toFixed(1)}` : ''})`).join(' and ')}.`;
          report({
            file: m.file,
            span: topicSpan(page),
            message: `"${model.titleOf(m.file)}" competes with the target "${model.titleOf(target)}" for the same topic (similarity ${similarity.toFixed(2)}: shared terms ${quoteTerms(shared)}).${evidence} ` +
              'Narrow this page to a sub-topic of the target and link up to it, or merge the two.',
            data: { target, cluster: cluster.id, similarity: Math.round(similarity * 100) / 100, shared: shared.slice(0, 8), ...(both.length > 0 ? { sharedQueries: both.slice(0, 5).map((q) => q.query) } : {}) },
          });
        }
      }
    }
  },
});
