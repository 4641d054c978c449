// Code actions and the `pillarlink.linkToTarget` command: the LSP side of core/fixes. Fixes are
// computed from the current text of the documents; edits carry the version they were computed on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type CreateFile,
  type Diagnostic,
  type ExecuteCommandParams,
  type TextDocumentEdit,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, fixesForFinding, linkToTarget, refactorings, removeLinkAt, targetOf, type Fix, type FixContext } from '../core/fixes';
import { linkInsertions } from '../core/fixes/linkInsertion';
import type { SiteModel } from '../core/model';
import { formatDelta, scoreState, strongSources, whatIfAddLink } from '../core/score';
import { computeLineStarts, rangesOverlap, spanToRange, stripBom } from '../core/positions';
import type { Finding } from '../core/types';
import { decodeText } from '../node/fsWorkspace';
import { toDiagnostic, type Folder, type Session } from './session';

export const LINK_TO_TARGET_COMMAND = 'pillarlink.linkToTarget';
const FIX_ALL_KIND = 'source.fixAll.pillarlink';
const CONFIRM = 'pillarlink.otherFile';

export const codeActionCapabilities = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: false },
  executeCommandProvider: { commands: [LINK_TO_TARGET_COMMAND] },
};

export interface LinkToTargetArgs { uri: string; version?: number }

/** The current text of a page: the open document, else the disk (BOM removed, as the parser sees it). */
function textReader(session: Session, folder: Folder): FixContext['textOf'] {
  return (file) => {
    const doc = session.documents.get(session.uriFor(folder, file));
    if (doc) return doc.getText();
    const open = folder.project.openText(file);
    if (open !== undefined) return stripBom(open);
    const abs = path.join(folder.root, file);
    if (path.relative(folder.root, abs).startsWith('..')) return undefined;
    try {
      // Decoded as the analysis decodes it (UTF-16 with a BOM, else UTF-8), so offsets agree.
      return stripBom(decodeText(fs.readFileSync(abs)));
    } catch {
      return undefined;
    }
  };
}

/** Turns a fix into a versioned WorkspaceEdit; edits of other files are annotated for confirmation. */
export function toWorkspaceEdit(session: Session, folder: Folder, fix: Fix, textOf: FixContext['textOf']): WorkspaceEdit | undefined {
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  const confirm = fix.needsConfirmation === true;
  for (const c of fix.creates ?? []) {
    const uri = session.uriFor(folder, c.file);
    changes.push({ kind: 'create', uri, options: { ignoreIfExists: true }, ...(confirm ? { annotationId: CONFIRM } : {}) });
    changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] });
  }
  const files = [...new Set(fix.edits.map((e) => e.file))];
  for (const file of files) {
    const text = textOf(file);
    if (text === undefined) return undefined;
    const starts = computeLineStarts(text);
    const uri = session.uriFor(folder, file);
    const doc = session.documents.get(uri);
    const edits = fix.edits.filter((e) => e.file === file).map((e) => ({
      range: spanToRange(starts, text.length, e.span),
      newText: e.newText,
      ...(confirm ? { annotationId: CONFIRM } : {}),
    }));
    changes.push({ textDocument: { uri, version: doc ? doc.version : null }, edits });
  }
  if (changes.length === 0) return undefined;
  const edit: WorkspaceEdit = { documentChanges: changes };
  if (confirm) edit.changeAnnotations = { [CONFIRM]: { label: 'Edit another page', description: fix.title, needsConfirmation: true } };
  return edit;
}

/** Warm-started iterations per estimate: within a fraction of a point (docs/link-score.md). */
const GAIN_ITERATIONS = 30;
const gains = new WeakMap<SiteModel, Map<string, number | undefined>>();

/**
 * Link score points `to` would gain from a content link from `from`. One what-if per (model, pair),
 * on the model's cached score state: every anchor of a page gives the same link.
 */
