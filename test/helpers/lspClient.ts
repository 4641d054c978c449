// A minimal LSP client over stdio for tests: spawns the bundled server, records every
// notification and server→client request, and answers the requests a real client would.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { REPO } from './tmp';
import { waitFor } from './wait';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  source?: string;
  code?: string | number;
  message: string;
  data?: unknown;
}

export interface Received { method: string; params: unknown }

export interface ClientOptions {
  /** Advertise window.workDoneProgress (the server then creates progress tokens). */
  workDoneProgress?: boolean;
  /** Advertise dynamic registration of watched files. */
  watchedFiles?: boolean;
  /** Sent as `initializationOptions`. */
  initializationOptions?: Record<string, unknown>;
}

export const SERVER = path.join(REPO, 'out', 'server.js');

export class LspClient {
  readonly notifications: Received[] = [];
  readonly requests: Received[] = [];
  /** Latest diagnostics per URI, as last published. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  stderr = '';
  private exitCode: number | null | undefined;
  private version = new Map<string, number>();

  private constructor(readonly proc: ChildProcess, readonly conn: MessageConnection) {
    proc.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    proc.on('exit', (code) => { this.exitCode = code; });
    conn.onNotification((method, params) => {
      this.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') {
        const p = params as { uri: string; diagnostics: Diagnostic[] };
        this.diagnostics.set(p.uri, p.diagnostics);
      }
    });
    // vscode-jsonrpc routes $/progress to per-token handlers, never to the catch-all handler.
    conn.onUnhandledProgress((params) => { this.notifications.push({ method: '$/progress', params }); });
    conn.onRequest((method, params) => {
      this.requests.push({ method, params });
      if (method === 'workspace/configuration') return ((params as { items: unknown[] }).items ?? []).map(() => null);
      return null;
    });
    conn.listen();
  }

  /** `nodeArgs` go before the script (e.g. `--unhandled-rejections=strict`), `serverArgs` after `--stdio` (e.g. `--cache-dir`). */
  static spawn(nodeArgs: string[] = [], serverArgs: string[] = []): LspClient {
    const proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio', ...serverArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    return new LspClient(proc, conn);
  }

  /** Sends initialize + initialized for one workspace folder. */
  async initialize(root: string, options: ClientOptions = {}): Promise<unknown> {
    const uri = pathToFileURL(root).href;
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(root) }],
      capabilities: {
        window: { workDoneProgress: options.workDoneProgress ?? false },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: options.watchedFiles ?? false }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  uri(root: string, rel: string): string {
    return pathToFileURL(path.join(root, rel)).href;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.version.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** An incremental edit: replaces `range` with `text`. */
  async change(uri: string, range: Diagnostic['range'], text: string): Promise<void> {
    const v = (this.version.get(uri) ?? 1) + 1;
    this.version.set(uri, v);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
  }

  async filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Waits until the diagnostics of `uri` satisfy `predicate`; returns them. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, what: string, timeoutMs = 15_000): Promise<Diagnostic[]> {
    return waitFor(() => {
      const d = this.diagnostics.get(uri);
      return d !== undefined && predicate(d) ? d : undefined;
    }, `${what} (diagnostics of ${uri}: ${JSON.stringify(this.diagnostics.get(uri)?.map((x) => `${x.code}@${x.range.start.line}`))}; stderr: ${this.stderr.slice(-500)})`, timeoutMs);
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  get code(): number | null | undefined {
    return this.exitCode;
  }

  /** Closes stdin and waits for the process to end; kills it if it does not. */
  async dispose(): Promise<void> {
    this.conn.dispose();
    this.proc.stdin?.end();
    try {
      await waitFor(() => this.exited, 'the server to exit', 5000);
    } catch {
      this.proc.kill('SIGKILL');
    }
  }
}
