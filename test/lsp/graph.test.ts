// `pillarlink/clusterGraph`: the graph webview's data over stdio, against the bundled server.
import { describe, expect, it } from 'vitest';
import { Methods, type ClusterGraphResult, type GraphChangedParams } from '../../shared/src/protocol';
import { lspSessions } from '../helpers/session';
import { waitFor } from '../helpers/wait';

const FILES: Record<string, string> = {
  'content/index.md': '# Home\n\nRead [the guide](/guide/) and [the story](/story/).\n',
  'content/guide.md': '---\ncluster: widgets\nrole: target\n---\n# Widget guide\n\nSee [the tutorial](/one/) and [the explainer](/two/).\n',
  'content/one.md': '---\ncluster: widgets\nrole: tutorial\n---\n# Widget tutorial\n\nFollow the [widget guide](/guide/) first.\n',
  'content/two.md': '---\ncluster: widgets\nrole: explainer\n---\n# Widget explainer\n\nNo link up yet.\n',
  'content/story.md': '# A story\n\nNothing here.\n',
  'content/lonely.md': '# Lonely\n\nNobody links here.\n',
};

const sessions = lspSessions();

const start = () => sessions.start(FILES);

describe('pillarlink/clusterGraph', () => {
  it('returns the cluster of a page with layout, URIs and the missing upward link', async () => {
    const { client, uri } = await start();
    const g = (await client.request<ClusterGraphResult>(Methods.clusterGraph, { uri: uri('content/one.md') }))!;
    expect(g.scope).toBe('cluster');
    expect(g.clusterId).toBe('widgets');
    expect(g.nodes.map((n) => [n.file, n.role, n.isTarget])).toEqual([['content/guide.md', 'target', true], ['content/one.md', 'tutorial', false], ['content/two.md', 'explainer', false]]);
    expect(g.nodes[0]!.uri).toBe(uri('content/guide.md'));
    expect(g.nodes.find((n) => n.file === 'content/two.md')!.linkUp).toBe('none');
    expect(g.edges).toContainEqual({ from: 'content/two.md', to: 'content/guide.md', kind: 'missing', weight: 1 });
    expect(g.edges).toContainEqual({ from: 'content/one.md', to: 'content/guide.md', kind: 'content', weight: 1 });
    for (const n of g.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(g.width);
      expect(n.y).toBeLessThan(g.height);
    }
    expect(g.clusters).toEqual([{ id: 'widgets', name: 'widgets' }]);
    // Node size follows the link score: the target, linked from home, the tutorial and the explainer's page, is biggest.
    const byFile = new Map(g.nodes.map((n) => [n.file, n]));
    for (const n of g.nodes) expect(n.linkScore).toBeGreaterThanOrEqual(0);
    const target = byFile.get('content/guide.md')!;
    const two = byFile.get('content/two.md')!;
    expect(target.linkScore!).toBeGreaterThan(two.linkScore!);
    expect(target.r).toBeGreaterThan(two.r);
    // The tooltip lines come from the server (the report uses the same ones).
    expect(two.details).toEqual(expect.arrayContaining(['Role: explainer', 'No contextual link up to the target', 'content/two.md']));
    expect(target.details[0]).toBe('Target: target');
  });

  it('aggregates the site, and answers null for unknown clusters and pages outside the folder', async () => {
    const { client } = await start();
    const site = (await client.request<ClusterGraphResult>(Methods.clusterGraph, {}))!;
    expect(site.scope).toBe('site');
    expect(site.nodes.map((n) => [n.id, n.kind, n.pages])).toEqual([['cluster:widgets', 'cluster', 3], ['unclustered', 'group', 2], ['orphans', 'group', 1]]);
    expect(await client.request<ClusterGraphResult>(Methods.clusterGraph, { clusterId: 'nope' })).toBeNull();
    expect(await client.request<ClusterGraphResult>(Methods.clusterGraph, { uri: 'file:///elsewhere/x.md' })).toBeNull();
  });

  it('reflects an edit after graphChanged', async () => {
    const { client, uri } = await start();
    const two = uri('content/two.md');
    await client.open(two, FILES['content/two.md']!);
    const before = client.notifications.filter((n) => n.method === Methods.graphChanged).length;
    await client.change(two, { start: { line: 6, character: 0 }, end: { line: 6, character: 16 } }, 'Read the [widget guide](/guide/) now.');
    await waitFor(() => client.notifications.filter((n) => n.method === Methods.graphChanged && (n.params as GraphChangedParams).pages === 6).length > before, 'graphChanged');
    const g = await waitFor(async () => {
      const r = (await client.request<ClusterGraphResult>(Methods.clusterGraph, { uri: two }))!;
      return r.edges.some((e) => e.kind === 'missing') ? null : r;
    }, 'the missing link to disappear');
    expect(g.edges).toContainEqual({ from: 'content/two.md', to: 'content/guide.md', kind: 'content', weight: 1 });
    expect(g.nodes.find((n) => n.file === 'content/two.md')!.linkUp).toBe('content');
  });
});
