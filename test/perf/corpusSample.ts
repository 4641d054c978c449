// Deterministic samples of pages from the fixtures and, when present, the real corpora.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/tmp';

export const CORPORA = process.env.PILLARLINK_CORPORA ?? '/work/shared/corpora';

export function pageFilesUnder(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.git')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) pageFilesUnder(p, out);
    else if (/\.(md|mdx|markdown)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Every page of test/** and examples/**. */
export function fixturePages(): string[] {
  return [...pageFilesUnder(path.join(REPO, 'test')), ...pageFilesUnder(path.join(REPO, 'examples'))];
}

/** Corpus folders present, each with an evenly spread sample of at most `maxBytes` of pages. */
export function corpusSamples(maxBytes: number): { corpus: string; files: string[] }[] {
  if (!fs.existsSync(CORPORA)) return [];
  const out: { corpus: string; files: string[] }[] = [];
  for (const c of fs.readdirSync(CORPORA, { withFileTypes: true })) {
    if (!c.isDirectory()) continue;
    const all = pageFilesUnder(path.join(CORPORA, c.name));
    if (all.length === 0) continue;
    const files: string[] = [];
    let bytes = 0;
    // A stride through the sorted list reaches every part of the site; a prime step avoids folder periodicity.
    for (let i = 0, k = 0; k < all.length && bytes < maxBytes; k++, i = (i + 7919) % all.length) {
      const size = fs.statSync(all[i]!).size;
      if (size > 200_000) continue;
      files.push(all[i]!);
      bytes += size;
    }
    out.push({ corpus: c.name, files });
  }
  return out;
}
