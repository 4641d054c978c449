// Link score and Search Console data in the editor, over stdio: the hover, the view DTOs, the what-if
// suffix of link insertions and the "Add a link from" actions on a target page. Expected numbers come
// from the core API run in-process on the same files.
import { describe, expect, it } from 'vitest';
import type { ClusterDto, FolderOverviewDto, PageLinksDto } from '../../shared/src/dto';
import { Methods, type ClustersResult, type OverviewResult } from '../../shared/src/protocol';
import { Project } from '../../server/src/core/project';
import { formatDelta, scoreState, stats, strongSources, whatIfAddLink } from '../../server/src/core/score';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import type { Diagnostic, LspClient } from '../helpers/lspClient';
import { lspSessions } from '../helpers/session';

interface Pos { line: number; character: number }
interface TextEdit { range: { start: Pos; end: Pos }; newText: string; annotationId?: string }
interface DocEdit { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }
interface Action { title: string; kind?: string; edit?: { documentChanges?: DocEdit[]; changeAnnotations?: Record<string, { needsConfirmation?: boolean }> } }

const fm = (fields: Record<string, string>, body: string) => `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n${body}`;

const TARGET = 'content/tools/invoice-generator.md';
const TUTORIAL = 'content/blog/how-to-write-an-invoice.md';
const LATE = 'content/blog/late-payments.md';

// Home is the strongest page (everything links to it), so the target has room to gain.
const FILES: Record<string, string> = {
  'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://example.com' }, entryPoints: ['content/index.md'], searchConsole: { pages: 'gsc/pages.csv', queries: 'gsc/queries.csv' } }),
  'content/index.md': fm({ title: 'Home' }, '# Home\n\nTry the [invoice generator](/tools/invoice-generator/), read [how to write an invoice](/blog/how-to-write-an-invoice/), [late payments](/blog/late-payments/) and [pricing](/blog/pricing/).\n'),
  [TARGET]: fm({ title: 'Free invoice generator', cluster: 'invoicing', role: 'target', keywords: '[free invoice generator]' }, '# Free invoice generator\n\nCreate an invoice in your browser. Back [home](/).\n'),
  [TUTORIAL]: fm({ title: 'How to write an invoice', cluster: 'invoicing', role: 'tutorial' }, '# How to write an invoice\n\nEvery invoice needs a number, a date and the amount due. You can write one by hand, or use a free invoice generator that does the arithmetic for you.\n\nBack [home](/).\n'),
  [LATE]: fm({ title: 'Late payments' }, '# Late payments\n\nA clear invoice gets paid sooner. An online billing tool sends reminders for every invoice you issue.\n\nBack [home](/).\n'),
  'content/blog/pricing.md': fm({ title: 'Pricing your work' }, '# Pricing your work\n\nCharge by the day or by the project. Back [home](/).\n'),
  'gsc/pages.csv': 'Top pages,Clicks,Impressions,CTR,Position\nhttps://example.com/tools/invoice-generator/,"1,870","40,211",4.65%,3.1\nhttps://example.com/blog/how-to-write-an-invoice/,310,"9,642",3.22%,7.4\nhttps://example.com/blog/late-payments/,120,"5,500",2.18%,9.0\nhttps://example.com/,50,900,5.56%,4.0\n',
  'gsc/queries.csv': 'page,query,clicks,impressions,position\nhttps://example.com/tools/invoice-generator/,online billing tool,900,20000,2.5\nhttps://example.com/tools/invoice-generator/,free invoice generator,970,20211,3.6\nhttps://example.com/blog/late-payments/,late invoice,120,5500,9.0\n',
};

const sessions = lspSessions();

async function core() {
  const project = new Project(new InMemoryWorkspace('/ws', FILES));
  await project.load();
  return project.model();
}

/** Position of the first occurrence of `needle` in a fixture file (+ `delta` characters). */
function at(rel: string, needle: string, delta = 0): Pos {
  const text = FILES[rel]!;
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function offsetOf(text: string, p: Pos): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
  return o + p.character;
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start))
    .reduce((t, e) => t.slice(0, offsetOf(text, e.range.start)) + e.newText + t.slice(offsetOf(text, e.range.end)), text);
}

