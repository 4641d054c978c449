import type { Cluster } from '../clusters';
import type { SiteModel } from '../model';
import type { Range, Severity, Span } from '../types';

export type RuleCategory = 'links' | 'clusters' | 'anchors' | 'structure' | 'syntax';

/**
 * What a rule's findings depend on, so an edit re-runs only what it can change (core/analyze.ts):
 * - `page`: the findings on a page depend on that page, its links and what they resolve to, the pages
 *   it links to and the links into it. The rule checks `ctx.files` and reports only on them.
 * - `cluster`: findings depend on one cluster's members and their links. The rule checks `ctx.clusters`.
 * - `site`: findings depend on the whole site (click depth, link score, site-wide anchor and topic
 *   statistics). The rule checks everything and runs after the page and cluster rules.
 */
export type RuleScope = 'page' | 'cluster' | 'site';

export interface RuleOption {
  type: 'number' | 'string' | 'boolean' | 'string[]';
  default: number | string | boolean | string[];
  description: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  category: RuleCategory;
  scope: RuleScope;
  options: Record<string, RuleOption>;
  /** Code actions exist for this rule's findings. */
  fixable: boolean;
}

export interface ReportInput {
  file: string;
  /** An offset span in the page, or a range (for files that are not pages, like pillarlink.json). */
  span?: Span;
  range?: Range;
  message: string;
  data?: Record<string, unknown>;
}

export interface RuleContext<O = Record<string, unknown>> {
  readonly model: SiteModel;
  readonly options: O;
  /** The pages a `page` rule checks: every page in a full run, the pages an edit can affect otherwise. */
  readonly files: readonly string[];
  /** The clusters a `cluster` rule checks. */
  readonly clusters: readonly Cluster[];
  report(input: ReportInput): void;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  /**
   * Reports the findings. A rule that walks the whole site may be a generator that yields now and
   * then (every few hundred items): the language server then runs it in slices between edits.
   */
  check(ctx: RuleContext<O>): void | Iterable<void>;
}

/** About how many items a site rule walks between pauses (`yield`) when it is a generator. */
export const PAUSE_EVERY = 2000;

export function defineRule<O>(rule: Rule<O>): Rule<O> {
  return rule;
}
