// Link scores, page statistics and source suggestions on small sites built in memory.
import { describe, expect, it } from 'vitest';
import { searchConsoleOf } from '../../../server/src/core/gsc/index';
import { Project } from '../../../server/src/core/project';
import { linkScores, pageStats, scoreState, stats, strongSources, whatIfAddLink } from '../../../server/src/core/score/index';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const page = (fm: Record<string, string>, body: string) => `---\n${Object.entries(fm).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}\n`;

const SITE: Record<string, string> = {
  'content/index.md': page({ title: 'Bakery' }, '# Bakery\n\nRead [sourdough basics](/sourdough-basics/), [rye bread](/rye-bread/), [the starter guide](/starter-guide/) and [our cakes](/cakes/).'),
  // The target of the sourdough cluster.
  'content/starter-guide.md': page({ title: 'Sourdough starter guide', cluster: 'sourdough', role: 'pillar' }, '# Sourdough starter guide\n\nFeed the sourdough starter daily with flour and water.'),
  // Same cluster, mentions the starter, does not link to it yet.
  'content/sourdough-basics.md': page({ title: 'Sourdough basics', cluster: 'sourdough', role: 'explainer' }, '# Sourdough basics\n\nA sourdough starter is flour and water. A starter needs feeding. Back [home](/).'),
  // Links up already: never suggested.
  'content/sourdough-scoring.md': page({ title: 'Scoring sourdough', cluster: 'sourdough', role: 'tutorial' }, '# Scoring sourdough\n\nScore the loaf after the [starter guide](/starter-guide/) steps. See [basics](/sourdough-basics/).'),
  // Related topic, other cluster, strong.
  'content/rye-bread.md': page({ title: 'Rye bread' }, '# Rye bread\n\nRye sourdough needs a lively starter; feed the starter twice. Back [home](/).'),
  // Unrelated.
  'content/cakes.md': page({ title: 'Cakes' }, '# Cakes\n\nChocolate cake and lemon drizzle. Back [home](/).'),
  // A draft that mentions the topic: never suggested.
  'content/draft.md': page({ title: 'Sourdough starter secrets', draft: 'true' }, '# Sourdough starter secrets\n\nStarter starter sourdough.'),
};

const GSC = 'Top pages,Clicks,Impressions,CTR,Position\n' +
  'https://bake.example/,100,5000,2%,3\n' +
  'https://bake.example/rye-bread/,400,"20,000",2%,4\n' +
  'https://bake.example/sourdough-basics/,2,90,2.2%,20\n' +
  'https://bake.example/starter-guide/,30,2000,1.5%,9\n';

async function load(files: Record<string, string>) {
  const project = new Project(new InMemoryWorkspace('/ws', files));
  await project.load();
  return project;
}

describe('link scores and page statistics', () => {
  it('scores every page 0–100 with the strongest at 100 and the weakest at 0', async () => {
    const model = (await load(SITE)).model();
    const scores = linkScores(model);
    expect([...scores.keys()].sort()).toEqual(Object.keys(SITE).sort());
    const values = [...scores.values()].map((s) => s.score0to100);
    expect(Math.max(...values)).toBeCloseTo(100, 9);
    expect(Math.min(...values)).toBeCloseTo(0, 9);
    expect([...scores.values()].reduce((a, s) => a + s.raw, 0)).toBeCloseTo(1, 10);
    // Home is linked from three pages; cakes only from home.
    expect(scores.get('content/index.md')!.raw).toBeGreaterThan(scores.get('content/cakes.md')!.raw);
    expect(scoreState(model)).toBe(scoreState(model));
  });

  it('gives page statistics, with null Search Console numbers without data', async () => {
    const model = (await load(SITE)).model();
    const all = pageStats(model);
    expect(all.map((p) => p.file)).toEqual(Object.keys(SITE).sort());
    expect(stats(model, 'content/sourdough-scoring.md')).toEqual({ file: 'content/sourdough-scoring.md', linkScore: expect.any(Number), inbound: 0, outbound: 2, depth: null, impressions: null, clicks: null });
    expect(stats(model, 'content/index.md')).toMatchObject({ inbound: 3, outbound: 4, depth: 0 });
    expect(stats(model, 'content/missing.md')).toBeUndefined();
    for (const p of all) expect(Number.isInteger(p.linkScore) && p.linkScore >= 0 && p.linkScore <= 100).toBe(true);
  });

  it('adds impressions and clicks (0 for pages missing from the export)', async () => {
    const model = (await load({ ...SITE, 'gsc.csv': GSC, 'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://bake.example' }, searchConsole: { pages: 'gsc.csv' } }) })).model();
    expect(stats(model, 'content/rye-bread.md')).toMatchObject({ impressions: 20000, clicks: 400 });
    expect(stats(model, 'content/cakes.md')).toMatchObject({ impressions: 0, clicks: 0 });
  });
});

