// The Markdown language-server basics (links, definitions, references, completion, rename, symbols),
// route-aware and MDX-aware. A thin adapter over core/navigation: find the page, convert positions.
import {
  CompletionItemKind,
  MarkupKind,
  SymbolKind,
  type CompletionList,
  type Connection,
  type DocumentLink,
  type DocumentSymbol,
  type Location,
  type Range,
  type ServerCapabilities,
  type TextDocumentEdit,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileEdit } from '../core/fixes/types';
import { detectLinkStyle } from '../core/fixes/linkStyle';
import type { SiteModel } from '../core/model';
import {
  builtInFollows,
  completionsAt,
  definitionAt,
  documentLinks,
  outline,
  prepareRename,
  referencesOf,
  referenceSubjectAt,
  renameFiles,
  renameHeading,
  workspaceSymbols,
  linkAt,
  type FileMove,
  type NavLocation,
  type OutlineSymbol,
} from '../core/navigation';
import { isMdx } from '../core/parse/page';
import { offsetAt, spanToRange } from '../core/positions';
import type { Span } from '../core/types';
import { isPagePath } from '../core/workspace';
import type { Folder, Session } from './session';

export const NAVIGATION_FEATURES = ['documentLinks', 'definitions', 'references', 'completion', 'rename', 'fileRename', 'symbols'] as const;
export type NavigationFeature = typeof NAVIGATION_FEATURES[number];
export type NavigationMode = 'auto' | 'on' | 'off';
export type NavigationSettings = Record<NavigationFeature, NavigationMode>;

const PAGE_GLOB = '**/*.{md,mdx,markdown}';

export const navigationCapabilities = {
  documentLinkProvider: { resolveProvider: false },
  definitionProvider: true,
  referencesProvider: true,
  completionProvider: { triggerCharacters: ['(', '/', '#', '"'], resolveProvider: false },
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
} satisfies ServerCapabilities;

