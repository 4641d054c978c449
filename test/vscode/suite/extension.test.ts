// Extension-host tests: run inside a real VS Code (desktop or code-server) against a copy of the example site.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, EXTENSION_ID, poll, RULE, ruleDiagnostics, scenario, workspaceUri } from './helpers';

describe('Pillarlink extension', () => {
  it(`activates (${EXTENSION_ID})`, async () => {
    const ext = await activate();
    assert.equal(ext.isActive, true);
  });

  it(`reports ${RULE} on the support page`, async () => {
    const uri = workspaceUri(scenario.support.file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [d] = await poll(() => { const ds = ruleDiagnostics(uri); return ds.length > 0 && ds; }, `a ${RULE} diagnostic on ${scenario.support.file}`);
    assert.equal(d.source, 'pillarlink');
    assert.equal(codeOf(d), RULE);
    assert.match(d.message, /^No contextual link to the cluster's target/);
    if (scenario.support.line) assert.equal(d.range.start.line + 1, scenario.support.line, 'diagnostic line (1-based)');
  });

  it('offers a "Link …" quick fix whose edit removes the diagnostic', async () => {
    const uri = workspaceUri(scenario.support.file);
    const [d] = await poll(() => { const ds = ruleDiagnostics(uri); return ds.length > 0 && ds; }, `a ${RULE} diagnostic`);
    const actions = await poll(async () => {
      const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range);
      return all?.some((a) => a.title.startsWith('Link "')) && all;
    }, 'a code action titled Link "…"');
    const action = actions.find((a): a is vscode.CodeAction => a.title.startsWith('Link "'))!;
    assert.match(action.title, /^Link ".+" → .+\(target\)/);
    if (action.edit) {
      assert.equal(await vscode.workspace.applyEdit(action.edit), true, 'applyEdit');
    }
    const command = 'command' in action && typeof action.command === 'object' ? action.command : undefined;
    if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.ok(action.edit || command, 'the action carries an edit or a command');
    const doc = await vscode.workspace.openTextDocument(uri);
    const fixLine = (scenario.support.fixLine ?? d.range.start.line + 1) - 1;
    const m = /\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(doc.lineAt(fixLine).text);
    assert.ok(m, `line ${fixLine + 1} holds a Markdown link: ${doc.lineAt(fixLine).text}`);
    if (scenario.support.anchorIncludes) assert.ok(m[1].toLowerCase().includes(scenario.support.anchorIncludes.toLowerCase()), `anchor "${m[1]}"`);
    if (scenario.support.urlIncludes) assert.ok(m[2].includes(scenario.support.urlIncludes), `url "${m[2]}"`);
    await doc.save();
    await poll(() => ruleDiagnostics(uri).length === 0, `the ${RULE} diagnostic to disappear`);
  });

  it('exposes the Clusters tree through pillarlink.getClusterTree', async () => {
    const roots = await poll(async () => {
      const r = await vscode.commands.executeCommand<unknown[]>('pillarlink.getClusterTree');
      return Array.isArray(r) && r.length > 0 && r;
    }, 'non-empty cluster tree roots');
    const json = JSON.stringify(roots);
    assert.deepEqual(JSON.parse(json), roots, 'root items are plain (JSON-serialisable) objects');
    assert.ok(json.includes(scenario.cluster), `the tree names cluster "${scenario.cluster}": ${json.slice(0, 500)}`);
    assert.ok(json.includes(scenario.target.title) || json.includes(scenario.target.file), `the tree holds the target page: ${json.slice(0, 500)}`);
  });

  it('runs every contributed pillarlink.* command without throwing', async () => {
    const ext = await activate();
    const pkg = ext.packageJSON as { contributes?: { commands?: { command: string }[] } };
    const ids = (pkg.contributes?.commands ?? []).map((c) => c.command).filter((c) => c.startsWith('pillarlink.'));
    assert.ok(ids.length > 0, 'package.json contributes pillarlink.* commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const failures: string[] = [];
    const waiting: string[] = [];
    // Show a page so commands that act on the active editor have one.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(scenario.support.file)));
    for (const id of ids) {
      if (!registered.has(id)) { failures.push(`${id}: contributed but not registered`); continue; }
      // A command may wait for the user (quick pick, input box): give it a moment, then dismiss the UI.
      const done = Promise.resolve(vscode.commands.executeCommand(id)).then(() => 'done', (e: unknown) => { failures.push(`${id}: ${String(e)}`); return 'threw'; });
      const timer = new Promise<string>((r) => setTimeout(() => r('waiting'), 3000));
      if ((await Promise.race([done, timer])) === 'waiting') {
        waiting.push(id);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
      }
    }
    if (waiting.length) console.log(`commands still waiting for input after 3 s (dismissed): ${waiting.join(', ')}`);
    assert.deepEqual(failures, []);
  });
});