export function linkGain(model: SiteModel, from: string, to: string): number | undefined {
  let byPair = gains.get(model);
  if (!byPair) gains.set(model, (byPair = new Map()));
  const key = `${from}\0${to}`;
  if (!byPair.has(key)) byPair.set(key, whatIfAddLink(scoreState(model), from, to, { maxIterations: GAIN_ITERATIONS })?.delta);
  return byPair.get(key);
}

const gainSuffix = (gain: number | undefined) => (gain === undefined ? '' : ` \u00b7 ${formatDelta(gain)} link score`);

/** How many "Add a link from" actions a target page gets. */
const SOURCE_ACTIONS = 3;
/** Sources looked at to find that many with a place for the link. */
const SOURCE_CANDIDATES = 10;
const sourceFixes = new WeakMap<SiteModel, Map<string, Fix[]>>();

/**
 * On a target page: links to add from the strongest pages that do not link to it from their prose
 * yet (core/score strongSources), each inserted in the SOURCE page by the link insertion engine.
 */
export function strongSourceFixes(ctx: FixContext, target: string): Fix[] {
  const { model } = ctx;
  let byTarget = sourceFixes.get(model);
  if (!byTarget) sourceFixes.set(model, (byTarget = new Map()));
  const cached = byTarget.get(target);
  if (cached) return cached;
  const out: Fix[] = [];
  for (const s of strongSources(model, target, undefined, { limit: SOURCE_CANDIDATES, withGain: false })) {
    if (out.length >= SOURCE_ACTIONS) break;
    const text = ctx.textOf(s.file);
    if (text === undefined) continue;
    const r = linkInsertions(model, s.file, text, target, 1);
    const edit = r.candidates[0]?.edit ?? r.fallback?.edit;
    if (!edit) continue;
    const gain = linkGain(model, s.file, target);
    const title = `Add a link from "${model.titleOf(s.file)}" (strength ${s.strength.toFixed(2)}${gain === undefined ? '' : `, ${formatDelta(gain)} link score`})`;
    out.push({ title, kind: 'refactor.rewrite', rule: null, edits: [edit], safe: false, needsConfirmation: true });
  }
  byTarget.set(target, out);
  return out;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function sameDiagnostic(d: Diagnostic, f: Finding): boolean {
  const r = d.range;
  return d.code === f.rule && r.start.line === f.range.start.line && r.start.character === f.range.start.character && r.end.line === f.range.end.line && r.end.character === f.range.end.character;
}

export function registerCodeActions(connection: Connection, session: Session, documents: TextDocuments<TextDocument>): void {
  /** The folder, file and fix context of an open document whose analysis matches its text. */
  const contextOf = async (uri: string) => {
    const f = session.fileOf(uri);
    const doc = documents.get(uri);
    if (!f || !doc) return undefined;
    await f.folder.ready;
    const project = f.folder.project;
    // The analysis must be of this very text; otherwise offsets would land in the wrong place.
    if (!project.pages.has(f.file)) return undefined;
    if (project.openText(f.file) !== doc.getText()) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document is not analysed in its current version.');
    const ctx: FixContext = { model: project.model(), textOf: textReader(session, f.folder) };
    return { ...f, doc, ctx, version: doc.version };
  };

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    try {
      const c = await contextOf(params.textDocument.uri);
      if (!c) return [];
      const only = params.context.only;
      const findings = c.folder.project.findingsOf(c.file);
      const actions: CodeAction[] = [];
      const add = (fix: Fix, diagnostics: Diagnostic[]) => {
        // The document may have changed while the analysis ran.
        if (documents.get(params.textDocument.uri)?.version !== c.version) return;
        const edit = toWorkspaceEdit(session, c.folder, fix, c.ctx.textOf);
        if (!edit) return;
        const kind = fix.kind === 'quickfix' ? CodeActionKind.QuickFix : fix.kind === 'refactor.rewrite' ? CodeActionKind.RefactorRewrite : FIX_ALL_KIND;
        // Link insertions up to the target say what the link would do for it.
        const target = fix.title.startsWith('Link "') ? targetOf(c.ctx, c.file) : undefined;
        const title = target ? `${fix.title}${gainSuffix(linkGain(c.ctx.model, c.file, target))}` : fix.title;
        actions.push({ title, kind, edit, ...(diagnostics.length > 0 ? { diagnostics } : {}), ...(fix.preferred ? { isPreferred: true } : {}) });
      };
      if (wants(only, CodeActionKind.QuickFix)) {
        for (const f of findings) {
          if (!rangesOverlap(f.range, params.range)) continue;
          const sent = params.context.diagnostics.filter((d) => sameDiagnostic(d, f));
          const diagnostics = sent.length > 0 ? sent : [toDiagnostic(f)];
          for (const fix of fixesForFinding(c.ctx, c.file, { rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) })) add(fix, diagnostics);
        }
        // too-many-links sits on the heading; the links to cut are wherever the cursor is.
        const tooMany = findings.find((f) => f.rule === 'too-many-links');
        if (tooMany && !actions.some((a) => a.title === 'Remove link, keep text')) {
          const sent = params.context.diagnostics.filter((d) => sameDiagnostic(d, tooMany));
          for (const fix of removeLinkAt(c.ctx, c.file, params.range)) add({ ...fix, preferred: false }, sent.length > 0 ? sent : [toDiagnostic(tooMany)]);
        }
      }
      // Asked for explicitly (or in the body without a quick fix that already does it).
      if (wants(only, CodeActionKind.RefactorRewrite) && !actions.some((a) => a.diagnostics?.some((d) => d.code === 'missing-target-link' || d.code === 'target-link-in-boilerplate-only'))) {
        for (const fix of refactorings(c.ctx, c.file, params.range)) add({ ...fix, preferred: false }, []);
      }
      if (wants(only, CodeActionKind.RefactorRewrite) && c.ctx.model.clusterOf(c.file)?.isTarget) {
        for (const fix of strongSourceFixes(c.ctx, c.file)) add(fix, []);
      }
      if (only && wants(only, FIX_ALL_KIND)) {
        const all = fixAll(c.ctx, c.file, findings.map((f) => ({ rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) })));
        if (all) add(all.fix, []);
      }
      // Typing went on while the actions were computed: say so rather than offer edits for old text.
      if (documents.get(params.textDocument.uri)?.version !== c.version) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while code actions were computed.');
      return actions;
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      session.error(`codeAction failed: ${e instanceof Error ? e.stack : String(e)}`);
      return [];
    }
  });

  connection.onExecuteCommand(async (params: ExecuteCommandParams) => {
    if (params.command !== LINK_TO_TARGET_COMMAND) return undefined;
    const args = (params.arguments?.[0] ?? {}) as LinkToTargetArgs;
    if (typeof args.uri !== 'string') throw new ResponseError(-32602, `${LINK_TO_TARGET_COMMAND} expects { uri, version }`);
    const doc = documents.get(args.uri);
    if (doc && typeof args.version === 'number' && doc.version !== args.version) {
      throw new ResponseError(LSPErrorCodes.ContentModified, `The document changed (version ${doc.version}, the command was for version ${args.version}).`);
    }
    const c = await contextOf(args.uri);
    if (!c) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document is not analysed in its current version.');
    const fix = linkToTarget(c.ctx, c.file);
    if (!fix) return { applied: false, reason: 'This page has no cluster target to link to, or already links to it.' };
    const edit = toWorkspaceEdit(session, c.folder, fix, c.ctx.textOf);
    if (!edit) return { applied: false, reason: 'The edit could not be built.' };
    const r = await connection.workspace.applyEdit({ label: fix.title, edit });
    if (r?.applied !== true) {
      // The client refused the edit (usually: the document changed meanwhile); say so, never silently.
      const why = r?.failureReason ?? 'the editor did not apply it';
      session.log(`${fix.title}: not applied (${why}).`);
      void connection.window.showWarningMessage(`Pillarlink: "${fix.title}" was not applied: ${why}.`);
    }
    return { applied: r?.applied === true, title: fix.title };
  });
}