const hoverText = async (client: LspClient, uri: string, position: Pos) =>
  (await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position }))?.contents.value ?? '';

const refactorsAt = (client: LspClient, uri: string, position: Pos) =>
  client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['refactor'] } });

describe('link score in the editor', () => {
  it('hover shows the link score, the site rank and Search Console totals on links and on the H1', async () => {
    const model = await core();
    const st = stats(model, TARGET)!;
    expect(st.impressions).toBe(40211);
    // Home outranks the target: the rank is a real place, not always #1.
    const state = scoreState(model);
    const rankOf = (f: string) => state.rank[state.graph.index.get(f)!]!;
    const place = 1 + state.graph.files.filter((f) => rankOf(f) > rankOf(TARGET)).length;
    expect(place).toBeGreaterThan(1);
    const line = `Link score **${st.linkScore}**/100 · #${place} of ${model.pages.size} pages · 40,211 impressions · 1,870 clicks`;
    const { client, root } = await sessions.start(FILES);
    const home = client.uri(root, 'content/index.md');
    const onLink = await hoverText(client, home, at('content/index.md', '[invoice generator]', 3));
    expect(onLink).toContain('**Free invoice generator**');
    expect(onLink).toContain(line);
    const onH1 = await hoverText(client, client.uri(root, TARGET), at(TARGET, '# Free invoice generator', 4));
    expect(onH1).toContain(line);
    // A page outside the export has no impressions: 0, not missing data.
    const pricing = stats(model, 'content/blog/pricing.md')!;
    expect(await hoverText(client, home, at('content/index.md', '[pricing]', 3))).toContain(`Link score **${pricing.linkScore}**/100 · #`);
    expect(await hoverText(client, home, at('content/index.md', '[pricing]', 3))).toContain('· 0 impressions · 0 clicks');
  });

  it('the cluster DTOs, the overview and the Links view carry link scores and Search Console totals', async () => {
    const model = await core();
    const { client, root } = await sessions.start(FILES);
    const clusters: ClusterDto[] = (await client.request<ClustersResult>(Methods.clusters, {})).folders[0]!.clusters;
    const inv = clusters.find((c) => c.id === 'invoicing')!;
    expect(inv.targets[0]).toMatchObject({ file: TARGET, linkScore: stats(model, TARGET)!.linkScore, impressions: 40211, clicks: 1870 });
    expect(inv.members[0]).toMatchObject({ file: TUTORIAL, linkScore: stats(model, TUTORIAL)!.linkScore, impressions: 9642, clicks: 310 });
    const overview: FolderOverviewDto = (await client.request<OverviewResult>(Methods.overview, {})).folders[0]!;
    const summary = overview.clusters.find((c) => c.id === 'invoicing')!;
    expect(summary.targetScore).toBe(stats(model, TARGET)!.linkScore);
    expect(summary.targetRank).toBeGreaterThan(1);
    expect(summary.targets[0]).toMatchObject({ linkScore: stats(model, TARGET)!.linkScore, impressions: 40211, clicks: 1870 });
    const links = await client.request<PageLinksDto>(Methods.pageLinks, { uri: client.uri(root, TARGET) });
    // Inbound links carry the source's numbers, outbound ones the destination's.
    expect(links.inbound.find((l) => l.sourceTitle === 'Home')).toMatchObject({ linkScore: stats(model, 'content/index.md')!.linkScore, impressions: 900, clicks: 50 });
    expect(links.outbound[0]).toMatchObject({ destTitle: 'Home', linkScore: stats(model, 'content/index.md')!.linkScore, impressions: 900 });
  });

  it('link insertion titles end with the what-if gain of the target', async () => {
    const model = await core();
    const gain = whatIfAddLink(scoreState(model), TUTORIAL, TARGET, { maxIterations: 30 })!.delta;
    expect(gain).toBeGreaterThan(0.05);
    const { client, root } = await sessions.start(FILES);
    const uri = client.uri(root, TUTORIAL);
    await client.open(uri, FILES[TUTORIAL]!);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-target-link'), 'the missing-target-link diagnostic');
    const diag: Diagnostic = diags.find((x) => x.code === 'missing-target-link')!;
    const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    const links = actions.filter((a) => a.title.startsWith('Link "'));
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]!.title).toBe(`Link "free invoice generator" \u2192 Free invoice generator (target) \u00b7 ${formatDelta(gain)} link score`);
    // Every anchor adds the same link: the same gain on each title.
    for (const a of links) expect(a.title.endsWith(` \u00b7 ${formatDelta(gain)} link score`)).toBe(true);
  });

  it('on a target page offers "Add a link from" the strongest sources, ranked, editing the source page', async () => {
    const model = await core();
    const expected = strongSources(model, TARGET).map((s) => s.file);
    expect(expected.slice(0, 2)).toEqual([TUTORIAL, LATE]);
    const { client, root } = await sessions.start(FILES);
    const uri = client.uri(root, TARGET);
    await client.open(uri, FILES[TARGET]!);
    await client.waitForDiagnostics(uri, () => true, 'diagnostics of the target');
    const actions = (await refactorsAt(client, uri, at(TARGET, 'Create an invoice'))).filter((a) => a.title.startsWith('Add a link from "'));
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.length).toBeLessThanOrEqual(3);
    const gain = (f: string) => formatDelta(whatIfAddLink(scoreState(model), f, TARGET, { maxIterations: 30 })!.delta);
    const strength = (f: string) => strongSources(model, TARGET).find((s) => s.file === f)!.strength.toFixed(2);
    expect(actions[0]!.title).toBe(`Add a link from "How to write an invoice" (strength ${strength(TUTORIAL)}, ${gain(TUTORIAL)} link score)`);
    expect(actions[1]!.title).toBe(`Add a link from "Late payments" (strength ${strength(LATE)}, ${gain(LATE)} link score)`);
    expect(actions.every((a) => a.kind === 'refactor.rewrite')).toBe(true);
    // The edit goes into the (closed) source page, behind a confirmation.
    const edit = actions[1]!.edit!;
    const dc = edit.documentChanges![0]!;
    expect(dc.textDocument).toEqual({ uri: client.uri(root, LATE), version: null });
    expect(edit.changeAnnotations![dc.edits[0]!.annotationId!]!.needsConfirmation).toBe(true);
    // The target's top query ("online billing tool") is an anchor the page's own words offer.
    expect(applyTextEdits(FILES[LATE]!, dc.edits)).toContain('An [online billing tool](/tools/invoice-generator/) sends reminders');

    // Once the source is open, the edit carries its version; applying it clears its finding.
    const source = client.uri(root, TUTORIAL);
    await client.open(source, FILES[TUTORIAL]!);
    await client.waitForDiagnostics(source, (d) => d.some((x) => x.code === 'missing-target-link'), 'the tutorial\'s missing-target-link');
    const again = (await refactorsAt(client, uri, at(TARGET, 'Create an invoice'))).filter((a) => a.title.startsWith('Add a link from "'));
    const first = again[0]!.edit!.documentChanges![0]!;
    expect(first.textDocument).toEqual({ uri: source, version: 1 });
    expect(applyTextEdits(FILES[TUTORIAL]!, first.edits)).toContain('use a [free invoice generator](/tools/invoice-generator/) that');
    for (const e of first.edits) await client.change(source, e.range, e.newText);
    await client.waitForDiagnostics(source, (d) => !d.some((x) => x.code === 'missing-target-link'), 'the finding to go away after the edit');
    // The tutorial links up now: it is no longer offered.
    const after = (await refactorsAt(client, uri, at(TARGET, 'Create an invoice'))).filter((a) => a.title.startsWith('Add a link from "'));
    expect(after.some((a) => a.title.includes('How to write an invoice'))).toBe(false);
  });

  it('support pages get no "Add a link from" actions', async () => {
    const { client, root } = await sessions.start(FILES);
    const uri = client.uri(root, TUTORIAL);
    await client.open(uri, FILES[TUTORIAL]!);
    await client.waitForDiagnostics(uri, () => true, 'diagnostics of the tutorial');
    const actions = await refactorsAt(client, uri, at(TUTORIAL, 'Every invoice'));
    expect(actions.filter((a) => a.title.startsWith('Add a link from "'))).toEqual([]);
  });
});
