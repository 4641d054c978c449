// "Did you mean" ranking for broken destinations and fragments.
import type { SiteModel } from '../model';
import { basename, stripExtension } from '../paths';
import { safeDecode } from '../routing/resolver';
import { terms } from './words';

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** 1 for equal strings, 0 for nothing in common. */
export function stringSimilarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const n = Math.max(x.length, y.length);
  return n === 0 ? 1 : 1 - levenshtein(x, y) / n;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 || B.size === 0) return 0;
  let i = 0;
  for (const x of A) if (B.has(x)) i++;
  return i / (A.size + B.size - i);
}

/** The last meaningful segment of a destination path: `../blog/post/index.md` → `post`. */
export function slugOfPath(p: string): string {
  const segs = safeDecode(p).split(/[?#]/)[0]!.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  let last = segs.pop() ?? '';
  last = stripExtension(last);
  if (/^(index|_index|readme)$/i.test(last)) last = segs.pop() ?? '';
  return last.replace(/\.html?$/i, '');
}

export interface PageMatch { file: string; score: number }

/** Pages whose path, slug or title is closest to a broken destination, best first. */
export function closestPages(model: SiteModel, url: string, linkText: string, limit = 3, exclude?: string): PageMatch[] {
  const slug = slugOfPath(url);
  const wanted = terms(`${slug.replace(/[-_]+/g, ' ')} ${safeDecode(url).split(/[?#]/)[0]!.replace(/[-_/.]+/g, ' ')}`);
  const textTerms = terms(linkText);
  const out: PageMatch[] = [];
  for (const file of model.pages.keys()) {
    if (file === exclude) continue;
    const u = model.urlOf(file) ?? '';
    const pageSlug = slugOfPath(u) || basename(stripExtension(file));
    const title = model.titleOf(file);
    const pageTerms = terms(`${u.replace(/[-_/]+/g, ' ')} ${title}`);
    const score = Math.max(stringSimilarity(slug, pageSlug), stringSimilarity(slug, basename(stripExtension(file))))
      + 0.5 * jaccard(wanted, pageTerms)
      + 0.3 * jaccard(textTerms, terms(title));
    if (score >= 0.5) out.push({ file, score });
  }
  return out.sort((a, b) => b.score - a.score || a.file.localeCompare(b.file)).slice(0, limit);
}

/** Fragment ids of a page closest to `fragment`, best first. */
export function closestFragments(ids: readonly string[], fragment: string, limit = 3): string[] {
  const want = fragment.toLowerCase();
  const scored = [...new Set(ids)].map((id) => {
    const words = jaccard(want.split(/[-_]+/), id.toLowerCase().split(/[-_]+/));
    return { id, score: Math.max(stringSimilarity(want, id), words) };
  });
  return scored.filter((s) => s.score >= 0.5).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit).map((s) => s.id);
}
