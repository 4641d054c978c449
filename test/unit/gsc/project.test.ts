// Search Console exports loaded through the Project: mapping to pages, positioned problems, and the
// rest of the analysis unaffected.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchConsoleOf, sharedQueries, topQueries } from '../../../server/src/core/gsc/index';
import { Project } from '../../../server/src/core/project';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const PAGES = {
  'content/index.md': '# Shop\n\nSee [the blog](/blog/) and [red shoes](/shoes/red/).\n',
  'content/blog.md': '---\nurl: /blog/\n---\n# Blog\n\nWe love [red shoes](/shoes/red/).\n',
  'content/shoes/red.md': '# Red shoes\n\nBack [home](/).\n',
};

const PAGES_CSV = '\uFEFFTop pages,Clicks,Impressions,CTR,Position\n' +
  'https://shop.example/,"1,200","30,000",4%,3\n' +
  'https://shop.example/shoes/red/,10,1000,1%,8\n' +
  'https://www.shop.example/shoes/red/?utm=x,5,500,1%,11\n' +
  'https://shop.example/gone/,1,10,10%,30\n' +
  'https://shop.example/also-gone/,1,10,10%,30\n';

const QUERIES_CSV = 'page,query,clicks,impressions,position\n' +
  'https://shop.example/shoes/red/,red shoes,9,800,6\n' +
  'https://shop.example/blog/,Red Shoes,1,300,19\n' +
  'https://shop.example/blog/,shoe blog,3,90,4\n';

async function load(files: Record<string, string>) {
  const logs: string[] = [];
  const ws = new InMemoryWorkspace('/ws', files);
  const project = new Project(ws, { log: (m) => logs.push(m) });
  await project.load();
  return { project, ws, logs };
}

