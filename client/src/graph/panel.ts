// "Pillarlink: Show Cluster Graph": a webview drawing one cluster (or the whole site, one node per
// cluster) with the layout the server computes, the same the HTML report draws. The script lives in
// media/graph/ (no remote code, CSP with a nonce); clicks come back as messages and open pages.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ClusterGraphDto } from '../../../shared/src/dto';
import { Methods, type ClusterGraphParams, type ClusterGraphResult, type GraphChangedParams } from '../../../shared/src/protocol';
import type { PillarlinkClient } from '../typedClient';

export const SHOW_CLUSTER_GRAPH = 'pillarlink.showClusterGraph';

/** Messages from the webview script. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'open'; uri: string }
  | { type: 'show'; folderUri: string; clusterId?: string };

/** Messages to the webview script. */
export type ToWebview =
  | { type: 'graph'; graph: ClusterGraphDto }
  | { type: 'loading' }
  | { type: 'error'; message: string };

export interface GraphPanels extends vscode.Disposable {
  /** Call from the client's single `pillarlink/graphChanged` handler: redraws the open picture. */
  onGraphChanged(params: GraphChangedParams): void;
}

/** What a command argument asks to draw: a tree node (cluster, folder, page), a URI, or the active page. */
export function graphParamsOf(arg: unknown, activeUri: string | undefined): ClusterGraphParams {
  if (typeof arg === 'string') return { uri: arg };
  if (arg instanceof vscode.Uri) return { uri: arg.toString() };
  if (arg && typeof arg === 'object') {
    const o = arg as { kind?: string; folderUri?: string; cluster?: { id?: string }; page?: { uri?: string }; uri?: unknown };
    if (o.cluster && typeof o.cluster.id === 'string') return { ...(o.folderUri ? { folderUri: o.folderUri } : {}), clusterId: o.cluster.id };
    if (o.page && typeof o.page.uri === 'string') return { uri: o.page.uri };
    if (typeof o.uri === 'string') return { uri: o.uri };
    if (o.kind === 'folder' && o.folderUri) return { folderUri: o.folderUri };
  }
  return activeUri ? { uri: activeUri } : {};
}

function nonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

class GraphPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private params: ClusterGraphParams;
  private last: ClusterGraphDto | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private seq = 0;
  /** A change arrived while the panel was hidden. */
  private stale = false;

  constructor(extensionUri: vscode.Uri, private readonly api: PillarlinkClient, params: ClusterGraphParams, private readonly onDispose: () => void) {
    this.params = params;
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'graph');
    this.panel = vscode.window.createWebviewPanel('pillarlink.graph', 'Pillarlink graph', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'pillarlink.svg');
    this.panel.webview.html = this.html(media);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down; it asks for the picture again ('ready') when shown.
      this.panel.onDidChangeViewState((e) => { if (e.webviewPanel.visible && this.stale) void this.load(); }),
    );
  }

  get folderUri(): string | undefined {
    return this.last?.folderUri ?? this.params.folderUri;
  }

  show(params: ClusterGraphParams): void {
    this.params = params;
    this.panel.reveal(vscode.ViewColumn.Beside);
    void this.load();
  }

  /** Redraws after a change, once per burst of notifications. */
  refreshSoon(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.load(); }, 250);
  }

  private post(m: ToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    this.stale = false;
    try {
      await this.api.started;
      const graph = await this.api.client.sendRequest<ClusterGraphResult>(Methods.clusterGraph, this.params);
      if (seq !== this.seq) return;
      if (!graph) {
        this.post({ type: 'error', message: this.params.clusterId ? `Cluster "${this.params.clusterId}" no longer exists.` : 'No Pillarlink workspace folder holds this page.' });
        return;
      }
      this.last = graph;
      // From now on follow this folder and cluster, not the page that opened it (it may change clusters).
      this.params = { folderUri: graph.folderUri, ...(graph.clusterId !== null ? { clusterId: graph.clusterId } : {}) };
      this.panel.title = graph.scope === 'site' ? `Site graph: ${graph.folderName}` : `Cluster: ${graph.title}`;
      this.post({ type: 'graph', graph });
    } catch (e) {
      if (seq === this.seq) this.post({ type: 'error', message: `Could not get the graph: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.last) this.post({ type: 'graph', graph: this.last });
        else void this.load();
        return;
      case 'open': {
        const uri = vscode.Uri.parse(m.uri, true);
        if (uri.scheme !== 'file') return;
        await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: true });
        return;
      }
      case 'show':
        this.params = { folderUri: m.folderUri, ...(m.clusterId ? { clusterId: m.clusterId } : {}) };
        this.post({ type: 'loading' });
        void this.load();
        return;
    }
  }

  private html(media: vscode.Uri): string {
    const webview = this.panel.webview;
    const n = nonce();
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.js'));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${n}'; img-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${css}">
<title>Pillarlink graph</title>
</head>
<body>
<header class="bar">
  <button id="site" type="button" title="Show the whole site, one node per cluster">Whole site</button>
  <label class="pick">Cluster <select id="cluster" aria-label="Cluster"></select></label>
  <span id="title" class="title"></span>
  <span id="facts" class="facts"></span>
  <button id="fit" type="button" title="Fit the picture to the window">Fit</button>
</header>
<ul id="legend" class="legend" aria-label="Legend"></ul>
<main id="stage" aria-live="polite"><p class="message">Loading…</p></main>
<div id="tip" class="tip" role="tooltip" hidden></div>
<script nonce="${n}" src="${js}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/**
 * Registers `pillarlink.showClusterGraph`. The language client keeps one handler per notification,
 * so the caller forwards `pillarlink/graphChanged` to the returned `onGraphChanged`.
 */
export function registerGraphCommands(context: vscode.ExtensionContext, api: PillarlinkClient): GraphPanels {
  let panel: GraphPanel | undefined;
  const activeUri = () => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.uri.scheme === 'file' ? doc.uri.toString() : undefined;
  };
  const command = vscode.commands.registerCommand(SHOW_CLUSTER_GRAPH, (arg?: unknown) => {
    const params = graphParamsOf(arg, activeUri());
    panel ??= new GraphPanel(context.extensionUri, api, params, () => { panel = undefined; });
    panel.show(params);
  });
  const panels: GraphPanels = {
    onGraphChanged: (p) => {
      if (panel && (panel.folderUri === undefined || panel.folderUri === p.folderUri)) panel.refreshSoon();
    },
    dispose: () => {
      command.dispose();
      panel?.dispose();
    },
  };
  context.subscriptions.push(panels);
  return panels;
}
