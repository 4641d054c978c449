/** A weighted bag of terms: term → weight (term frequency, possibly boosted per field). */
export type TermBag = Map<string, number>;

/** A unit-length TF-IDF vector. */
export type TermVector = Map<string, number>;

export function addTerms(bag: TermBag, terms: Iterable<string>, weight = 1): TermBag {
  for (const t of terms) bag.set(t, (bag.get(t) ?? 0) + weight);
  return bag;
}

/**
 * Document frequencies over a corpus and TF-IDF vectors against them. Add every document first,
 * then build vectors; IDF is smoothed (`ln((1 + N) / (1 + df)) + 1`) so unseen terms stay finite.
 */
export class TfIdf {
  private readonly df = new Map<string, number>();
  private docs = 0;

  /** Counts a document's distinct terms. */
  add(terms: Iterable<string>): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  get size(): number {
    return this.docs;
  }

  idf(term: string): number {
    return Math.log((1 + this.docs) / (1 + (this.df.get(term) ?? 0))) + 1;
  }

  /** Sub-linear term frequency (weights below 1 stay linear) times IDF, normalised to unit length. */
  vector(bag: TermBag): TermVector {
    const v: TermVector = new Map();
    let norm = 0;
    for (const [t, tf] of bag) {
      if (tf <= 0) continue;
      const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * this.idf(t);
      v.set(t, w);
      norm += w * w;
    }
    if (norm > 0) {
      const n = Math.sqrt(norm);
      for (const [t, w] of v) v.set(t, w / n);
    }
    return v;
  }
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}

/** Terms both vectors hold, by their contribution to the similarity, largest first. */
export function sharedTerms(a: TermVector, b: TermVector): string[] {
  const out: [string, number][] = [];
  for (const [t, w] of a) {
    const o = b.get(t);
    if (o !== undefined) out.push([t, w * o]);
  }
  return out.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([t]) => t);
}
