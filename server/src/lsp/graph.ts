// `pillarlink/clusterGraph`: the graph webview's data. The core builds the graph and its layout,
// this adapter only adds URIs and flattens it for the wire.
import type { Connection } from 'vscode-languageserver/node';
import type { ClusterGraphDto } from '../../../shared/src/dto';
import { Methods, type ClusterGraphParams, type ClusterGraphResult } from '../../../shared/src/protocol';
import { clusterGraph, nodeDetails, siteGraph } from '../core/graph/clusterGraph';
import { layoutGraph } from '../core/graph/layout';
import type { Folder, Session } from './session';

export function clusterGraphDto(session: Session, folder: Folder, clusterId: string | undefined): ClusterGraphDto | null {
  const model = folder.project.model();
  const cluster = clusterId === undefined ? undefined : model.clusters.find((c) => c.id === clusterId);
  if (clusterId !== undefined && !cluster) return null;
  const graph = cluster ? clusterGraph(model, cluster) : siteGraph(model);
  const layout = layoutGraph(graph);
  const pos = new Map(layout.nodes.map((n) => [n.id, n]));
  return {
    folderUri: folder.uri,
    folderName: folder.name,
    scope: graph.scope,
    clusterId: cluster?.id ?? null,
    title: graph.title,
    inferred: graph.inferred,
    width: layout.width,
    height: layout.height,
    nodes: graph.nodes.map((n) => {
      const p = pos.get(n.id)!;
      return {
        id: n.id,
        kind: n.kind,
        label: n.label,
        shortLabel: p.label,
        uri: n.file !== undefined ? session.uriFor(folder, n.file) : null,
        file: n.file ?? null,
        clusterId: n.clusterId ?? null,
        role: n.role,
        isTarget: n.isTarget,
        inbound: n.inbound,
        contentInbound: n.contentInbound,
        outbound: n.outbound,
        linkUp: n.linkUp,
        orphan: n.orphan,
        ...(n.linkScore !== undefined ? { linkScore: n.linkScore } : {}),
        details: nodeDetails(n),
        pages: n.pages ?? null,
        missing: n.missing ?? null,
        x: p.x,
        y: p.y,
        r: p.r,
        labelX: p.labelX,
        labelY: p.labelY,
        anchor: p.anchor,
      };
    }),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, weight: e.weight })),
    clusters: model.clusters.map((c) => ({ id: c.id, name: c.name })),
  };
}

export function registerGraph(connection: Connection, session: Session): void {
  connection.onRequest(Methods.clusterGraph, async (params: ClusterGraphParams): Promise<ClusterGraphResult> => {
    try {
      if (params?.uri) {
        const f = session.fileOf(params.uri);
        if (!f) return null;
        await f.folder.ready;
        return clusterGraphDto(session, f.folder, f.folder.project.model().clusterOf(f.file)?.cluster.id);
      }
      const folder = params?.folderUri ? session.folders.find((x) => x.uri === params.folderUri) : session.folders[0];
      if (!folder) return null;
      await folder.ready;
      return clusterGraphDto(session, folder, params?.clusterId);
    } catch (e) {
      session.error(`clusterGraph failed: ${e instanceof Error ? e.stack : String(e)}`);
      return null;
    }
  });
}
