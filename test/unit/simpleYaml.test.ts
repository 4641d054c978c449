// The front matter fast path must read exactly what the yaml library reads, or decline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { simpleYaml } from '../../server/src/core/parse/simpleYaml';
import { REPO } from '../helpers/tmp';

const CORPORA = process.env.PILLARLINK_CORPORA ?? path.join(REPO, '..', 'shared', 'corpora');

/** What the library makes of a block (as parseYamlFrontmatter calls it), or 'error'. */
function library(src: string): unknown {
  const doc = parseDocument(src, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) return 'error';
  try {
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    return v ?? {};
  } catch {
    return 'error';
  }
}

/** Equal values, key order included; Object.is on scalars (-0, NaN). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ea = Object.entries(a);
  const eb = Object.entries(b);
  return ea.length === eb.length && ea.every(([k, v], i) => eb[i]![0] === k && same(v, eb[i]![1]));
}

function agrees(src: string): { fast: unknown; lib: unknown } | undefined {
  const fast = simpleYaml(src);
  if (fast === undefined) return undefined;
  const lib = library(src);
  return lib !== 'error' && same(fast, lib) ? undefined : { fast, lib };
}

function frontmatterBlocks(limit = Infinity): string[] {
  const out: string[] = [];
  if (!fs.existsSync(CORPORA)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (out.length >= limit) return;
      if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(path.join(d, e.name)); continue; }
      if (!/\.(md|mdx|markdown)$/.test(e.name)) continue;
      const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(fs.readFileSync(path.join(d, e.name), 'utf8'));
      if (m) out.push(m[1]!);
    }
  };
  walk(CORPORA);
  return out;
}

describe('simple front matter (fast path of parseYamlFrontmatter)', () => {
  it('reads the common shapes and declines the rest', () => {
    expect(simpleYaml('title: "<a>: The Anchor element"\nslug: Web/HTML/a\npage-type: html-element\ndraft: false\norder: 3\nratio: 1.5\nempty:\ntags:\n  - a\n  - 2')).toEqual({ title: '<a>: The Anchor element', slug: 'Web/HTML/a', 'page-type': 'html-element', draft: false, order: 3, ratio: 1.5, empty: null, tags: ['a', 2] });
    expect(simpleYaml('title: Appwrite\nsidebar:\n  label: Appwrite\n  # a comment\n  order:\nstub: true')).toEqual({ title: 'Appwrite', sidebar: { label: 'Appwrite', order: null }, stub: true });
    expect(simpleYaml("supports: ['ssr', 'static']\nn: [1, true, x y, \"q\"]\ne: [ ]\nsidebar:\n  tags: [a]")).toEqual({ supports: ['ssr', 'static'], n: [1, true, 'x y', 'q'], e: [], sidebar: { tags: ['a'] } });
    expect(simpleYaml('d: >-\n  Tutorial —\n\n  Add a\n  script\n\ne: |\n  a\n\n  b\n\nf: 1')).toEqual({ d: 'Tutorial —\nAdd a script', e: 'a\n\nb\n', f: 1 });
    expect(simpleYaml('description: >-\n  How to add\n  interactivity.\ncode: |\n  line 1\n  # line 2\nlast: >\n  one\n  two')).toEqual({ description: 'How to add interactivity.', code: 'line 1\n# line 2\n', last: 'one two\n' });
    for (const declined of ['a: foo # note', 'a: [1, [2]]', 'a: [1, 2,]', 'a: [a: b]', 'a: [1, 2', 'a: {b: 1}', 'a: "x\\ty"', 'a: &x 1', 'a: !tag x', 'a: 1\na: 2', 'a: |+\n  text', 'a: |2\n  text', 'a: >-\n\n  y', 'a: >-\n  x\n  \n  y', 'a: >-\n  x\n    y', 'a: >-\n  x \nb: 1', 'a: >-\nb: 1', 'a:\n  b:\n    c: 1', 'a:\n  b: 1\n   c: 2', 'a:\n  b: 1\n  - x', 'a:\n  - x\n  b: 1', 'a:\n  b: 1\n  b: 2', 'a:\n  true: 1', 'a: x\n  continued', '__proto__: 1', 'a:\tx', 'a: .inf', 'a: foo: bar']) {
      expect(simpleYaml(declined), declined).toBeUndefined();
    }
  });

  it('agrees with the yaml library on every front matter block of the corpora it accepts', () => {
    const blocks = frontmatterBlocks();
    let accepted = 0;
    const wrong: unknown[] = [];
    for (const b of blocks) {
      if (simpleYaml(b) !== undefined) accepted++;
      const d = agrees(b);
      if (d) wrong.push({ block: b.slice(0, 300), ...d });
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    if (blocks.length > 0) {
      console.log(`simple front matter: ${accepted}/${blocks.length} corpus blocks read by the fast path`);
      expect(accepted).toBeGreaterThan(blocks.length / 2);
    }
  }, 120_000);

  it('agrees with the yaml library on generated blocks', () => {
    const keys = ['title', 'a', 'b_c', 'd-e', 'null', 'True', 'x1', '_y'];
    const values = ['', ' ', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', '0', '-0', '+0', '00', '0123', '-12', '+12', '1_000', '0x1F', '0X1F', '0x', '0o17', '0o8', '017', '1.', '.5', '-.5', '1e3', '1E+3', '1e', '1.2.3', '.inf', '-.Inf', '.NaN', '.nan', '.foo', '-x', '-', '- x', '-5abc', 'a b', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', 'x, y', '[x]', 'x]', 'x}', '{x', '"q"', '"q: r"', '"q\\"r"', '"q', "'s'", "'it''s'", "'s", '"" ', "''", '%x', '@x', '`x', '!x', '&x', '*x', '?x', '? x', ':x', ',x', '#x', '|', '>', 'http://x.y/z?a=b#c', '2017-01-02', '2017-01-02T03:04:05Z', 'Ünïcödé', '😀', 'x ', 'x  ', '1e400', '9007199254740993'];
    // mulberry32: 32-bit state, exact in doubles (a float LCG loses its low bits and cycles early).
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
    };
    const wrong: unknown[] = [];
    let accepted = 0;
    let nested = 0;
    let flow = 0;
    let blocks = 0;
    for (let i = 0; i < 40_000; i++) {
      const lines: string[] = [];
      const n = 1 + rnd(6);
      for (let j = 0; j < n; j++) {
        const r = rnd(10);
        if (r === 0) lines.push('# comment');
        else if (r === 1) lines.push('');
        else if (r === 2) lines.push(`${' '.repeat(rnd(3) * 2)}- ${values[rnd(values.length)]}`);
        else if (r === 3) {
          // A key holding a mapping: children at one indent, now and then one at another.
          const indent = ' '.repeat(1 + rnd(3));
          lines.push(`${keys[rnd(keys.length)]}:`);
          for (let c = 1 + rnd(3); c > 0; c--) {
            const at = rnd(12) === 0 ? ' '.repeat(1 + rnd(4)) : indent;
            lines.push(`${at}${keys[rnd(keys.length)]}:${rnd(8) === 0 ? '' : ' '}${values[rnd(values.length)]}`);
          }
        }
        else if (r === 4) {
          // A flow sequence of values, now and then with odd spacing or separators.
          const items = Array.from({ length: rnd(4) }, () => values[rnd(values.length)]!.trim());
          const sep = [', ', ',', ' , ', ',  '][rnd(4)]!;
          lines.push(`${keys[rnd(keys.length)]}: [${rnd(6) === 0 ? ' ' : ''}${items.join(sep)}${rnd(8) === 0 ? ',' : ''}]${rnd(10) === 0 ? ' ' : ''}`);
        } else if (r === 5) {
          // A block scalar: folded or literal, clipped, stripped or kept, lines now and then blank or at another indent.
          lines.push(`${keys[rnd(keys.length)]}: ${['>', '>-', '|', '|-', '>+', '|2'][rnd(6)]}`);
          const indent = ' '.repeat(1 + rnd(3));
          for (let c = rnd(4); c > 0; c--) {
            const at = rnd(10) === 0 ? ' '.repeat(rnd(5)) : indent;
            lines.push(rnd(12) === 0 ? '' : `${at}${values[rnd(values.length)]}`);
          }
        }
        else lines.push(`${keys[rnd(keys.length)]}:${rnd(8) === 0 ? '' : ' '}${values[rnd(values.length)]}`);
      }
      const src = lines.join('\n');
      const fast = simpleYaml(src);
      if (fast !== undefined) accepted++;
      if (fast && Object.values(fast).some((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) nested++;
      if (fast && Object.values(fast).some((v) => Array.isArray(v) && src.includes('['))) flow++;
      if (fast && Object.values(fast).some((v) => typeof v === 'string' && v.includes('\n'))) blocks++;
      const d = agrees(src);
      if (d) wrong.push({ src, ...d });
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
    expect(nested).toBeGreaterThan(100);
    expect(flow).toBeGreaterThan(100);
    expect(blocks).toBeGreaterThan(100);
  });
});
