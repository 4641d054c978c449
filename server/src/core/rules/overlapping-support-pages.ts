import { compareTopics, quoteTerms, topicIndex, topicSpan } from '../text/index';
import { defineRule } from './types';

export default defineRule<{ threshold: number }>({
  meta: {
    id: 'overlapping-support-pages',
    description: 'Two support pages of one cluster cover the same sub-topic.',
    defaultSeverity: 'information',
    category: 'clusters',
    scope: 'site',
    options: {
      threshold: { type: 'number', default: 0.5, description: 'TF-IDF cosine similarity of the topic fields from which two support pages of a cluster overlap (0–1).' },
    },
    fixable: false,
  },
  *check({ model, options, report }) {
    // The site's topic index is built only when a cluster is checked.
    if (!model.clusters.some((c) => !c.inferred || model.config.inferredWarnings)) return;
    const index = topicIndex(model);
    yield;
    for (const cluster of model.clusters) {
      if (cluster.inferred && !model.config.inferredWarnings) continue;
      yield;
      // Pairs only inside a cluster: the cost grows with the largest cluster, not with the site.
      const files = cluster.members.map((m) => m.file).filter((f) => index.topic(f) && !model.isUnindexed(f)).sort();
      for (const { i, j } of index.similarPairs(files, options.threshold)) {
        const later = files[j]!;
        const earlier = files[i]!;
        const { similarity, shared } = compareTopics(index.idf, index.topic(later)!, index.topic(earlier)!, index.vector(later), index.vector(earlier));
        report({
          file: later,
          span: topicSpan(model.pages.get(later)!),
          message: `"${model.titleOf(later)}" covers the same sub-topic as "${model.titleOf(earlier)}" (${earlier}) in cluster "${cluster.name}" (similarity ${similarity.toFixed(2)}: shared terms ${quoteTerms(shared)}). ` +
            'Give each page its own angle, or merge them and redirect one.',
          data: { other: earlier, cluster: cluster.id, similarity: Math.round(similarity * 100) / 100, shared: shared.slice(0, 8) },
        });
      }
    }
  },
});