describe('Search Console in a project', () => {
  it('maps exported URLs to pages through site.baseUrl, its www twin and query strings', async () => {
    const { project, logs } = await load({
      ...PAGES,
      'gsc/pages.csv': PAGES_CSV,
      'gsc/queries.csv': QUERIES_CSV,
      'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://shop.example' }, searchConsole: { pages: 'gsc/pages.csv', queries: './gsc/queries.csv' } }),
    });
    const gsc = searchConsoleOf(project.model())!;
    expect(gsc.pages.get('content/index.md')).toMatchObject({ clicks: 1200, impressions: 30000 });
    const red = gsc.pages.get('content/shoes/red.md')!;
    expect(red).toMatchObject({ clicks: 15, impressions: 1500 });
    // Impression-weighted: (8·1000 + 11·500) / 1500
    expect(red.position).toBeCloseTo(9, 10);
    expect(red.urls).toHaveLength(2);
    expect(gsc.pages.has('content/blog.md')).toBe(false);
    expect(topQueries(gsc, 'content/blog.md', 1).map((q) => q.query)).toEqual(['Red Shoes']);
    expect(sharedQueries(gsc, 'content/blog.md', 'content/shoes/red.md').map((q) => [q.query, q.a.impressions, q.b.impressions])).toEqual([['Red Shoes', 300, 800]]);
    // Unmatched URLs: one log line with the count and the first few, not one per row, not per rebuild.
    expect(logs.filter((l) => l.includes('match no page'))).toEqual(['2 URLs in gsc/pages.csv match no page (https://shop.example/gone/, https://shop.example/also-gone/); check site.baseUrl, or the pages were removed since the export.']);
    project.setOpenDocument('content/index.md', `${PAGES['content/index.md']}\nMore text.\n`);
    project.model();
    expect(logs.filter((l) => l.includes('match no page'))).toHaveLength(1);
    expect(project.analyze().findings.filter((f) => f.rule === 'search-console-error')).toEqual([]);
  });

  it('reports a missing export on its key in pillarlink.json', async () => {
    const config = '{\n  "searchConsole": {\n    "pages": "gsc/nope.csv"\n  }\n}\n';
    const { project } = await load({ ...PAGES, 'pillarlink.json': config });
    const f = project.analyze().findings.filter((x) => x.rule === 'search-console-error');
    expect(f).toEqual([expect.objectContaining({ file: 'pillarlink.json', severity: 'warning', range: { start: { line: 2, character: 13 }, end: { line: 2, character: 27 } } })]);
    expect(f[0]!.message).toContain('cannot read "gsc/nope.csv"');
    expect(searchConsoleOf(project.model())).toBeUndefined();
  });

  it('reports malformed rows in the CSV and changes nothing else', async () => {
    const base = await load({ ...PAGES, 'pillarlink.json': '{}' });
    const bad = 'Top pages,Clicks,Impressions,CTR,Position\nhttps://shop.example/,12,lots,1%,3\nhttps://shop.example/blog/,1,100,1%,3\n';
    const { project } = await load({ ...PAGES, 'gsc/p.csv': bad, 'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://shop.example' }, searchConsole: { pages: 'gsc/p.csv' } }) });
    const findings = project.analyze().findings;
    const errors = findings.filter((x) => x.rule === 'search-console-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'gsc/p.csv', range: { start: { line: 1, character: 25 }, end: { line: 1, character: 29 } } });
    expect(errors[0]!.message).toBe('Impressions "lots" is not a whole number. The row is skipped.');
    expect(searchConsoleOf(project.model())!.pages.get('content/blog.md')!.impressions).toBe(100);
    const others = (fs: typeof findings) => fs.filter((x) => x.rule !== 'search-console-error' && x.rule !== 'weak-sources').map((x) => `${x.rule} ${x.file}:${x.range.start.line}`);
    expect(others(findings)).toEqual(others(base.project.analyze().findings));
  });

  it('rejects search console paths outside the workspace in the config', async () => {
    const { project } = await load({ ...PAGES, 'pillarlink.json': '{ "searchConsole": { "pages": "../secret.csv", "queries": 3 } }' });
    const f = project.analyze().findings.filter((x) => x.rule === 'config-error');
    expect(f.map((x) => x.message)).toEqual(['"pages" must be a CSV path relative to the workspace folder; its default is used.', '"queries" must be a CSV path relative to the workspace folder; its default is used.']);
    expect(project.config.searchConsole).toEqual({});
  });

  it('re-reads an export when it changes and forgets it when it is deleted', async () => {
    const { project, ws } = await load({ ...PAGES, 'gsc/pages.csv': PAGES_CSV, 'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://shop.example' }, searchConsole: { pages: 'gsc/pages.csv' } }) });
    expect(searchConsoleOf(project.model())!.pages.get('content/index.md')!.impressions).toBe(30000);
    ws.set('gsc/pages.csv', 'Top pages,Clicks,Impressions,CTR,Position\nhttps://shop.example/,1,7,1%,3\n');
    await project.fileChanged('gsc/pages.csv');
    expect(searchConsoleOf(project.model())!.pages.get('content/index.md')!.impressions).toBe(7);
    ws.delete('gsc/pages.csv');
    project.fileDeleted('gsc/pages.csv');
    expect(searchConsoleOf(project.model())).toBeUndefined();
  });

  it('adds shared-query evidence to competing-support-page', async () => {
    const root = path.join(__dirname, '..', '..', 'rules', 'fixtures', 'competing-support-page');
    const files: Record<string, string> = {};
    for (const f of ['content/tools/invoice-generator.md', 'content/blog/free-online-invoice-generator.md']) files[f] = fs.readFileSync(path.join(root, f), 'utf8');
    const queries = 'page,query,clicks,impressions,position\n' +
      'https://inv.example/tools/invoice-generator/,free invoice generator,900,20000,2.8\n' +
      'https://inv.example/blog/free-online-invoice-generator/,free invoice generator,40,3100,15.8\n' +
      'https://inv.example/blog/free-online-invoice-generator/,invoice pdf,4,100,9\n';
    const message = async (config: object) => {
      const { project } = await load({ ...files, 'q.csv': queries, 'pillarlink.json': JSON.stringify(config) });
      const f = project.analyze().findings.filter((x) => x.rule === 'competing-support-page');
      expect(f).toHaveLength(1);
      return f[0]!;
    };
    const withData = await message({ site: { baseUrl: 'https://inv.example' }, searchConsole: { queries: 'q.csv' } });
    expect(withData.message).toContain('Search Console shows both getting impressions for "free invoice generator" (this page 3,100 at position 15.8, the target 20,000 at 2.8).');
    expect(withData.data).toMatchObject({ sharedQueries: ['free invoice generator'] });
    const without = await message({ site: { baseUrl: 'https://inv.example' } });
    expect(without.message).not.toContain('Search Console');
    expect(without.data).not.toHaveProperty('sharedQueries');
  });
});
