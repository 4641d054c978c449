// Fixes are plain data: text edits by offset span in a file's current text, and files to create.
// The LSP adapter turns them into WorkspaceEdits; the CLI applies them to disk.
import type { SiteModel } from '../model';
import type { Range, Span } from '../types';

export interface FileEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface FileCreate {
  file: string;
  text: string;
}

export type FixKind = 'quickfix' | 'refactor.rewrite' | 'source.fixAll.pillarlink';

export interface Fix {
  title: string;
  kind: FixKind;
  /** The rule whose finding this fixes; null for refactorings. */
  rule: string | null;
  edits: FileEdit[];
  creates?: FileCreate[];
  /** The best fix of its finding (one per finding). */
  preferred?: boolean;
  /** Safe to apply without review (fix-all, CLI default). */
  safe: boolean;
  /** Touches another file than the one asked about: the editor should preview it. */
  needsConfirmation?: boolean;
}

/** A finding as the editor sends it back: rule, range and data are all a fix may rely on. */
export interface FindingRef {
  rule: string;
  range: Range;
  data?: Record<string, unknown>;
}

/** What the fixes read: the model, and the current text of any page. */
export interface FixContext {
  model: SiteModel;
  textOf(file: string): string | undefined;
}
