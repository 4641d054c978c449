// One method per custom request, typed by shared/src/protocol.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Methods,
  type AdoptClusterParams,
  type AssignClusterParams,
  type EditResult,
  type GroupPagesParams,
  type GroupPagesResult,
  type MakeTargetParams,
  type OverviewParams,
  type OverviewResult,
  type PageInfoResult,
  type PageLinksResult,
  type ReindexResult,
} from '../../shared/src/protocol';

export class PillarlinkClient {
  private markStarted: () => void = () => {};
  /** Resolves once the language client runs; views created before that wait for it. */
  readonly started = new Promise<void>((resolve) => { this.markStarted = resolve; });

  constructor(readonly client: LanguageClient) {}

  setStarted(): void {
    this.markStarted();
  }

  private async send<R>(method: string, params: unknown): Promise<R> {
    await this.started;
    return this.client.sendRequest<R>(method, params);
  }

  overview(params: OverviewParams): Promise<OverviewResult> {
    return this.send<OverviewResult>(Methods.overview, params);
  }

  groupPages(params: GroupPagesParams): Promise<GroupPagesResult> {
    return this.send<GroupPagesResult>(Methods.groupPages, params);
  }

  pageInfo(uri: string): Promise<PageInfoResult> {
    return this.send<PageInfoResult>(Methods.pageInfo, { uri });
  }

  pageLinks(uri: string): Promise<PageLinksResult> {
    return this.send<PageLinksResult>(Methods.pageLinks, { uri });
  }

  reindex(): Promise<ReindexResult> {
    return this.send<ReindexResult>(Methods.reindex, {});
  }

  adoptCluster(params: AdoptClusterParams): Promise<EditResult> {
    return this.send<EditResult>(Methods.adoptCluster, params);
  }

  makeTarget(params: MakeTargetParams): Promise<EditResult> {
    return this.send<EditResult>(Methods.makeTarget, params);
  }

  assignCluster(params: AssignClusterParams): Promise<EditResult> {
    return this.send<EditResult>(Methods.assignCluster, params);
  }

  /** Applies an edit returned by the server as a refactoring (saved per files.refactoring.autoSave); shows its error otherwise. */
  async apply(result: EditResult, what: string): Promise<boolean> {
    if (!result.edit) {
      void vscode.window.showErrorMessage(`Pillarlink: cannot ${what}: ${result.error ?? 'the server returned no edit'}`);
      return false;
    }
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (!ok) void vscode.window.showErrorMessage(`Pillarlink: could not ${what}: the editor rejected the edit (a file changed meanwhile?).`);
    return ok;
  }
}
