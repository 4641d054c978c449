// streamJson writes, in chunks, exactly what JSON.stringify(value, null, 2) + '\n' writes.
import { describe, expect, it } from 'vitest';
import { streamJson } from '../../server/src/cli/streamJson';

const streamed = (v: unknown, depth?: number) => { const parts: string[] = []; streamJson(v, (s) => parts.push(s), depth); return { text: parts.join(''), parts: parts.length }; };

describe('streamJson', () => {
  it('equals JSON.stringify with two-space indentation on awkward values', () => {
    const values: unknown[] = [
      null, 1, 'x', [], {}, [[]], { a: {} }, { a: [] },
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }, [undefined, () => 1, 2],
      { s: 'line\nbreak "quoted" \u2028 ü', n: -0, inf: Infinity, nested: { deep: [{ x: [1, { y: 'z' }] }] } },
      { date: new Date(0), toJSONed: { toJSON: () => ({ replaced: true }) } },
      { version: 1, diagnostics: Array.from({ length: 50 }, (_, i) => ({ rule: 'r', range: { start: { line: i, character: 0 }, end: { line: i, character: 3 } }, message: `m${i}` })) },
    ];
    for (const v of values) for (const depth of [0, 1, 2, 4]) expect(streamed(v, depth).text, JSON.stringify(v)).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });

  it('writes a large document in several chunks', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(20) })) };
    const { text, parts } = streamed(big);
    expect(text).toBe(`${JSON.stringify(big, null, 2)}\n`);
    expect(parts).toBeGreaterThan(5);
  });
});
