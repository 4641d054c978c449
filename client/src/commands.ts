// Every command of the extension: small { id, execute } objects registered by one function.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import type { PageInfoDto } from '../../shared/src/dto';
import type { LinkNode, LinksProvider } from './views/links';
import type { ClustersProvider, PlainTreeItem } from './tree/clusters';
import type { TreeNode } from './tree/shape';
import type { PillarlinkClient } from './typedClient';

export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export interface CommandContext {
  extension: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  api: PillarlinkClient;
  clusters: ClustersProvider;
  clustersView: vscode.TreeView<TreeNode>;
  links: LinksProvider;
}

/** The server command the client forwards "Link to target" to (implemented by the server's code actions). */
export const LINK_TO_TARGET = 'pillarlink.linkToTarget';

export const CONFIG_TEMPLATE = `{
  // Pillarlink configuration. Every key is optional; see the Pillarlink documentation.
  // Folders (relative to this file) that hold the site's pages; detected when empty.
  "contentRoots": [],
  // Pages reachable without inbound links (home and landing pages).
  "entryPoints": [],
  "site": {
    // The site's public URL: absolute links on it are internal links.
    // "baseUrl": "https://example.com"
  },
  // Clusters: one target page (role target, tool, service or pillar) and the support pages that
  // link up to it. Declare them in page frontmatter (cluster: / role:) or here.
  "clusters": {
    // Suggest clusters for undeclared pages: "off", "directory" or "taxonomy".
    "infer": "off"
    // "invoicing": {
    //   "name": "Invoicing",
    //   "target": "content/guides/invoicing.md",
    //   "members": ["content/blog/invoice-*.md"],
    //   "keywords": ["invoice", "invoicing"]
    // }
  },
  // Severity per rule: "off", "hint", "information", "warning" or "error".
  "rules": {}
}
`;

/** The page a command is about: a URI string, a vscode.Uri, `{ uri }`, a tree node, or the active editor. */
export function uriOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  if (arg && typeof arg === 'object') {
    const o = arg as { uri?: unknown; page?: { uri?: unknown }; resourceUri?: unknown };
    if (typeof o.uri === 'string') return o.uri;
    if (o.page && typeof o.page.uri === 'string') return o.page.uri;
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri.toString();
  }
  return vscode.window.activeTextEditor?.document.uri.toString();
}

/** Arguments for the server's linkToTarget command, whatever the caller passed. */
export function linkToTargetArgs(args: unknown[]): unknown[] {
  const uri = uriOf(args[0]);
  if (!uri) return [];
  // The version lets the server refuse an edit computed for text that has changed since.
  const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version;
  return [version === undefined ? { uri } : { uri, version }];
}

/** Tells the user why the server inserted no link (e.g. the page already links up). */
export function reportLinkResult(result: unknown): unknown {
  const r = result as { applied?: boolean; reason?: string } | null | undefined;
  if (r && r.applied === false && r.reason) void vscode.window.showInformationMessage(`Pillarlink: ${r.reason}`);
  return result;
}

async function revealPage(ctx: CommandContext, info: PageInfoDto): Promise<boolean> {
  const node = await ctx.clusters.findPage(info);
  if (!node) return false;
  await ctx.clustersView.reveal(node, { select: true, focus: false, expand: true });
  return true;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for pillarlink.json' });
}

