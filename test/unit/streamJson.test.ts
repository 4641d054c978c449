// streamJson writes, in chunks, exactly what JSON.stringify(value, null, 2) + '\n' writes; so do the
// check formats' writers, which read the findings in place.
import { describe, expect, it } from 'vitest';
import { streamJson } from '../../server/src/cli/streamJson';
import { checkJson, checkText, writeCheckJson, writeCheckText } from '../../server/src/cli/format';
import type { PageStats } from '../../server/src/core/score/stats';
import type { Finding } from '../../server/src/core/types';

const streamed = (v: unknown) => { const parts: string[] = []; streamJson(v, (s) => parts.push(s)); return { text: parts.join(''), parts: parts.length }; };

describe('streamJson', () => {
  it('equals JSON.stringify with two-space indentation on awkward values', () => {
    const values: unknown[] = [
      null, 1, 'x', [], {}, [[]], { a: {} }, { a: [] },
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }, [undefined, () => 1, 2],
      { s: 'line\nbreak "quoted" \u2028 ü', n: -0, inf: Infinity, nested: { deep: [{ x: [1, { y: 'z' }] }] } },
      { date: new Date(0), toJSONed: { toJSON: () => ({ replaced: true }) } },
      { version: 1, diagnostics: Array.from({ length: 50 }, (_, i) => ({ rule: 'r', range: { start: { line: i, character: 0 }, end: { line: i, character: 3 } }, message: `m${i}` })) },
    ];
    for (const v of values) expect(streamed(v).text, JSON.stringify(v)).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });

  it('writes a large document in several chunks', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(20) })) };
    const { text, parts } = streamed(big);
    expect(text).toBe(`${JSON.stringify(big, null, 2)}\n`);
    expect(parts).toBeGreaterThan(5);
  });
});

describe('streamJson as JSON.stringify', () => {
  it('asks toJSON first and then skips what it returns when JSON.stringify would', () => {
    const v = { gone: { toJSON: () => undefined }, list: [{ toJSON: () => undefined }, { toJSON: (k: string) => `at ${k}` }], boxed: [new String('s'), new Number(2), new Boolean(false)] };
    expect(streamed(v).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });

  it('escapes what JSON.stringify escapes, and only that', () => {
    const strings = ['plain', 'quote " and \\ backslash', '\u0000\u001f\t\n', 'emoji 😀 pair', 'lone \ud800 high', 'lone \udc00 low', '\u2028\u2029', 'é ü 中文', ''];
    const v = { strings, [strings[1]!]: 1, [strings[4]!]: 2 };
    expect(streamed(v).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });
});

describe('check output written in chunks', () => {
  const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 3 } });
  const messages = ['plain', 'The anchor text "x" links here to /a/ but elsewhere to /b/', 'quote " \\ \t', 'emoji 😀 and lone \ud800', 'x'.repeat(70_000)];
  const findings: Finding[] = Array.from({ length: 3_000 }, (_, i) => ({
    rule: i % 3 ? 'anchor-collision' : 'broken-link',
    severity: (['error', 'warning', 'information', 'hint'] as const)[i % 4]!,
    file: `docs/${i % 17}/page ${i % 5}.md`,
    range: range(i, i % 7),
    message: messages[i % messages.length]!,
    ...(i % 2 ? { data: { linkIndex: i } } : {}),
  }));
  const stats: PageStats[] = [{ file: 'a.md', linkScore: 1.5, inbound: 2, outbound: 0, depth: null, impressions: null, clicks: null }, { file: 'b.md', linkScore: 0, inbound: 0, outbound: 1, depth: 2, impressions: 10, clicks: 1 }];
  const clusters = [{ id: 'c', name: 'C "x"', inferred: false, targets: ['a.md'], members: [{ file: 'b.md', role: 'support', linksToTarget: true }] }];
  const collect = (fn: (write: (s: string) => void) => void) => { const parts: string[] = []; fn((s) => parts.push(s)); return parts; };

  it('JSON: the text of checkJson, whole, with the diagnostics read in place', () => {
    for (const [list, ps, cs] of [[findings, stats, clusters], [[], [], []]] as [Finding[], PageStats[], typeof clusters][]) {
      const parts = collect((w) => writeCheckJson('/root "q"', 42, cs, list, ps, w));
      expect(parts.join('')).toBe(`${JSON.stringify(checkJson('/root "q"', 42, cs, list, ps), null, 2)}\n`);
    }
    expect(collect((w) => writeCheckJson('/r', 1, clusters, findings, stats, w)).length).toBeGreaterThan(5);
  });

  it('text: the report as one string would be, in chunks', () => {
    // The report as it was built before it was written in chunks: one line per finding, joined.
    const reference = (pages: number, list: readonly Finding[]) => {
      const lines: string[] = [];
      const byFile = new Map<string, Finding[]>();
      for (const f of list) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)!).push(f);
      for (const [file, fs] of byFile) {
        lines.push(file);
        for (const f of fs) lines.push(`  ${`${f.range.start.line + 1}:${f.range.start.character + 1}`.padEnd(8)} ${f.severity.padEnd(11)} ${f.message}  ${f.rule}`);
        lines.push('');
      }
      const count = (s: string) => list.filter((f) => f.severity === s).length;
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      lines.push(`${plural(pages, 'page')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information, ${plural(count('hint'), 'hint')} in ${plural(byFile.size, 'file')}.`);
      return `${lines.join('\n')}\n`;
    };
    for (const [pages, list] of [[7, findings], [1, findings.slice(0, 1)], [0, []]] as const) {
      const parts = collect((w) => writeCheckText(pages, list, w));
      expect(parts.join('')).toBe(reference(pages, list));
      expect(`${checkText(pages, list)}\n`).toBe(reference(pages, list));
    }
    expect(collect((w) => writeCheckText(7, findings, w)).length).toBeGreaterThan(5);
  });
});
