// `pageStats` in `pillarlink check --format json`, through the built CLI, on the example site.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../helpers/build';
import { REPO, removeDir, tempWorkspace } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');
const EXAMPLES = path.join(REPO, 'examples');

interface PageStat { file: string; linkScore: number; inbound: number; outbound: number; depth: number | null; impressions: number | null; clicks: number | null }

function check(root: string): { pageStats: PageStat[]; pages: number; diagnostics: { rule: string }[] } {
  const r = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never'], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Lines of gsc/pages.csv as numbers per URL path, read independently of the importer. */
function exportedImpressions(): Map<string, number> {
  const out = new Map<string, number>();
  const text = fs.readFileSync(path.join(EXAMPLES, 'gsc', 'pages.csv'), 'utf8').replace(/^\uFEFF/, '');
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^https:\/\/ledgerly\.example(\/[^,]*),("[\d,]+"|\d+),("[\d,]+"|\d+),/.exec(line);
    if (m) out.set(m[1]!, Number(m[3]!.replace(/[",]/g, '')));
  }
  return out;
}

const dirs: string[] = [];
beforeAll(async () => { await buildBundles(); });
afterAll(() => { for (const d of dirs) removeDir(d); });

describe('pageStats', () => {
  it('lists every page of the example once with link score, links, depth and Search Console totals', () => {
    const report = check(EXAMPLES);
    const stats = report.pageStats;
    expect(stats).toHaveLength(report.pages);
    expect(new Set(stats.map((s) => s.file)).size).toBe(stats.length);
    expect(stats.map((s) => s.file)).toEqual([...stats.map((s) => s.file)].sort());
    for (const s of stats) {
      expect(Object.keys(s).sort()).toEqual(['clicks', 'depth', 'file', 'impressions', 'inbound', 'linkScore', 'outbound']);
      expect(Number.isInteger(s.linkScore) && s.linkScore >= 0 && s.linkScore <= 100, s.file).toBe(true);
      expect(fs.existsSync(path.join(EXAMPLES, s.file)), s.file).toBe(true);
      expect(s.depth === null || Number.isInteger(s.depth)).toBe(true);
      expect(typeof s.impressions).toBe('number');
      expect(typeof s.clicks).toBe('number');
    }
    expect(Math.max(...stats.map((s) => s.linkScore))).toBe(100);
    expect(Math.min(...stats.map((s) => s.linkScore))).toBe(0);
    const by = new Map(stats.map((s) => [s.file, s]));
    expect(by.get('content/index.md')!.depth).toBe(0);
    expect(by.get('content/guides/tax-vat-on-invoices.md')!.depth).toBe(5);
    expect(by.get('content/blog/how-to-write-a-payment-reminder.md')).toMatchObject({ inbound: 0, depth: null });
    // Impressions are the export's, mapped to pages through site.baseUrl.
    const exported = exportedImpressions();
    expect(exported.size).toBeGreaterThan(20);
    expect(by.get('content/tools/invoice-generator/index.mdx')!.impressions).toBe(exported.get('/tools/invoice-generator/'));
    expect(by.get('content/blog/how-to-write-an-invoice.md')!.impressions).toBe(exported.get('/blog/how-to-write-an-invoice/'));
    const total = stats.reduce((a, s) => a + (s.impressions ?? 0), 0);
    expect(total).toBe([...exported.values()].reduce((a, b) => a + b, 0));
    // The Search Console files are valid: no search-console-error in the example.
    expect(report.diagnostics.filter((d) => d.rule === 'search-console-error')).toEqual([]);
  });

  it('has null impressions and clicks without Search Console data', () => {
    const dir = tempWorkspace({
      'content/index.md': '# Home\n\nRead [the guide](guide.md).\n',
      'content/guide.md': '# Guide\n\nBack [home](/).\n',
    });
    dirs.push(dir);
    const { pageStats } = check(dir);
    expect(pageStats).toEqual([
      { file: 'content/guide.md', linkScore: 100, inbound: 1, outbound: 1, depth: 1, impressions: null, clicks: null },
      { file: 'content/index.md', linkScore: 100, inbound: 1, outbound: 1, depth: 0, impressions: null, clicks: null },
    ]);
  });
});
