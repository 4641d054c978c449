import * as path from 'node:path';
import * as vscode from 'vscode';
import { CodeLensRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Methods, type GraphChangedParams, type StatusParams } from '../../shared/src/protocol';
import { RESTRICTED_SETTINGS } from '../../shared/src/settings';
import { createCommands, LINK_TO_TARGET, linkToTargetArgs, registerCommands, reportLinkResult } from './commands';
import { StatusBar } from './status';
import { registerGraphCommands } from './graph/panel';
import { ClustersProvider } from './tree/clusters';
import { PillarlinkClient } from './typedClient';
import { LinksProvider } from './views/links';

let client: LanguageClient | undefined;

/** The `pillarlink` settings the server may see: path settings are withheld in untrusted workspaces. */
function trustedSettings(settings: unknown): unknown {
  if (vscode.workspace.isTrusted || !settings || typeof settings !== 'object') return settings;
  const copy: Record<string, unknown> = { ...(settings as Record<string, unknown>) };
  for (const key of RESTRICTED_SETTINGS) delete copy[key.replace(/^pillarlink\./, '')];
  return copy;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Pillarlink', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'mdx' },
      { scheme: 'file', pattern: '**/*.{md,mdx,markdown}' },
    ],
    synchronize: {
      configurationSection: 'pillarlink',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{md,mdx,markdown}'),
        vscode.workspace.createFileSystemWatcher('**/pillarlink.json'),
        // Search Console exports named in pillarlink.json.
        vscode.workspace.createFileSystemWatcher('**/*.csv'),
      ],
    },
    outputChannel: output,
    initializationOptions: {
      settings: trustedSettings({ ...vscode.workspace.getConfiguration('pillarlink') }),
      // The facts cache lives in the extension's storage, so a restart is warm.
      storagePath: (context.storageUri ?? context.globalStorageUri).fsPath,
    },
    middleware: {
      workspace: {
        // Settings pulled by the server pass through the same trust filter.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((r, i) => (params.items[i]?.section === 'pillarlink' ? trustedSettings(r) : r));
        },
      },
      // The tree, code lenses and the palette pass different shapes; the server takes [{ uri }].
      executeCommand: async (command, args, next) => (command === LINK_TO_TARGET ? reportLinkResult(await next(command, linkToTargetArgs(args))) : next(command, args)),
    },
  };
  client = new LanguageClient('pillarlink', 'Pillarlink', serverOptions, clientOptions);
  const api = new PillarlinkClient(client);

  const status = new StatusBar(api);
  context.subscriptions.push(status);

  const clusters = new ClustersProvider(api);
  const clustersView = vscode.window.createTreeView('pillarlink.clusters', { treeDataProvider: clusters, showCollapseAll: true });
  clusters.view = clustersView;
  const links = new LinksProvider(api);
  const linksView = vscode.window.createTreeView('pillarlink.links', { treeDataProvider: links });
  links.view = linksView;
  context.subscriptions.push(clusters, clustersView, links, linksView);

  const commands = createCommands({ extension: context, output, api, clusters, clustersView, links });
  // linkToTarget is registered after start: the language client registers it when the server provides it.
  registerCommands(context, commands.filter((c) => c.id !== LINK_TO_TARGET));

  await client.start();
  context.subscriptions.push(client);
  api.setStarted();
  const provided = new Set(client.initializeResult?.capabilities.executeCommandProvider?.commands ?? []);
  registerCommands(context, commands.filter((c) => c.id === LINK_TO_TARGET), provided);
  const graphs = registerGraphCommands(context, api);
  void vscode.commands.executeCommand('setContext', 'pillarlink.ready', true);

  client.onNotification(Methods.status, (p: StatusParams) => status.onStatus(p));
  // Edits fire a burst of notifications; one refresh per burst is enough.
  let pending: NodeJS.Timeout | undefined;
  client.onNotification(Methods.graphChanged, (p: GraphChangedParams) => {
    // The language client keeps one handler per notification: the graph panels are told from here.
    graphs.onGraphChanged(p);
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      clusters.refresh();
      void links.refresh();
      void status.update(activePage());
      // A lens summarises other pages too (a support page that now links up): ask for fresh lenses.
      const lenses = client?.getFeature(CodeLensRequest.method);
      const shown = new Set(vscode.window.visibleTextEditors.map((e) => lenses?.getProvider(e.document)).filter((p) => p !== undefined));
      for (const p of shown) p.onDidChangeCodeLensEmitter.fire();
    }, 150);
  });
  context.subscriptions.push({ dispose: () => pending && clearTimeout(pending) });

  const activePage = () => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.uri.scheme === 'file' ? doc.uri.toString() : undefined;
  };
  const follow = async (uri: string | undefined) => {
    void status.update(uri);
    void links.show(uri);
    if (!uri || !clustersView.visible || !vscode.workspace.getConfiguration('pillarlink').get<boolean>('explorer.followActiveEditor', true)) return;
    try {
      const info = await api.pageInfo(uri);
      const node = info ? await clusters.findPage(info) : undefined;
      if (node && node.page?.uri === uri) await clustersView.reveal(node, { select: true, focus: false, expand: true });
    } catch {
      // Following is best-effort: the tree may be refreshing or filtered.
    }
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => void follow(activePage())),
    clustersView.onDidChangeVisibility((e) => { if (e.visible) void follow(activePage()); }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // The path settings withheld so far are sent now; the server re-pulls them and re-indexes.
      void client?.sendNotification('workspace/didChangeConfiguration', { settings: { pillarlink: { ...vscode.workspace.getConfiguration('pillarlink') } } });
    }),
  );
  void follow(activePage());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