describe('strongSources', () => {
  it('suggests pages that do not link yet: the cluster first, then by strength × relevance', async () => {
    const model = (await load({ ...SITE, 'gsc.csv': GSC, 'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://bake.example' }, searchConsole: { pages: 'gsc.csv' } }) })).model();
    const sources = strongSources(model, 'content/starter-guide.md');
    const files = sources.map((s) => s.file);
    expect(files[0]).toBe('content/sourdough-basics.md');
    expect(sources[0]!.sameCluster).toBe(true);
    expect(files).toContain('content/rye-bread.md');
    // Already links up in its prose, a draft, the target itself, and an unrelated page: never.
    for (const f of ['content/sourdough-scoring.md', 'content/draft.md', 'content/starter-guide.md', 'content/cakes.md']) expect(files).not.toContain(f);
    const rye = sources.find((s) => s.file === 'content/rye-bread.md')!;
    expect(rye.impressions).toBe(20000);
    expect(rye.reasons).toContain('20,000 impressions, 400 clicks');
    expect(rye.reasons.some((r) => r.startsWith('mentions "starter"') || r.startsWith('mentions "sourdough"'))).toBe(true);
    expect(rye.gain).toBeGreaterThan(0);
    expect(rye.reasons[rye.reasons.length - 1]).toMatch(/^\+[\d.]+ link score for the target$/);
    // The gain estimate is the what-if delta.
    const exact = whatIfAddLink(scoreState(model), 'content/rye-bread.md', 'content/starter-guide.md')!;
    expect(Math.abs(rye.gain! - exact.delta)).toBeLessThan(0.05);
  });

  it('ranks a stronger source above a weaker one of equal relevance', async () => {
    const files = {
      'content/target.md': page({ title: 'Kombucha brewing' }, '# Kombucha brewing\n\nBrew kombucha at home.'),
      'content/a.md': page({ title: 'Tea A' }, '# Tea A\n\nKombucha brewing with green tea.'),
      'content/b.md': page({ title: 'Tea B' }, '# Tea B\n\nKombucha brewing with green tea.'),
    };
    const csv = (a: number, b: number) => `Top pages,Clicks,Impressions\nhttps://k.example/a/,1,${a}\nhttps://k.example/b/,1,${b}\n`;
    const order = async (a: number, b: number) => {
      const model = (await load({ ...files, 'g.csv': csv(a, b), 'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://k.example' }, searchConsole: { pages: 'g.csv' } }) })).model();
      expect(searchConsoleOf(model)!.pages.size).toBe(2);
      return strongSources(model, 'content/target.md', undefined, { withGain: false }).map((s) => s.file);
    };
    expect(await order(5000, 50)).toEqual(['content/a.md', 'content/b.md']);
    expect(await order(50, 5000)).toEqual(['content/b.md', 'content/a.md']);
  });

  it('returns nothing for an unknown target', async () => {
    expect(strongSources((await load(SITE)).model(), 'content/none.md')).toEqual([]);
  });
});

describe('weak-sources without Search Console data', () => {
  it('reports a target whose content links all come from bottom-quartile pages', async () => {
    const files: Record<string, string> = {
      'content/index.md': page({ title: 'Home' }, '# Home\n\n' + Array.from({ length: 8 }, (_, i) => `[Hub ${i}](/hub-${i}/)`).join(' ')),
      'content/tool.md': page({ title: 'The tool', cluster: 'c', role: 'tool' }, '# The tool\n\nIt works.'),
      // Reached from nowhere: bottom of the link-score range.
      'content/lonely.md': page({ title: 'Lonely', cluster: 'c', role: 'support' }, '# Lonely\n\nUse [the tool](/tool/).'),
    };
    for (let i = 0; i < 8; i++) files[`content/hub-${i}.md`] = page({ title: `Hub ${i}` }, `# Hub ${i}\n\n[Home](/)`);
    const project = await load({ ...files, 'pillarlink.json': '{ "entryPoints": ["content/index.md"] }' });
    const weak = project.analyze().findings.filter((f) => f.rule === 'weak-sources');
    expect(weak).toHaveLength(1);
    expect(weak[0]).toMatchObject({ file: 'content/tool.md', severity: 'information', range: { start: { line: 5, character: 0 } } });
    expect(weak[0]!.message).toContain('gets its contextual links only from pages whose link score is in the bottom 25% of the site: "Lonely" (/lonely/)');
    // A home-page link makes the target's sources strong.
    files['content/index.md'] = files['content/index.md']!.replace('# Home\n\n', '# Home\n\nTry [the tool](/tool/). ');
    const fixed = await load({ ...files, 'pillarlink.json': '{ "entryPoints": ["content/index.md"] }' });
    expect(fixed.analyze().findings.filter((f) => f.rule === 'weak-sources')).toEqual([]);
  });
});
