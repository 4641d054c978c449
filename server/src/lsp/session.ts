import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Methods, type GraphChangedParams, type StatusParams } from '../../../shared/src/protocol';
import { sameValue } from '../core/analyze';
import type { Config } from '../core/config';
import { Project } from '../core/project';
import type { Finding, Severity } from '../core/types';
import { isInside, NodeWorkspace } from '../node/fsWorkspace';
import { NodeFactsCache, NodeResultsCache } from '../node/cache';
import { createParseMany, defaultWorkerCount } from '../node/workers';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], source: 'pillarlink', code: f.rule, message: f.message, data: { rule: f.rule, ...(f.data ?? {}) } };
}

/** How folders are indexed: the facts cache folder (the extension's storage, or `--cache-dir`) and parse workers. */
export interface LoadingOptions { cacheDir?: string | undefined; workers: number }

export function loadingOptions(initializationOptions: unknown, argv: readonly string[]): LoadingOptions {
  const init = (initializationOptions ?? {}) as { storagePath?: unknown; workers?: unknown };
  const flag = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return argv[i]!.includes('=') ? argv[i]!.slice(name.length + 1) : argv[i + 1];
  };
  const cacheDir = typeof init.storagePath === 'string' && init.storagePath !== '' ? init.storagePath : flag('--cache-dir');
  const w = typeof init.workers === 'number' ? init.workers : Number(flag('--workers') ?? NaN);
  return { cacheDir, workers: Number.isInteger(w) && w >= 0 ? w : defaultWorkerCount() };
}

export interface Folder {
  uri: string;
  name: string;
  root: string;
  project: Project;
  ready: Promise<void>;
  indexed: boolean;
}

/** Server state: one Project per workspace folder, open documents, published diagnostics. */
export class Session {
  readonly folders: Folder[] = [];
  /** What each URI was last sent (compared structurally: turning every list into JSON cost ~100 ms on MDN's warm start). */
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly uriOf = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private siteTimer: NodeJS.Timeout | undefined;
  /** Published diagnostics per URI (after capping), for the total cap. */
  private readonly counts = new Map<string, number>();
  /** The sum of `counts`. */
  private countTotal = 0;
  /** Quiet time before an edit's page and cluster rules run, and before the site rules follow. */
  editDelay = 50;
  typingDelay = 5;
  siteDelay = 400;
  /** Milliseconds of site rules per turn of the event loop, so an edit never waits for all of them. */
  siteSlice = 8;
  /** Site-rule runs under way; an edit cancels them (they start again once the folder is quiet). */
  private readonly siteRuns = new Set<{ cancelled: boolean }>();
  private pendingFolders = new Set<Folder>();
  private readonly firstIndex = new WeakMap<Folder, () => void>();
  settings: Partial<Config> = {};
  loading: LoadingOptions = { workers: 0 };
  private readonly pools = new WeakMap<Folder, ReturnType<typeof createParseMany>>();
  /** Caps on published diagnostics: a file over the cap gets one summary diagnostic instead of the rest. */
  diagnosticLimits = { perFile: 200, total: 20_000 };

  constructor(readonly connection: Connection, readonly documents: TextDocuments<TextDocument>) {}

  log(message: string): void {
    this.connection.console.log(message);
  }

  error(message: string): void {
    this.connection.console.error(message);
  }

  addFolder(wf: WorkspaceFolder): Folder {
    const root = fileURLToPath(wf.uri);
    const log = (m: string) => this.log(m);
    const pool = createParseMany(this.loading.workers);
    const project = new Project(new NodeWorkspace(root, log), {
      overrides: this.settings,
      log,
      ...(this.loading.cacheDir ? { factsCache: NodeFactsCache.forFolder(this.loading.cacheDir, root, log) } : {}),
      ...(pool ? { parseMany: pool.parseMany } : {}),
    });
    const folder: Folder = { uri: wf.uri, name: wf.name, root, project, ready: Promise.resolve(), indexed: false };
    this.pools.set(folder, pool);
    // Requests that arrive before the first index (while settings are pulled) wait for it.
    folder.ready = new Promise<void>((resolve) => this.firstIndex.set(folder, resolve));
    this.folders.push(folder);
    return folder;
  }

  removeFolder(uri: string): void {
    const i = this.folders.findIndex((f) => f.uri === uri);
    if (i < 0) return;
    const [folder] = this.folders.splice(i, 1);
    for (const [key] of this.published) {
      if (key.startsWith(`${folder!.uri}/`) || this.fileOf(key)?.folder === folder) {
        this.connection.sendDiagnostics({ uri: key, diagnostics: [] });
        this.published.delete(key);
        this.setCount(key, 0);
      }
    }
  }

