import type { SiteModel } from '../model';
import type { Range, Severity, Span } from '../types';

export type RuleCategory = 'links' | 'clusters' | 'anchors' | 'structure' | 'syntax';

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
  report(input: ReportInput): void;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  check(ctx: RuleContext<O>): void;
}

export function defineRule<O>(rule: Rule<O>): Rule<O> {
  return rule;
}
