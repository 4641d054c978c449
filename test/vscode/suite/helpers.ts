import * as vscode from 'vscode';

export const EXTENSION_ID = 'pillarlink.pillarlink';
export const RULE = 'missing-target-link';

/**
 * Which example pages the suite uses. The runners (run-codeserver.mjs, run-electron.mjs) pass the SCENARIO object
 * from test/e2e/run.mjs as JSON in PILLARLINK_SUITE_SCENARIO, so the UI test and this suite pick the same pages.
 */
export interface Scenario {
  /** `line`: where the diagnostic is anchored; `fixLine`: where the quick fix puts the link (both 1-based). */
  support: { file: string; title: string; line?: number; fixLine?: number; anchorIncludes?: string; urlIncludes?: string };
  cluster: string;
  target: { file: string; title: string };
}
function loadScenario(): Scenario {
  const raw = process.env.PILLARLINK_SUITE_SCENARIO;
  if (!raw) throw new Error('PILLARLINK_SUITE_SCENARIO is not set: start the suite through test/vscode/run-*.mjs');
  return JSON.parse(raw) as Scenario;
}
export const scenario: Scenario = loadScenario();

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (the example site)');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Polls `fn` until it returns a truthy value; never sleeps a fixed time. */
export async function poll<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

export function ruleDiagnostics(uri: vscode.Uri, rule = RULE): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === rule);
}

export async function activate(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}