export function createCommands(ctx: CommandContext): Command[] {
  const { api, clusters, output } = ctx;
  return [
    {
      id: 'pillarlink.reindex',
      async execute() {
        const r = await api.reindex();
        clusters.refresh();
        await ctx.links.refresh();
        void vscode.window.setStatusBarMessage(`Pillarlink: re-indexed ${r.pages} pages`, 4000);
      },
    },
    { id: 'pillarlink.showOutput', execute: () => output.show(true) },
    {
      id: 'pillarlink.showCluster',
      async execute(arg?: unknown) {
        const uri = uriOf(arg);
        const info = uri ? await api.pageInfo(uri) : null;
        if (!info) {
          void vscode.window.showInformationMessage('Pillarlink: open a page of the site to show its cluster.');
          return;
        }
        if (!info.cluster) {
          void vscode.window.showInformationMessage(`Pillarlink: ${info.title} belongs to no cluster. Use "Assign to cluster…" in the Clusters view or set cluster: in its frontmatter.`);
          return;
        }
        await vscode.commands.executeCommand('pillarlink.clusters.focus');
        if (!(await revealPage(ctx, info))) void vscode.window.showInformationMessage(`Pillarlink: cluster ${info.cluster.name} is not shown (is a filter active?).`);
      },
    },
    {
      id: LINK_TO_TARGET,
      // Registered only when the server does not provide the command itself (see registerCommands).
      async execute(...args: unknown[]) {
        return reportLinkResult(await api.client.sendRequest(ExecuteCommandRequest.type, { command: LINK_TO_TARGET, arguments: linkToTargetArgs(args) }));
      },
    },
    {
      id: 'pillarlink.createConfig',
      async execute() {
        const folder = await pickFolder();
        if (!folder) {
          void vscode.window.showInformationMessage('Pillarlink: open a folder first; pillarlink.json lives at its root.');
          return;
        }
        const uri = vscode.Uri.joinPath(folder.uri, 'pillarlink.json');
        let exists = true;
        try {
          await vscode.workspace.fs.stat(uri);
        } catch {
          exists = false;
        }
        if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG_TEMPLATE));
        let doc = await vscode.workspace.openTextDocument(uri);
        // The file has comments (Pillarlink reads it as JSON with comments); plain JSON mode flags them as errors.
        if (doc.languageId === 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
        await vscode.window.showTextDocument(doc);
        if (exists) void vscode.window.showInformationMessage('Pillarlink: pillarlink.json already exists; opened it.');
      },
    },
    {
      id: 'pillarlink.openDocs',
      async execute() {
        for (const rel of ['docs/clusters.md', 'docs/editor.md', 'README.md']) {
          const uri = vscode.Uri.joinPath(ctx.extension.extensionUri, rel);
          try {
            await vscode.workspace.fs.stat(uri);
          } catch {
            continue;
          }
          await vscode.commands.executeCommand('markdown.showPreview', uri);
          return;
        }
        void vscode.window.showErrorMessage('Pillarlink: the documentation is not installed with this copy of the extension.');
      },
    },
    {
      id: 'pillarlink.getClusterTree',
      // Test support: the Clusters view as plain objects.
      execute: (): Promise<PlainTreeItem[]> => clusters.snapshot(),
    },
    {
      id: 'pillarlink.filter',
      async execute() {
        const f = clusters.filter;
        type Item = vscode.QuickPickItem & { action: 'text' | 'problems' | 'clear' };
        const items: Item[] = [
          { label: '$(search) Filter by text…', description: f.query ? `now "${f.query}"` : '', action: 'text' },
          { label: `${f.onlyProblems ? '$(check) ' : '$(warning) '}Only problems`, description: f.onlyProblems ? 'on' : 'off', action: 'problems' },
          { label: '$(clear-all) Clear filter', action: 'clear' },
        ];
        const choice = await vscode.window.showQuickPick(items, { placeHolder: 'Filter the Clusters view' });
        if (!choice) return;
        if (choice.action === 'clear') clusters.setFilter({});
        else if (choice.action === 'problems') clusters.setFilter({ ...f, onlyProblems: !f.onlyProblems });
        else {
          const query = await vscode.window.showInputBox({ prompt: 'Show pages whose title, path or cluster contains', value: f.query ?? '' });
          if (query !== undefined) clusters.setFilter({ ...f, query });
        }
      },
    },
    {
      id: 'pillarlink.loadMore',
      execute(node?: unknown) {
        if ((node as TreeNode | undefined)?.kind === 'load-more') clusters.loadMore(node as TreeNode);
      },
    },
    {
      id: 'pillarlink.open',
      async execute(arg?: unknown) {
        const uri = uriOf(arg);
        if (uri) await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(uri));
      },
    },
    {
      id: 'pillarlink.revealInExplorer',
      async execute(arg?: unknown) {
        const uri = uriOf(arg);
        if (uri) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(uri));
      },
    },
    {
      id: 'pillarlink.copyUrl',
      async execute(arg?: unknown) {
        let href = (arg as TreeNode | undefined)?.page?.href ?? null;
        if (!href) {
          const uri = uriOf(arg);
          const info = uri ? await api.pageInfo(uri) : null;
          href = info?.url ?? null;
        }
        if (!href) {
          void vscode.window.showInformationMessage('Pillarlink: this page has no URL on the site.');
          return;
        }
        await vscode.env.clipboard.writeText(href);
        void vscode.window.setStatusBarMessage(`Pillarlink: copied ${href}`, 3000);
      },
    },
    {
      id: 'pillarlink.makeTarget',
      async execute(arg?: unknown) {
        // Rewrites frontmatter: only for a page named explicitly (tree item or URI), never implicitly.
        const uri = arg === undefined ? undefined : uriOf(arg);
        if (uri) await api.apply(await api.makeTarget({ uri }), 'make the page the target');
      },
    },
    {
      id: 'pillarlink.assignCluster',
      async execute(arg?: unknown) {
        const uri = uriOf(arg);
        if (!uri) return;
        const overview = await api.overview({});
        type Item = vscode.QuickPickItem & { id?: string };
        const seen = new Set<string>();
        const items: Item[] = [{ label: '$(add) New cluster…', alwaysShow: true }];
        for (const f of overview.folders) {
          for (const c of f.clusters) {
            if (seen.has(c.id)) continue;
            seen.add(c.id);
            items.push({ label: c.name, description: c.id === c.name ? (c.inferred ? 'suggested' : '') : `${c.id}${c.inferred ? ' · suggested' : ''}`, detail: c.targets.map((t) => t.title).join(', ') || 'no target', id: c.id });
          }
        }
        const choice = await vscode.window.showQuickPick(items, { placeHolder: 'Assign the page to a cluster', matchOnDescription: true, matchOnDetail: true });
        if (!choice) return;
        let cluster = choice.id;
        if (cluster === undefined) {
          cluster = await vscode.window.showInputBox({
            prompt: 'New cluster id (written to the page\'s cluster: frontmatter)',
            validateInput: (v) => (v.trim() === '' ? 'Enter an id, e.g. invoicing' : /[\r\n]/.test(v) ? 'One line only' : undefined),
          });
          if (cluster === undefined) return;
        }
        await api.apply(await api.assignCluster({ uri, cluster: cluster.trim() }), 'assign the cluster');
      },
    },
    {
      id: 'pillarlink.adoptCluster',
      async execute(arg?: unknown) {
        const node = arg as TreeNode | undefined;
        if (!node?.cluster) return;
        if (await api.apply(await api.adoptCluster({ folderUri: node.folderUri, clusterId: node.cluster.id }), `adopt the cluster ${node.cluster.name}`)) {
          void vscode.window.setStatusBarMessage(`Pillarlink: adopted cluster ${node.cluster.name}`, 4000);
        }
      },
    },
    {
      id: 'pillarlink.showMissing',
      async execute(arg?: unknown) {
        const a = arg as { cluster?: string; missing?: { uri: string; title: string; file?: string }[] } | undefined;
        const missing = a?.missing ?? [];
        if (missing.length === 0) return;
        const choice = await vscode.window.showQuickPick(missing.map((m) => ({ label: m.title, description: m.file ?? '', uri: m.uri })), {
          placeHolder: `Support pages of ${a?.cluster ?? 'the cluster'} without a contextual link here`,
          matchOnDescription: true,
        });
        if (choice) await vscode.window.showTextDocument(vscode.Uri.parse(choice.uri));
      },
    },
    {
      id: 'pillarlink.openLinkDestination',
      async execute(arg?: unknown) {
        const dest = (arg as LinkNode | undefined)?.kind === 'link' ? (arg as Extract<LinkNode, { kind: 'link' }>).link.destUri : undefined;
        if (dest) await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(dest));
      },
    },
  ];
}

/**
 * Registers every command into context.subscriptions. Commands the server already provides through
 * the language client (workspace/executeCommand) are skipped, so an id is never registered twice.
 */
export function registerCommands(context: vscode.ExtensionContext, commands: readonly Command[], provided: ReadonlySet<string> = new Set()): void {
  for (const c of commands) {
    if (provided.has(c.id)) continue;
    context.subscriptions.push(vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.execute(...args)));
  }
}
