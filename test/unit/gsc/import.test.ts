import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/src/core/gsc/csv';
import { importPagesCsv, importQueriesCsv } from '../../../server/src/core/gsc/import';
import { parseCount, parseDecimal, parsePercent } from '../../../server/src/core/gsc/numbers';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, with positions', () => {
    const t = parseCsv('a,"b,c","say ""hi"""\r\n"multi\nline",x,\n\n');
    expect(t.error).toBeUndefined();
    expect(t.rows.map((r) => r.fields.map((f) => f.value))).toEqual([['a', 'b,c', 'say "hi"'], ['multi\nline', 'x', '']]);
    expect(t.rows[0]!.fields[1]).toMatchObject({ line: 0, character: 2, length: 5 });
    expect(t.rows[1]!.fields[1]).toMatchObject({ line: 2, character: 6 });
  });
  it('strips a BOM and keeps columns relative to the text without it', () => {
    const t = parseCsv('\uFEFFx,y\n1,2');
    expect(t.rows[0]!.fields[0]!.value).toBe('x');
    expect(t.rows[1]!.fields[1]).toMatchObject({ value: '2', line: 1, character: 2 });
  });
  it('takes the delimiter from the header line', () => {
    expect(parseCsv('a;b;c\n1;2,5;3').rows[1]!.fields.map((f) => f.value)).toEqual(['1', '2,5', '3']);
    expect(parseCsv('a\tb\n1\t2').delimiter).toBe('\t');
  });
  it('reports an unclosed quote where it opens, keeping earlier rows', () => {
    const t = parseCsv('a,b\n1,2\n"3,4\n5,6\n');
    expect(t.rows).toHaveLength(2);
    expect(t.error).toMatchObject({ line: 2, character: 0 });
    expect(t.error!.message).toMatch(/never closed/);
  });
  it('reports a stray quote inside an unquoted field', () => {
    expect(parseCsv('a,b\n1,2"x\n').error).toMatchObject({ line: 1, character: 3 });
  });
});

describe('localised numbers', () => {
  it('reads counts with any thousands separator', () => {
    for (const [raw, n] of [['18,734', 18734], ['18.734', 18734], ['18 734', 18734], ['18\u202f734', 18734], ['18\u00a0734', 18734], ["18'734", 18734], ['1,233,610', 1233610], ['905', 905], ['0', 0], ['12.0', 12]] as const) {
      expect(parseCount(raw), raw).toBe(n);
    }
    for (const bad of ['12.5', 'abc', '1,23', '']) expect(parseCount(bad), bad).toBeUndefined();
  });
  it('reads decimals with either decimal mark', () => {
    for (const [raw, n] of [['4.1', 4.1], ['4,1', 4.1], ['1.234,5', 1234.5], ['1,234.5', 1234.5], ['12', 12], ['1.234.567', 1234567]] as const) {
      expect(parseDecimal(raw), raw).toBeCloseTo(n, 10);
    }
    for (const bad of ['x', '1.2.3', '4,1,2', '']) expect(parseDecimal(bad), bad).toBeUndefined();
  });
  it('reads percentages as fractions', () => {
    expect(parsePercent('3.2%')).toBeCloseTo(0.032, 12);
    expect(parsePercent('3,2 %')).toBeCloseTo(0.032, 12);
    expect(parsePercent('15,22\u202f%')).toBeCloseTo(0.1522, 12);
    expect(parsePercent('0.032')).toBeCloseTo(0.032, 12);
    expect(parsePercent('n/a')).toBeUndefined();
  });
});

describe('importPagesCsv', () => {
  it('reads the English UI export: BOM, CRLF, quoted thousands, quoted URLs with commas', () => {
    const { rows, problems } = importPagesCsv(fixture('pages-en.csv'));
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { url: 'https://shop.example/', clicks: 9412, impressions: 61840, ctr: expect.closeTo(0.1522, 10), position: 2.3, line: 1 },
      { url: 'https://shop.example/search/?q=red,blue', clicks: 12, impressions: 340, ctr: expect.closeTo(0.0353, 10), position: 9, line: 2 },
      { url: 'https://shop.example/blog/', clicks: 905, impressions: 1233610, ctr: expect.closeTo(0.0007, 10), position: 8.3, line: 3 },
    ]);
  });

  for (const [file, language] of [['pages-de.csv', 'German'], ['pages-fr.csv', 'French'], ['pages-es.csv', 'Spanish'], ['pages-pt.csv', 'Portuguese'], ['pages-it.csv', 'Italian'], ['pages-nl.csv', 'Dutch'], ['pages-ja.csv', 'Japanese'], ['pages-unknown.csv', 'an unknown language'], ['pages-semicolon.csv', 'a semicolon re-save']] as const) {
    it(`reads an export in ${language}`, () => {
      const { rows, problems } = importPagesCsv(fixture(file));
      expect(problems).toEqual([]);
      expect(rows[0]).toEqual({ url: 'https://shop.example/', clicks: 9412, impressions: 61840, ctr: expect.closeTo(0.1522, 10), position: expect.closeTo(2.3, 10), line: 1 });
    });
  }

  it('skips malformed rows with a positioned problem each and keeps the others', () => {
    const { rows, problems } = importPagesCsv(fixture('pages-bad-rows.csv'));
    expect(rows.map((r) => r.url)).toEqual(['https://shop.example/', 'https://shop.example/b/']);
    expect(problems).toEqual([
      { message: 'Clicks "twelve" is not a whole number.', line: 2, character: 24, length: 6 },
      { message: '"not a url" is not a page URL; expected an absolute URL like https://example.com/page/.', line: 3, character: 0, length: 9 },
    ]);
  });

  it('reports a file that is not a Search Console export on its header', () => {
    const { rows, problems } = importPagesCsv(fixture('not-gsc.csv'));
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 0, character: 0 });
    expect(problems[0]!.message).toContain('No page URL or clicks or impressions column');
    expect(problems[0]!.message).toContain('"Month", "Visitors"');
  });

  it('keeps the rows before an unclosed quote and reports it', () => {
    const { rows, problems } = importPagesCsv(fixture('pages-unclosed.csv'));
    expect(rows.map((r) => r.url)).toEqual(['https://shop.example/']);
    expect(problems).toEqual([expect.objectContaining({ line: 2, character: 0, message: expect.stringContaining('never closed') })]);
  });

  it('reports an empty file', () => {
    expect(importPagesCsv('').problems[0]!.message).toMatch(/empty/);
  });
});

describe('importQueriesCsv', () => {
  it('reads page × query rows, quoted queries included', () => {
    const { rows, problems } = importQueriesCsv(fixture('queries.csv'));
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.url, r.query, r.clicks, r.impressions, r.position])).toEqual([
      ['https://shop.example/', 'red shoes', 120, 4010, 3.2],
      ['https://shop.example/', 'shoes, red', 30, 990, 5.5],
      ['https://shop.example/blog/', 'red shoes', 4, 700, 18.4],
    ]);
  });
  it('requires a query column', () => {
    expect(importQueriesCsv(fixture('pages-en.csv')).problems[0]!.message).toMatch(/No query column/);
  });
});
