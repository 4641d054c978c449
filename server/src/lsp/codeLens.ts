// textDocument/codeLens: a cluster summary at the top of target and support pages.
import type { CodeLens, Connection } from 'vscode-languageserver/node';
import type { Folder, Session } from './session';

/** Client commands the lenses run (registered by the VS Code client). */
export const LENS_COMMANDS = { showMissing: 'pillarlink.showMissing', open: 'pillarlink.open', showCluster: 'pillarlink.showCluster', linkToTarget: 'pillarlink.linkToTarget' } as const;

export function codeLenses(session: Session, folder: Folder, file: string): CodeLens[] {
  const model = folder.project.model();
  const c = model.clusterOf(file);
  if (!c || !model.pages.has(file)) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const uri = session.uriFor(folder, file);
  if (c.isTarget) {
    const members = c.cluster.members;
    const missing = members.filter((m) => !m.linksToTarget);
    const title = `${members.length} support page${members.length === 1 ? '' : 's'} · ${members.length - missing.length} link here · ${missing.length} missing`;
    const command = missing.length > 0
      ? { title, command: LENS_COMMANDS.showMissing, arguments: [{ uri, cluster: c.cluster.name, missing: missing.map((m) => ({ uri: session.uriFor(folder, m.file), title: model.titleOf(m.file), file: m.file })) }] }
      : { title, command: LENS_COMMANDS.showCluster, arguments: [uri] };
    return [{ range, command }];
  }
  const target = c.cluster.targets[0];
  if (target === undefined) {
    return [{ range, command: { title: `Cluster ${c.cluster.name} has no target page`, command: LENS_COMMANDS.showCluster, arguments: [uri] } }];
  }
  const names = c.cluster.targets.map((t) => model.titleOf(t)).join(', ');
  if (c.member.linksToTarget) {
    return [{ range, command: { title: `Supports ${names} · links up ✓`, command: LENS_COMMANDS.open, arguments: [session.uriFor(folder, target)] } }];
  }
  const why = c.member.linksToTargetOnlyFromBoilerplate ? 'only related/navigation links ✗' : 'no link up ✗';
  return [{ range, command: { title: `Supports ${names} · ${why}`, command: LENS_COMMANDS.linkToTarget, arguments: [{ uri }] } }];
}

/** Whether `pillarlink.codeLens.enabled` is on for the document; clients without configuration support get lenses. */
async function lensesEnabled(connection: Connection, uri: string): Promise<boolean> {
  try {
    const v: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'pillarlink.codeLens.enabled' });
    return v !== false;
  } catch {
    return true;
  }
}

export function registerCodeLens(connection: Connection, session: Session): void {
  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const f = session.fileOf(params.textDocument.uri);
    if (!f) return [];
    await f.folder.ready;
    if (!(await lensesEnabled(connection, params.textDocument.uri))) return [];
    try {
      return codeLenses(session, f.folder, f.file);
    } catch (e) {
      session.error(`codeLens failed: ${e instanceof Error ? e.stack : String(e)}`);
      return [];
    }
  });
}
