// The cold path parses with only the GFM constructs a page can contain (core/parse/scanExtensions.ts).
// It must extract exactly what the full extension set extracts: compared here on every fixture page
// and on a sample of the real corpora (PILLARLINK_CORPORA, default /work/shared/corpora; skipped when absent).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS, parsePage } from '../../server/src/core/parse/page';
import { ALL_GFM, gfmNeeds } from '../../server/src/core/parse/scanExtensions';
import { REPO } from '../helpers/tmp';
import { corpusSamples, fixturePages } from './corpusSample';

function compare(files: string[], root: string): { same: number; differing: string[]; reduced: number } {
  let same = 0;
  let reduced = 0;
  const differing: string[] = [];
  for (const abs of files) {
    const file = path.relative(root, abs).split(path.sep).join('/');
    const text = fs.readFileSync(abs, 'utf8');
    if (gfmNeeds(text) !== ALL_GFM) reduced++;
    const fast = parsePage(file, text, DEFAULT_PARSE_OPTIONS);
    const full = parsePage(file, text, DEFAULT_PARSE_OPTIONS, true);
    if (JSON.stringify(fast) === JSON.stringify(full)) same++;
    else differing.push(file);
  }
  return { same, differing, reduced };
}

describe('GFM extension selection extracts the same facts as the full GFM parse', () => {
  it('on every page of test/** and examples/**', () => {
    const files = fixturePages();
    expect(files.length).toBeGreaterThan(50);
    const r = compare(files, REPO);
    console.log(`fixtures: ${r.same}/${files.length} identical; ${r.reduced} parsed with fewer GFM constructs`);
    expect(r.differing, `pages whose facts differ: ${r.differing.join(', ')}`).toEqual([]);
    // The selection must actually do something, or this test compares a thing with itself.
    expect(r.reduced).toBeGreaterThan(0);
  });

  const samples = corpusSamples(400_000);
  it.skipIf(samples.length === 0).each(samples.map((s) => [s.corpus, s] as const))('on a sample of %s', (_name, s) => {
    const r = compare(s.files, path.dirname(s.files[0]!));
    console.log(`${s.corpus}: ${r.same}/${s.files.length} identical; ${r.reduced} parsed with fewer GFM constructs`);
    expect(r.differing, `pages whose facts differ: ${r.differing.join(', ')}`).toEqual([]);
  }, 300_000);

  it('finds each construct where it can start', () => {
    expect(gfmNeeds('plain words only')).toBe(0);
    expect(gfmNeeds('see www.example.com')).toBe(1);
    expect(gfmNeeds('mail me@example.com')).toBe(1);
    expect(gfmNeeds('at HTTPS://x.y')).toBe(1);
    expect(gfmNeeds('note[^1]')).toBe(2);
    expect(gfmNeeds('~~gone~~')).toBe(4);
    expect(gfmNeeds('a | b\n-|-')).toBe(8);
    expect(gfmNeeds('- [x] done')).toBe(16);
    expect(gfmNeeds('- [\t] tab')).toBe(16);
  });

  it('keeps a literal autolink, a table and a task list that the text does contain', () => {
    const p = parsePage('a.md', 'Visit www.example.com today.\n\n| a | b |\n|---|---|\n| [x](/y) | 2 |\n\n- [ ] task with [z](/z)\n');
    expect(p.links.map((l) => [l.kind, l.url])).toEqual([['autolink', 'http://www.example.com'], ['inline', '/y'], ['inline', '/z']]);
  });
});