  /** Indexes a folder with progress reporting, then publishes its diagnostics. */
  async index(folder: Folder): Promise<void> {
    const run = async () => {
      const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin('Pillarlink: indexing', 0, folder.name, false);
      this.status({ state: 'indexing', folderUri: folder.uri, done: 0, total: 0 });
      const started = Date.now();
      const results = this.loading.cacheDir ? NodeResultsCache.forFolder<StoredFindings>(this.loading.cacheDir, folder.root, 'server', (m) => this.log(m)) : undefined;
      let key = '';
      let stored: StoredFindings | undefined;
      try {
        for (const doc of this.documents.all()) {
          const f = this.fileOf(doc.uri);
          if (f?.folder === folder) folder.project.setOpenDocument(f.file, doc.getText());
        }
        await folder.project.readInputs();
        // Warm start: the findings of exactly these inputs are published before anything is parsed;
        // the full load below then finds the same findings and sends nothing again.
        key = results ? NodeResultsCache.keyOf(folder.project.inputParts()) : '';
        stored = await results?.get(key);
        if (stored) {
          this.publishFindings(folder, stored.findings);
          // Messages are written in order, each when the last is out: once this one is, the client has
          // every diagnostic. Parsing now would hold them back (a full pipe drains only between slices).
          await this.connection.sendNotification(Methods.status, { state: 'indexing', folderUri: folder.uri, done: 0, total: 0 } satisfies StatusParams).catch(() => {});
          this.log(`Published the diagnostics of ${folder.name} from the results cache ${Date.now() - started} ms after the start of indexing (${stored.findings.length} findings).`);
        }
        await folder.project.load((done, total) => {
          progress?.report(total ? Math.round((done / total) * 100) : 0, `${done}/${total} pages`);
          this.status({ state: 'indexing', folderUri: folder.uri, done, total });
        });
        folder.indexed = true;
        const refusal = folder.project.workspace instanceof NodeWorkspace ? folder.project.workspace.refusal : undefined;
        if (refusal) void this.connection.window.showWarningMessage(`Pillarlink: ${refusal}`);
        this.log(`Indexed ${folder.project.pages.size} pages of ${folder.name} in ${Date.now() - started} ms (content roots: ${folder.project.contentRoots.map((r) => r || '.').join(', ')}).`);
      } catch (e) {
        this.error(`Indexing ${folder.name} failed: ${e instanceof Error ? e.stack : String(e)}`);
      } finally {
        progress?.done();
        // Edits parse one page at a time in this thread: the workers are only for full loads.
        await this.pools.get(folder)?.close();
      }
      this.publishSafely(folder, true);
      if (results && folder.indexed && !stored) await results.set(key, { findings: folder.project.analyze().findings });
      this.status({ state: 'ready', folderUri: folder.uri, pages: folder.project.pages.size });
    };
    folder.ready = run().finally(() => {
      this.firstIndex.get(folder)?.();
      this.firstIndex.delete(folder);
    });
    return folder.ready;
  }

  private status(params: StatusParams): void {
    void this.connection.sendNotification(Methods.status, params);
  }

