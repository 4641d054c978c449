import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Methods, type StatusParams } from '../../shared/src/protocol';

let client: LanguageClient | undefined;

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
      ],
    },
    outputChannel: output,
    initializationOptions: { settings: vscode.workspace.getConfiguration('pillarlink') },
  };
  client = new LanguageClient('pillarlink', 'Pillarlink', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('pillarlink.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Pillarlink';
  status.text = '$(sync~spin) Pillarlink';
  status.command = 'pillarlink.showOutput';
  status.show();
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.commands.registerCommand('pillarlink.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('pillarlink.reindex', async () => {
      const r = await client?.sendRequest<{ pages: number }>(Methods.reindex);
      void vscode.window.setStatusBarMessage(`Pillarlink: re-indexed ${r?.pages ?? 0} pages`, 4000);
    }),
  );

  await client.start();
  context.subscriptions.push(client);
  client.onNotification(Methods.status, (p: StatusParams) => {
    status.text = p.state === 'indexing' ? `$(sync~spin) Pillarlink ${p.done ?? 0}/${p.total ?? 0}` : `$(link) Pillarlink: ${p.pages ?? 0} pages`;
    status.tooltip = p.state === 'indexing' ? 'Pillarlink is indexing the workspace' : 'Pillarlink: click to show the output';
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
