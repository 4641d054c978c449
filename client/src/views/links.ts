// The Links view: inbound and outbound links of the active page (pillarlink/pageLinks).
import * as vscode from 'vscode';
import type { PageLinkDto, PageLinksDto } from '../../../shared/src/dto';
import type { PillarlinkClient } from '../typedClient';

type LinkNode =
  | { kind: 'section'; direction: 'inbound' | 'outbound'; links: PageLinkDto[] }
  | { kind: 'link'; direction: 'inbound' | 'outbound'; link: PageLinkDto };

const ROLE_ICONS: Record<string, string> = { target: 'target', tool: 'tools', service: 'briefcase', pillar: 'book', tutorial: 'mortar-board', explainer: 'lightbulb', comparison: 'arrow-swap', faq: 'question', 'case-study': 'graph', support: 'file' };

/** The other page's link score (and impressions, with Search Console data), or null. */
export function scoreText(l: PageLinkDto): string | null {
  if (l.linkScore === null) return null;
  return l.impressions !== null ? `score ${l.linkScore} · ${l.impressions.toLocaleString('en-US')} impr.` : `score ${l.linkScore}`;
}

export class LinksProvider implements vscode.TreeDataProvider<LinkNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LinkNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: PageLinksDto | null = null;
  private uri: string | undefined;
  view: vscode.TreeView<LinkNode> | undefined;

  constructor(private readonly api: PillarlinkClient) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** Shows the links of `uri` (the active page); undefined clears the view. */
  async show(uri: string | undefined): Promise<void> {
    this.uri = uri;
    try {
      this.data = uri ? await this.api.pageLinks(uri) : null;
    } catch {
      this.data = null;
    }
    if (this.uri !== uri) return;
    if (this.view) {
      this.view.description = this.data?.title;
      this.view.message = this.data ? undefined : 'Open a page of the site to see who links to it and where it links.';
    }
    this.changed.fire(undefined);
  }

  refresh(): Promise<void> {
    return this.show(this.uri);
  }

  getChildren(node?: LinkNode): LinkNode[] {
    if (!this.data) return [];
    if (!node) {
      return [
        { kind: 'section', direction: 'inbound', links: this.data.inbound },
        { kind: 'section', direction: 'outbound', links: this.data.outbound },
      ];
    }
    return node.kind === 'section' ? node.links.map((link) => ({ kind: 'link', direction: node.direction, link })) : [];
  }

  getTreeItem(node: LinkNode): vscode.TreeItem {
    if (node.kind === 'section') {
      const item = new vscode.TreeItem(node.direction === 'inbound' ? 'Inbound' : 'Outbound', vscode.TreeItemCollapsibleState.Expanded);
      item.id = `section:${node.direction}`;
      item.description = String(node.links.length);
      item.iconPath = new vscode.ThemeIcon(node.direction === 'inbound' ? 'arrow-left' : 'arrow-right');
      item.tooltip = node.direction === 'inbound' ? 'Pages that link here' : 'Links on this page';
      item.contextValue = 'linkSection';
      return item;
    }
    const l = node.link;
    const range = new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character);
    const placement = l.contextual ? 'contextual ✓' : l.placement;
    let item: vscode.TreeItem;
    if (node.direction === 'inbound') {
      item = new vscode.TreeItem(l.sourceTitle);
      item.description = [`"${l.text}"`, placement, scoreText(l)].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(l.contextual ? 'link' : 'list-unordered');
    } else {
      item = new vscode.TreeItem(l.destTitle ?? (l.url || '(no destination)'));
      item.description = [l.destUrl ?? l.url, l.destRole, l.broken ? 'broken' : placement, scoreText(l)].filter(Boolean).join(' · ');
      item.iconPath = l.broken ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : l.kind === 'external' ? new vscode.ThemeIcon('link-external')
          : new vscode.ThemeIcon(ROLE_ICONS[l.destRole ?? ''] ?? 'file');
    }
    item.tooltip = new vscode.MarkdownString(`**${l.text || l.url}** → \`${l.url}\`\n\n${l.explanation}`);
    item.accessibilityInformation = { label: `${typeof item.label === 'string' ? item.label : l.url}, ${String(item.description ?? '')}` };
    item.contextValue = `link ${node.direction}${l.destUri && l.kind === 'page' ? ' hasDestination' : ''}`;
    // Goes to the link itself: in the source page for inbound links, in this page for outbound ones.
    item.command = { command: 'vscode.open', title: 'Go to link', arguments: [vscode.Uri.parse(l.sourceUri), { selection: range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }
}

export type { LinkNode };
