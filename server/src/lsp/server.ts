import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Methods, type ClustersParams, type ClustersResult, type PageInfoParams, type PageInfoResult, type ReindexResult } from '../../../shared/src/protocol';
import type { Config } from '../core/config';
import { VERSION } from '../version';
import { clusterDtos, pageInfo, registerViews } from './views';
import { registerHover } from './hover';
import { registerCodeLens } from './codeLens';
import { codeActionCapabilities, registerCodeActions } from './codeActions';
import { navigationCapabilities, navigationWorkspaceCapabilities, registerNavigation } from './navigation';
import { loadingOptions, Session, type Folder } from './session';
import { registerGraph } from './graph';

/** Wires a connection to a Session. Every handler is guarded: one failure never ends the server. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const session = new Session(connection, documents);
  let watchDynamically = false;
  let configurationPull = false;

  const guard = <A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback: R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (e) {
      session.error(`${name} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    session.loading = loadingOptions(params.initializationOptions, process.argv);
    const maxDiagnostics = (params.initializationOptions as { maxDiagnostics?: unknown } | undefined)?.maxDiagnostics;
    if (typeof maxDiagnostics === 'number' && Number.isInteger(maxDiagnostics) && maxDiagnostics > 0) session.diagnosticLimits.total = maxDiagnostics;
    for (const wf of folders) session.addFolder(wf);
    const caps = params.capabilities;
    watchDynamically = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    configurationPull = !!caps.workspace?.configuration;
    session.settings = settingsFrom(params.initializationOptions?.settings);
    navigation.configure(params.initializationOptions?.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true }, ...navigationWorkspaceCapabilities },
        ...navigationCapabilities,
        ...codeActionCapabilities,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'pillarlink-lsp', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (watchDynamically) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,mdx,markdown}' }, { globPattern: '**/pillarlink.json' }, { globPattern: '**/{static,public}/**' }, { globPattern: '**/*.csv' }],
      }).catch(() => undefined);
    }
    if (configurationPull) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'pillarlink' }).catch(() => undefined);
      await pullSettings();
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const r of e.removed) session.removeFolder(r.uri);
        for (const a of e.added) void session.index(session.addFolder(a));
      });
    } catch {
      // The client cannot report folder changes (no workspaceFolders capability): keep the initial folders.
    }
    await Promise.all(session.folders.map((f) => session.index(f)));
  });

  async function pullSettings(): Promise<void> {
    try {
      const [s] = await connection.workspace.getConfiguration([{ section: 'pillarlink' }]);
      session.settings = settingsFrom(s);
      navigation.configure(s);
    } catch {
      // The client answered nothing usable; keep the defaults.
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationPull) await pullSettings();
    else {
      session.settings = settingsFrom((change.settings as Record<string, unknown> | undefined)?.pillarlink);
      navigation.configure((change.settings as Record<string, unknown> | undefined)?.pillarlink);
    }
    await reindexAll();
  });

  async function reindexAll(): Promise<number> {
    const folders = session.folders.map((f) => ({ uri: f.uri, name: f.name }));
    for (const f of folders) session.removeFolder(f.uri);
    const added = folders.map((f) => session.addFolder(f));
    await Promise.all(added.map((f) => session.index(f)));
    return added.reduce((n, f) => n + f.project.pages.size, 0);
  }

  const onDocument = guard('didChange', (doc: TextDocument) => {
    const f = session.fileOf(doc.uri);
    if (!f) return;
    const isPage = f.folder.project.setOpenDocument(f.file, doc.getText());
    // Typing republishes at once (an edit re-checks only what it can change); file events batch up.
    if (isPage) session.schedule(f.folder, session.typingDelay);
  }, undefined);
  documents.onDidOpen((e) => onDocument(e.document));
  documents.onDidChangeContent((e) => onDocument(e.document));
  documents.onDidClose(async (e) => {
    const f = session.fileOf(e.document.uri);
    if (!f) return;
    try {
      await f.folder.project.closeDocument(f.file);
      session.schedule(f.folder);
    } catch (err) {
      session.error(`didClose failed: ${String(err)}`);
    }
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const touched = new Set<Folder>();
    for (const change of params.changes) {
      const f = session.fileOf(change.uri);
      if (!f) continue;
      try {
        await f.folder.ready;
        if (change.type === FileChangeType.Deleted) {
          if (f.file === f.folder.project.configFile) await f.folder.project.load();
          else f.folder.project.fileDeleted(f.file);
        } else {
          await f.folder.project.fileChanged(f.file);
        }
        touched.add(f.folder);
      } catch (e) {
        session.error(`File event for ${change.uri} failed: ${String(e)}`);
      }
    }
    for (const folder of touched) session.schedule(folder);
  });

  connection.onRequest(Methods.clusters, async (params: ClustersParams): Promise<ClustersResult> => {
    const folders = session.folders.filter((f) => !params?.folderUri || f.uri === params.folderUri);
    await Promise.all(folders.map((f) => f.ready));
    return { folders: folders.map((f) => ({ uri: f.uri, name: f.name, clusters: clusterDtos(session, f) })) };
  });

  connection.onRequest(Methods.pageInfo, async (params: PageInfoParams): Promise<PageInfoResult> => {
    const f = session.fileOf(params.uri);
    if (!f) return null;
    await f.folder.ready;
    return pageInfo(session, f.folder, f.file);
  });

  connection.onRequest(Methods.reindex, async (): Promise<ReindexResult> => ({ pages: await reindexAll() }));
  registerViews(connection, session);
  registerHover(connection, session);
  registerCodeLens(connection, session);
  registerGraph(connection, session);
  registerCodeActions(connection, session, documents);
  const navigation = registerNavigation(connection, session, documents);

  documents.listen(connection);
  connection.listen();
}

/** Maps the client's `pillarlink.*` settings onto config overrides. */
export function settingsFrom(s: unknown): Partial<Config> {
  if (!s || typeof s !== 'object') return {};
  const o = s as Record<string, unknown>;
  const out: Partial<Config> = {};
  if (o.rules && typeof o.rules === 'object' && !Array.isArray(o.rules)) out.rules = o.rules as Config['rules'];
  if (Array.isArray(o.contentRoots) && o.contentRoots.length > 0) out.contentRoots = o.contentRoots.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(o.entryPoints) && o.entryPoints.length > 0) out.entryPoints = o.entryPoints.filter((x): x is string => typeof x === 'string');
  if (typeof o.baseUrl === 'string' && o.baseUrl !== '') out.site = { baseUrl: o.baseUrl };
  if (o.clustersInfer === 'off' || o.clustersInfer === 'directory' || o.clustersInfer === 'taxonomy') out.infer = o.clustersInfer;
  return out;
}
