import { ruleOptions, ruleSeverity } from './config';
import type { SiteModel } from './model';
import { isSuppressed } from './parse/suppressions';
import { RULES } from './rules';
import type { ReportInput, Rule } from './rules/types';
import { spanToRange } from './positions';
import type { Finding, Range } from './types';

export interface AnalysisResult {
  findings: Finding[];
  /** Rules that threw; the analysis went on without them. */
  failures: { rule: string; error: string }[];
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function pageDisabled(model: SiteModel, file: string): string[] {
  const p = model.pages.get(file)?.frontmatter?.pillarlink;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
  const d = (p as Record<string, unknown>).disable;
  if (d === true) return ['*'];
  if (typeof d === 'string') return [d];
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

/** Runs every enabled rule over the model. Never throws. */
export function analyze(model: SiteModel, rules: readonly Rule<never>[] = RULES): AnalysisResult {
  const findings: Finding[] = [];
  const failures: AnalysisResult['failures'] = [];
  const disabledCache = new Map<string, string[]>();
  for (const rule of rules) {
    const id = rule.meta.id;
    const severity = ruleSeverity(model.config, id, rule.meta.defaultSeverity);
    if (severity === 'off') continue;
    const options: Record<string, unknown> = {};
    for (const [k, o] of Object.entries(rule.meta.options)) options[k] = o.default;
    Object.assign(options, ruleOptions(model.config, id));
    const report = (input: ReportInput) => {
      const page = model.pages.get(input.file);
      let range = input.range ?? ZERO;
      if (input.span && page) range = spanToRange(page.lineStarts, page.length, input.span);
      if (page) {
        if (isSuppressed(page.suppressions, id, range.start.line)) return;
        let disabled = disabledCache.get(input.file);
        if (!disabled) disabledCache.set(input.file, (disabled = pageDisabled(model, input.file)));
        if (disabled.includes(id) || disabled.includes('*')) return;
      }
      findings.push({ rule: id, severity, file: input.file, range, message: input.message, ...(input.data ? { data: input.data } : {}) });
    };
    try {
      (rule as Rule<Record<string, unknown>>).check({ model, options, report });
    } catch (e) {
      failures.push({ rule: id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule));
  return { findings, failures };
}
