// The Clusters view: a lazy TreeDataProvider over pillarlink/overview and pillarlink/groupPages.
import * as vscode from 'vscode';
import type { PageInfoDto } from '../../../shared/src/dto';
import type { TreeFilter } from '../../../shared/src/protocol';
import type { PillarlinkClient } from '../typedClient';
import { clusterChildren, filterDescription, groupChildren, PAGE_SIZE, rootNodes, type TreeNode } from './shape';

export interface PlainTreeItem { label: string; description: string; contextValue: string; children: PlainTreeItem[] }

export class ClustersProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes by id, so getParent and reveal see the same objects the tree shows. */
  private readonly nodes = new Map<string, TreeNode>();
  private readonly children = new Map<string, Promise<TreeNode[]>>();
  /** How many pages each paged group shows ("Load more…" raises it). */
  private readonly shown = new Map<string, number>();
  private filterValue: TreeFilter = {};
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly api: PillarlinkClient) {}

  dispose(): void {
    this.changed.dispose();
  }

  get filter(): TreeFilter {
    return this.filterValue;
  }

  setFilter(filter: TreeFilter): void {
    this.filterValue = filter;
    this.shown.clear();
    if (this.view) this.view.description = filterDescription(filter) || undefined;
    this.refresh();
  }

  refresh(): void {
    this.children.clear();
    this.changed.fire(undefined);
  }

  loadMore(node: TreeNode): void {
    const group = node.parentId ? this.nodes.get(node.parentId) : undefined;
    if (!group) return;
    this.shown.set(group.id, (this.shown.get(group.id) ?? PAGE_SIZE) + PAGE_SIZE);
    this.children.delete(group.id);
    this.changed.fire(group);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None
      : node.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip !== undefined) item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    // Without this, a string tooltip becomes the row's aria-label; screen readers should hear label and state.
    item.accessibilityInformation = { label: node.description ? `${node.label}, ${node.description}` : node.label };
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.page) {
      const uri = vscode.Uri.parse(node.page.uri);
      item.resourceUri = uri;
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    } else if (node.kind === 'load-more') {
      item.command = { command: 'pillarlink.loadMore', title: 'Load more', arguments: [node] };
    }
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parentId ? this.nodes.get(node.parentId) : undefined;
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const key = node?.id ?? '';
    let p = this.children.get(key);
    if (!p) {
      p = this.load(node).then((list) => {
        for (const n of list) this.nodes.set(n.id, n);
        return list;
      }, (e: unknown) => {
        this.children.delete(key);
        throw e;
      });
      this.children.set(key, p);
    }
    return p;
  }

  private async load(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const r = await this.api.overview({ filter: this.filterValue });
      const roots = rootNodes(r.folders, this.filterValue);
      void vscode.commands.executeCommand('setContext', 'pillarlink.hasClusters', r.folders.some((f) => f.clusters.length > 0));
      void vscode.commands.executeCommand('setContext', 'pillarlink.hasPages', r.folders.some((f) => f.pages > 0));
      return roots;
    }
    if (node.children) return node.children;
    if (node.kind === 'cluster') return clusterChildren(node);
    if (node.kind === 'group' && node.group) {
      const limit = this.shown.get(node.id) ?? PAGE_SIZE;
      const r = await this.api.groupPages({ folderUri: node.folderUri, group: node.group, offset: 0, limit, filter: this.filterValue });
      return groupChildren(node, r.items, r.total);
    }
    return [];
  }

  /** Finds the node of a page in its cluster, loading the path to it. */
  async findPage(info: PageInfoDto): Promise<TreeNode | undefined> {
    if (!info.cluster) return undefined;
    const clusterId = info.cluster.id;
    const queue = [...(await this.getChildren())];
    // Breadth-first over folders and the suggested group, down to the cluster node.
    let cluster: TreeNode | undefined;
    while (queue.length > 0 && !cluster) {
      const n = queue.shift()!;
      if (n.kind === 'cluster' && n.cluster?.id === clusterId) cluster = n;
      else if (n.kind === 'folder' || (n.kind === 'group' && n.children)) queue.push(...(await this.getChildren(n)));
    }
    if (!cluster) return undefined;
    for (const child of await this.getChildren(cluster)) {
      if (child.page?.uri === info.uri) return child;
      if (child.kind === 'targets-warning' || (child.kind === 'group' && child.group?.kind === 'cluster' && child.group.role === info.role)) {
        const hit = (await this.getChildren(child)).find((n) => n.page?.uri === info.uri);
        if (hit) return hit;
      }
    }
    return cluster;
  }

  /** The whole tree as plain objects (first page of every group), for tests and diagnostics. */
  async snapshot(node?: TreeNode, depth = 0): Promise<PlainTreeItem[]> {
    if (depth > 8) return [];
    const list = await this.getChildren(node);
    return Promise.all(list.map(async (n) => ({
      label: n.label,
      description: n.description ?? '',
      contextValue: n.contextValue,
      children: n.collapsible === 'none' ? [] : await this.snapshot(n, depth + 1),
    })));
  }
}
