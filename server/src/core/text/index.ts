// Shared text analysis: tokens, stop words, stems, generic anchors, TF-IDF and page topics.
export { stem } from './stem';
export { anchorTerms, ANCHOR_FILLER, isStopWord, normalizeAnchor, slugWords, STOP_WORDS, terms, tokenize } from './tokenize';
export { GENERIC_ANCHOR_LANGUAGES, isGenericAnchor, looksLikeUrl } from './generic';
export { addTerms, cosine, pack, packedCosine, sharedTerms, TfIdf, type PackedVector, type TermBag, type TermVector } from './tfidf';
export { compareTopics, HEADING_WEIGHT, quoteTerms, topicIndex, topicOf, topicSpan, type Topic, type TopicFields, type TopicIndex } from './topics';
export { canonicalWord, derivationalRoot, matchKey } from './variants';
