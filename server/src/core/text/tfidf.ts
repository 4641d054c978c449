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

/** A vector packed for fast repeated comparison: term ids in ascending order and their weights. */
export interface PackedVector { ids: Int32Array; weights: Float64Array }

/** Packs a vector, numbering its terms in `dictionary` (shared by every vector that is compared). */
export function pack(v: TermVector, dictionary: Map<string, number>): PackedVector {
  const entries: [number, number][] = [];
  for (const [t, w] of v) {
    let id = dictionary.get(t);
    if (id === undefined) dictionary.set(t, (id = dictionary.size));
    entries.push([id, w]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const ids = new Int32Array(entries.length);
  const weights = new Float64Array(entries.length);
  entries.forEach(([id, w], i) => { ids[i] = id; weights[i] = w; });
  return { ids, weights };
}

/** Cosine similarity of two packed unit vectors (a merge of the sorted ids). */
export function packedCosine(a: PackedVector, b: PackedVector): number {
  let i = 0, j = 0, dot = 0;
  const ai = a.ids, bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!, y = bi[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}
