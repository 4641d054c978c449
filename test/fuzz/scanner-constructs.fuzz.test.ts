// Differential fuzzing of the fast scanner (core/parse/fastScan.ts) on documents heavy in the
// constructs it reads with the most care: tabs in container indentation (partial tabs, 4-column
// stops), MDX expressions across lines (and the MDX errors after which parsePage reads Markdown),
// GFM footnote definitions and calls. Every page the scanner accepts must give parsePage's facts.
// FUZZ_RUNS raises the number of documents (the campaigns behind these cases ran millions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS, parsePage } from '../../server/src/core/parse/page';
import { scanPageOrReason } from '../../server/src/core/parse/fastScan';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const WS = ['', '', ' ', '  ', '   ', '    ', '     ', '\t', '\t\t', ' \t', '  \t', '   \t', '\t ', '\t  ', ' \t '];
const CONTAINERS = ['- ', '* ', '+ ', '1. ', '2) ', '-', '1.', '-\t', '*\t', '1.\t', '- \t', '-    ', '-     ', '-\t\t', '>', '> ', '>\t', '> \t', '>\t\t', '[^1]: ', '[^n]:\t', '[^1]:', '[^a]: [^b]: '];
const INLINE = [
  'a', 'foo bar', '*e*', '**s**', '`c`', 'w\tz', 'q  ', '[l](/u)', '[r]', '<a href="/h">h</a>', '<B>b</B>', '<Link href="/k">k</Link>',
  '{x}', '{a +', 'b}', '{`t', '`}', '{/* c', '*/}', '{1 + }', '{2\\pi}', '[^1]', '[^n]', '![^1]', '[^a]', 'x[^b]y', '[^1 ]', '[^\\]]',
];
const BLOCKS = [
  '', '# h', '***', '```', '~~~', '````', '    code', '| a | b |', '|---|---|', '[r]: /ref', '===', '---', '<div id="d">', '</div>',
  '<!-- c', '-->', '<pre>', '</pre>', '<A b="c" />', '<Tabs>', '</Tabs>', '{1 + 1}', '{a +', '}', '{', '[^1]: note', '[^n]:', '[^1]:  [^1]',
];

const inline = fc.array(fc.constantFrom(...INLINE), { minLength: 1, maxLength: 4 }).chain((words) =>
  fc.array(fc.constantFrom(' ', ' ', '\t', '  '), { minLength: words.length, maxLength: words.length }).map((seps) => words.map((w, i) => (i ? seps[i] : '') + w).join('')),
);
const line = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...WS), fc.constantFrom(...CONTAINERS)), { maxLength: 3 }),
    fc.constantFrom(...WS),
    fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...BLOCKS) }, { weight: 2, arbitrary: inline }),
  )
  .map(([containers, ws, body]) => containers.map(([w, c]) => w + c).join('') + ws + body);
const documentArb = fc.tuple(fc.array(line, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\n', '\r\n')).map(([lines, eol]) => lines.join(eol) + eol);

describe('fast scanner: tabs, multi-line expressions and footnotes', () => {
  for (const file of ['p.md', 'p.mdx']) {
    it(`accepted ${file} documents equal parsePage`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(documentArb, (text) => {
          const fast = scanPageOrReason(file, text, DEFAULT_PARSE_OPTIONS);
          if (typeof fast === 'string') return;
          accepted++;
          expect(JSON.stringify(fast)).toBe(JSON.stringify(parsePage(file, text, DEFAULT_PARSE_OPTIONS)));
        }),
        { numRuns: RUNS, seed: 20250611 },
      );
      // The scanner must take a good share of these documents, or this compares little.
      expect(accepted).toBeGreaterThan(RUNS / 4);
    }, Math.max(120_000, RUNS * 300));
  }
});