  /** Maps a document URI to its folder and workspace-relative path; undefined outside every folder. */
  fileOf(uri: string): { folder: Folder; file: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let abs: string;
    try {
      abs = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    let best: Folder | undefined;
    for (const f of this.folders) if (isInside(f.root, abs) && (!best || f.root.length > best.root.length)) best = f;
    if (!best) return undefined;
    const file = path.relative(best.root, abs).split(path.sep).join('/');
    this.uriOf.set(`${best.uri}\n${file}`, uri);
    return { folder: best, file };
  }

  uriFor(folder: Folder, file: string): string {
    return this.uriOf.get(`${folder.uri}\n${file}`) ?? fileUri(folder.root, this.rootHref(folder.root), file);
  }

  private readonly rootHrefs = new Map<string, string>();
  private rootHref(root: string): string {
    let href = this.rootHrefs.get(root);
    if (href === undefined) {
      href = pathToFileURL(root).href;
      this.rootHrefs.set(root, (href = href.endsWith('/') ? href : `${href}/`));
    }
    return href;
  }

  /**
   * Schedules re-analysis and publication; bursts of edits and file events become one run. The page
   * and cluster rules of what changed are published first; the site rules (click depth, link score,
   * site-wide anchor and topic statistics) follow once the folder has been quiet for `siteDelay` ms.
   */
  schedule(folder: Folder, delay = this.editDelay): void {
    this.pendingFolders.add(folder);
    if (this.timer) clearTimeout(this.timer);
    if (this.siteTimer) clearTimeout(this.siteTimer);
    this.siteTimer = undefined;
    for (const run of this.siteRuns) run.cancelled = true;
    this.siteRuns.clear();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const folders = [...this.pendingFolders];
      this.pendingFolders.clear();
      for (const f of folders) this.publishSafely(f, false);
      this.siteTimer = setTimeout(() => {
        this.siteTimer = undefined;
        for (const f of this.folders) if (f.indexed && f.project.siteRulesStale) this.runSiteRules(f);
      }, this.siteDelay);
    }, delay);
  }

  /**
   * Runs the folder's stale site rules in slices of `siteSlice` ms, one per turn of the event loop,
   * publishing what each slice changed; an edit in between cancels the run (see `schedule`).
   */
  private runSiteRules(folder: Folder): void {
    let job: ReturnType<Project['siteRulesJob']>;
    try {
      job = folder.project.siteRulesJob();
    } catch (e) {
      this.error(`Analysis failed: ${e instanceof Error ? e.stack : String(e)}`);
      return;
    }
    const run = { cancelled: false };
    this.siteRuns.add(run);
    const slice = () => {
      if (run.cancelled || !folder.indexed || !this.folders.includes(folder)) return;
      const start = performance.now();
      let state: 'done' | 'paused' | 'stale' = 'done';
      try {
        if (job) state = job.step(() => performance.now() - start >= this.siteSlice);
        this.sendChanged(folder);
      } catch (e) {
        this.error(`Analysis failed: ${e instanceof Error ? e.stack : String(e)}`);
        state = 'done';
      }
      if (state === 'paused') setImmediate(slice);
      else this.siteRuns.delete(run);
    };
    slice();
  }

  private publishSafely(folder: Folder, site: boolean): void {
    try {
      this.publish(folder, site);
    } catch (e) {
      this.error(`Analysis failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  /**
   * Brings the folder's findings up to date (page and cluster rules; all rules when `site`) and
   * publishes the files whose diagnostics changed.
   */
  publish(folder: Folder, site = true): void {
    if (!folder.indexed) return;
    folder.project.refresh({ site });
    this.sendChanged(folder);
  }

  /** Publishes the files whose findings changed since the last publication. */
  private sendChanged(folder: Folder): void {
    const project = folder.project;
    const changed = project.takeChangedFiles();
    if (changed.length === 0) return;
    this.send(folder, changed, (file) => project.findingsOf(file));
    const params: GraphChangedParams = { folderUri: folder.uri, pages: project.pages.size };
    void this.connection.sendNotification(Methods.graphChanged, params);
  }

  /** Publishes stored findings (a warm start from the results cache), as `publish` would have. */
  private publishFindings(folder: Folder, findings: readonly Finding[]): void {
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      let list = byFile.get(f.file);
      if (!list) byFile.set(f.file, (list = []));
      list.push(f);
    }
    this.send(folder, [...byFile.keys()], (file) => byFile.get(file) ?? []);
  }

  /** Sends the diagnostics of `files` whose published set changed, within the caps. */
  private send(folder: Folder, files: readonly string[], findingsOf: (file: string) => readonly Finding[]): void {
    for (const file of files) {
      const uri = this.uriFor(folder, file);
      const others = this.countTotal - (this.counts.get(uri) ?? 0);
      const all = findingsOf(file).map(toDiagnostic);
      // Open documents always get their diagnostics (up to the per-file cap): the total cap is for the rest.
      const budget = this.documents.get(uri) ? this.diagnosticLimits.perFile : Math.min(this.diagnosticLimits.perFile, Math.max(0, this.diagnosticLimits.total - others));
      const diagnostics = capDiagnostics(all, budget);
      this.setCount(uri, diagnostics.length);
      if (sameValue(this.published.get(uri) ?? [], diagnostics)) continue;
      if (diagnostics.length === 0) this.published.delete(uri);
      else this.published.set(uri, diagnostics);
      this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /** Keeps the published count of `uri` and the sum over all URIs (the total cap) up to date. */
  private setCount(uri: string, n: number): void {
    this.countTotal += n - (this.counts.get(uri) ?? 0);
    if (n === 0) this.counts.delete(uri);
    else this.counts.set(uri, n);
  }
}

/** What the language server keeps in its results cache: the findings of a whole folder. */
interface StoredFindings { findings: Finding[] }

/** Relative paths that pathToFileURL writes as they are: no character to escape, no `.`/`..` or empty segment. */
const PLAIN_PATH = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[A-Za-z0-9_.-][A-Za-z0-9_./-]*$/;

/**
 * The file: URI of the workspace-relative `file` under `root`, whose URI with a trailing slash is
 * `rootHref`: a plain path by concatenation (a warm start publishes 12k files on MDN), any other as
 * pathToFileURL writes it.
 */
export function fileUri(root: string, rootHref: string, file: string): string {
  return PLAIN_PATH.test(file) ? `${rootHref}${file}` : pathToFileURL(path.join(root, file)).href;
}

/** Keeps the most severe `max` diagnostics (then by position) and adds one summary for the rest. */
export function capDiagnostics(all: Diagnostic[], max: number): Diagnostic[] {
  if (all.length <= max) return all;
  const keep = Math.max(0, max - 1);
  const sorted = [...all].sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const shown = sorted.slice(0, keep).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const hidden = all.length - keep;
  const zero = { line: 0, character: 0 };
  shown.push({
    range: { start: zero, end: zero },
    severity: DiagnosticSeverity.Information,
    source: 'pillarlink',
    code: 'too-many-findings',
    message: `${hidden} more findings not shown (at most ${max} per file are published). Run \`pillarlink check\` for the full list.`,
    data: { rule: 'too-many-findings', hidden },
  });
  return shown;
}