/** Goes under `capabilities.workspace`: page files and folders (which may hold pages). */
export const navigationWorkspaceCapabilities = {
  fileOperations: {
    willRename: { filters: [{ scheme: 'file', pattern: { glob: PAGE_GLOB, matches: 'file' as const } }, { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' as const } }] },
  },
};

/** Reads `pillarlink.navigation.*` from the client's settings object (nested or dotted keys). */
export function navigationSettingsFrom(s: unknown): NavigationSettings {
  const out = Object.fromEntries(NAVIGATION_FEATURES.map((f) => [f, 'auto'])) as NavigationSettings;
  if (!s || typeof s !== 'object') return out;
  const o = s as Record<string, unknown>;
  const nested = o.navigation && typeof o.navigation === 'object' ? (o.navigation as Record<string, unknown>) : {};
  for (const f of NAVIGATION_FEATURES) {
    const v = nested[f] ?? o[`navigation.${f}`];
    if (v === 'auto' || v === 'on' || v === 'off') out[f] = v;
  }
  return out;
}

export interface NavigationHandle {
  /** Called with the client's `pillarlink` settings object whenever they are (re)read. */
  configure(settings: unknown): void;
}

function toRange(model: SiteModel, file: string, span: Span): Range | undefined {
  const p = model.pages.get(file);
  return p ? spanToRange(p.lineStarts, p.length, span) : undefined;
}

/** Does the site have links that only Pillarlink follows (site URLs, slugs, `.mdx` pages)? */
function needsRouting(model: SiteModel): boolean {
  for (const links of model.outbound.values()) for (const rl of links) if (rl.res.kind === 'page' && !builtInFollows(rl)) return true;
  return false;
}

export function registerNavigation(connection: Connection, session: Session, documents: TextDocuments<TextDocument>): NavigationHandle {
  let settings = navigationSettingsFrom(undefined);

  const fail = (name: string, e: unknown) => session.error(`${name} failed: ${e instanceof Error ? e.stack : String(e)}`);

  /** The page at `uri`, ready, with the cursor offset; undefined when the feature is off for it. */
  async function pageAt(uri: string, feature: NavigationFeature, position?: { line: number; character: number }) {
    if (settings[feature] === 'off') return undefined;
    const f = session.fileOf(uri);
    if (!f) return undefined;
    await f.folder.ready;
    const model = f.folder.project.model();
    const page = model.pages.get(f.file);
    if (!page) return undefined;
    const text = documents.get(uri)?.getText();
    const offset = position ? offsetAt(page.lineStarts, page.length, text, position) : 0;
    // `auto` in a `.md` page: only what the built-in Markdown support cannot do.
    const complementOnly = settings[feature] === 'auto' && !isMdx(f.file);
    return { folder: f.folder, file: f.file, model, page, text, offset, complementOnly };
  }

  const location = (folder: Folder, model: SiteModel, loc: NavLocation): Location | undefined => {
    const range = toRange(model, loc.file, loc.span);
    return range ? { uri: session.uriFor(folder, loc.file), range } : undefined;
  };

  connection.onDocumentLinks(async (params): Promise<DocumentLink[]> => {
    try {
      const at = await pageAt(params.textDocument.uri, 'documentLinks');
      if (!at) return [];
      const out: DocumentLink[] = [];
      for (const l of documentLinks(at.model, at.file)) {
        if (at.complementOnly && builtInFollows(l.link)) continue;
        const t = l.target;
        const target = t.kind === 'url' ? t.url : `${session.uriFor(at.folder, t.file)}${t.line !== undefined ? `#L${t.line + 1}` : ''}`;
        out.push({ range: spanToRange(at.page.lineStarts, at.page.length, l.span), target, tooltip: t.kind === 'file' ? `Open ${at.model.pages.has(t.file) ? at.model.titleOf(t.file) : t.file}` : undefined });
      }
      return out;
    } catch (e) {
      fail('documentLinks', e);
      return [];
    }
  });

  connection.onDefinition(async (params): Promise<Location[] | null> => {
    try {
      const at = await pageAt(params.textDocument.uri, 'definitions', params.position);
      if (!at) return null;
      const hit = definitionAt(at.model, at.file, at.offset);
      // VS Code jumps from a reference link to its definition itself.
      if (!hit || (at.complementOnly && (hit.kind === 'definition' || builtInFollows(hit.link)))) return null;
      const loc = location(at.folder, at.model, hit.location) ?? { uri: session.uriFor(at.folder, hit.location.file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
      return [loc];
    } catch (e) {
      fail('definition', e);
      return null;
    }
  });

  connection.onReferences(async (params): Promise<Location[] | null> => {
    try {
      const at = await pageAt(params.textDocument.uri, 'references', params.position);
      if (!at) return null;
      const subject = referenceSubjectAt(at.model, at.file, at.offset);
      if (!subject) return null;
      // On plain text the built-in support finds nothing, so every backlink is new there.
      const onLinkOrHeading = !!linkAt(at.model, at.file, at.offset) || at.page.headings.some((h) => at.offset >= h.span.start && at.offset <= h.span.end);
      const complement = at.complementOnly && onLinkOrHeading;
      const out: Location[] = [];
      for (const loc of referencesOf(at.model, subject, params.context.includeDeclaration && !complement)) {
        if (complement && loc.link && builtInFollows(loc.link)) continue;
        const l = location(at.folder, at.model, loc);
        if (l) out.push(l);
      }
      return out;
    } catch (e) {
      fail('references', e);
      return null;
    }
  });

  connection.onCompletion(async (params): Promise<CompletionList | null> => {
    try {
      const at = await pageAt(params.textDocument.uri, 'completion', params.position);
      const doc = documents.get(params.textDocument.uri);
      if (!at || !doc) return null;
      const text = doc.getText();
      const offset = doc.offsetAt(params.position);
      const result = completionsAt(at.model, at.file, text, offset);
      if (!result) return null;
      if (at.complementOnly) {
        const typed = result.context.typed;
        const hash = typed.indexOf('#');
        const path = hash >= 0 ? typed.slice(0, hash) : typed;
        const siteStyle = path.startsWith('/') || (path === '' && hash < 0 && detectLinkStyle(at.model, at.file).kind === 'url');
        if (!siteStyle) return null;
      }
      const items = result.items.map((c) => ({
        label: c.label,
        kind: c.kind === 'page' ? CompletionItemKind.File : CompletionItemKind.Reference,
        detail: c.detail,
        documentation: { kind: MarkupKind.Markdown, value: c.documentation },
        filterText: c.insertText,
        sortText: c.sortText,
        textEdit: { range: { start: doc.positionAt(c.replace.start), end: doc.positionAt(c.replace.end) }, newText: c.insertText },
      }));
      return { isIncomplete: false, items };
    } catch (e) {
      fail('completion', e);
      return null;
    }
  });

  /** Rename in `.md` under `auto` only pays off when the site has links the built-in support misses. */
  async function renameContext(uri: string, position: { line: number; character: number }) {
    const at = await pageAt(uri, 'rename', position);
    if (!at || at.text === undefined) return undefined;
    if (at.complementOnly && !needsRouting(at.model)) return undefined;
    return { ...at, text: at.text };
  }

  connection.onPrepareRename(async (params) => {
    try {
      const at = await renameContext(params.textDocument.uri, params.position);
      if (!at) return null;
      const t = prepareRename(at.model, at.file, at.text, at.offset);
      if (!t) return null;
      return { range: spanToRange(at.page.lineStarts, at.page.length, t.span), placeholder: t.placeholder };
    } catch (e) {
      fail('prepareRename', e);
      return null;
    }
  });

  connection.onRenameRequest(async (params): Promise<WorkspaceEdit | null> => {
    try {
      const at = await renameContext(params.textDocument.uri, params.position);
      if (!at) return null;
      const t = prepareRename(at.model, at.file, at.text, at.offset);
      if (!t || params.newName.trim() === '') return null;
      const targetText = t.file === at.file ? at.text : await textOf(at.folder, t.file);
      if (targetText === undefined) return null;
      return workspaceEdit(at.folder, at.model, renameHeading(at.model, t.file, targetText, t.heading, params.newName.trim()));
    } catch (e) {
      fail('rename', e);
      return null;
    }
  });

  async function textOf(folder: Folder, file: string): Promise<string | undefined> {
    return documents.get(session.uriFor(folder, file))?.getText() ?? folder.project.openText(file) ?? (await folder.project.workspace.readFile(file));
  }

  connection.workspace.onWillRenameFiles(async (params): Promise<WorkspaceEdit | null> => {
    try {
      if (settings.fileRename === 'off') return null;
      const byFolder = new Map<Folder, FileMove[]>();
      for (const r of params.files) {
        const a = session.fileOf(r.oldUri);
        const b = session.fileOf(r.newUri);
        if (!a || !b || a.folder !== b.folder) continue;
        await a.folder.ready;
        const project = a.folder.project;
        const moves = byFolder.get(a.folder) ?? [];
        if (project.pages.has(a.file)) moves.push({ from: a.file, to: b.file });
        else if (!isPagePath(a.file)) {
          // A folder: every file under it moves along.
          for (const f of project.files) if (f.startsWith(`${a.file}/`)) moves.push({ from: f, to: `${b.file}${f.slice(a.file.length)}` });
        }
        byFolder.set(a.folder, moves);
      }
      const changes: TextDocumentEdit[] = [];
      for (const [folder, moves] of byFolder) {
        if (moves.length === 0) continue;
        const model = folder.project.model();
        const texts = new Map<string, string | undefined>();
        for (const m of moves) if (model.pages.has(m.from)) texts.set(m.from, await textOf(folder, m.from));
        const edit = workspaceEdit(folder, model, renameFiles(model, moves, (f) => texts.get(f)));
        changes.push(...(edit.documentChanges as TextDocumentEdit[]));
      }
      return changes.length > 0 ? { documentChanges: changes } : null;
    } catch (e) {
      fail('willRenameFiles', e);
      return null;
    }
  });

  /** Versioned edits per document: an open document's version guards against applying to newer text. */
  function workspaceEdit(folder: Folder, model: SiteModel, edits: FileEdit[]): WorkspaceEdit {
    const byFile = new Map<string, TextEdit[]>();
    for (const e of edits) {
      const range = toRange(model, e.file, e.span);
      if (!range) continue;
      if (!byFile.has(e.file)) byFile.set(e.file, []);
      byFile.get(e.file)!.push({ range, newText: e.newText });
    }
    const documentChanges: TextDocumentEdit[] = [];
    for (const [file, list] of byFile) {
      const uri = session.uriFor(folder, file);
      documentChanges.push({ textDocument: { uri, version: documents.get(uri)?.version ?? null }, edits: list });
    }
    return { documentChanges };
  }

  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[] | null> => {
    try {
      const at = await pageAt(params.textDocument.uri, 'symbols');
      // The built-in Markdown support already outlines `.md` pages.
      if (!at || at.complementOnly) return null;
      const conv = (s: OutlineSymbol): DocumentSymbol => ({
        name: s.name,
        detail: `H${s.depth}`,
        kind: SymbolKind.String,
        range: spanToRange(at.page.lineStarts, at.page.length, s.span),
        selectionRange: spanToRange(at.page.lineStarts, at.page.length, s.selectionSpan),
        children: s.children.map(conv),
      });
      return outline(at.page).map(conv);
    } catch (e) {
      fail('documentSymbol', e);
      return null;
    }
  });

  connection.onWorkspaceSymbol(async (params): Promise<WorkspaceSymbol[]> => {
    try {
      if (settings.symbols === 'off') return [];
      const out: WorkspaceSymbol[] = [];
      for (const folder of session.folders) {
        await folder.ready;
        const model = folder.project.model();
        for (const s of workspaceSymbols(model, params.query)) {
          const range = toRange(model, s.file, s.span);
          if (!range) continue;
          out.push({ name: s.name, kind: s.kind === 'page' ? SymbolKind.File : SymbolKind.String, containerName: s.container, location: { uri: session.uriFor(folder, s.file), range } });
        }
      }
      return out;
    } catch (e) {
      fail('workspaceSymbol', e);
      return [];
    }
  });

  return {
    configure(s: unknown) {
      settings = navigationSettingsFrom(s);
    },
  };
}
