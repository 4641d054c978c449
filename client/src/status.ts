// The status bar item: indexing progress, then the active page's cluster and role.
import * as vscode from 'vscode';
import type { PageInfoDto } from '../../shared/src/dto';
import type { StatusParams } from '../../shared/src/protocol';
import type { PillarlinkClient } from './typedClient';

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('pillarlink.status', vscode.StatusBarAlignment.Left, 50);
  private readonly indexing = new Map<string, StatusParams>();
  private pages = 0;
  private page: PageInfoDto | null = null;
  private requested: string | undefined;

  constructor(private readonly api: PillarlinkClient | undefined) {
    this.item.name = 'Pillarlink';
    this.item.text = '$(sync~spin) Pillarlink';
    this.item.command = 'pillarlink.showOutput';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }

  onStatus(p: StatusParams): void {
    if (p.state === 'indexing') this.indexing.set(p.folderUri, p);
    else {
      this.indexing.delete(p.folderUri);
      this.pages = p.pages ?? this.pages;
    }
    this.render();
  }

  /** Fetches the cluster of the active page. */
  async update(uri: string | undefined): Promise<void> {
    this.requested = uri;
    let info: PageInfoDto | null = null;
    try {
      info = uri && this.api ? await this.api.pageInfo(uri) : null;
    } catch {
      info = null;
    }
    if (this.requested !== uri) return;
    this.page = info;
    this.render();
  }

  private render(): void {
    const item = this.item;
    if (this.indexing.size > 0) {
      const done = [...this.indexing.values()].reduce((n, s) => n + (s.done ?? 0), 0);
      const total = [...this.indexing.values()].reduce((n, s) => n + (s.total ?? 0), 0);
      item.text = total > 0 ? `$(sync~spin) Pillarlink ${done}/${total}` : '$(sync~spin) Pillarlink';
      item.tooltip = 'Pillarlink is indexing the workspace';
      item.command = 'pillarlink.showOutput';
      item.accessibilityInformation = { label: `Pillarlink: indexing ${done} of ${total} pages` };
      return;
    }
    const p = this.page;
    if (!p) {
      item.text = '$(link) Pillarlink';
      item.tooltip = `Pillarlink: ${this.pages} pages indexed. Click to show the output.`;
      item.command = 'pillarlink.showOutput';
      item.accessibilityInformation = { label: `Pillarlink: ${this.pages} pages indexed` };
      return;
    }
    if (!p.cluster) {
      item.text = '$(circle-slash) No cluster';
      item.tooltip = `Pillarlink: ${p.title} belongs to no cluster (${p.inbound} inbound links). Set cluster: in its frontmatter.`;
      item.accessibilityInformation = { label: `Pillarlink: ${p.title} belongs to no cluster` };
      item.command = 'pillarlink.showOutput';
      return;
    }
    const role = p.role ?? 'support';
    item.text = `$(target) ${p.cluster.name} · ${role}`;
    const detail = p.isTarget
      ? `${p.supportCount} support pages, ${p.supportLinkingUp} link here`
      : p.linksToTarget === null ? '' : p.linksToTarget ? 'links up to its target ✓' : 'no contextual link up to its target ✗';
    item.tooltip = `Pillarlink: cluster ${p.cluster.name} (${p.cluster.id}), role ${role}${detail ? ` · ${detail}` : ''}\nClick to show the cluster.`;
    item.accessibilityInformation = { label: `Pillarlink: cluster ${p.cluster.name} (${p.cluster.id}), role ${role}` };
    item.command = { command: 'pillarlink.showCluster', title: 'Show cluster', arguments: [p.uri] };
  }
}
