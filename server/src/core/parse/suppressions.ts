import { positionAt } from '../positions';
import type { SuppressionFact } from '../types';

// `<!-- pillarlink-disable-next-line rule-a, rule-b -->` and the MDX form `{/* ... */}`.
const DIRECTIVE = /(?:<!--|\{\/\*)\s*pillarlink-(disable-next-line|disable|enable)\b([^*>]*?)\s*(?:-->|\*\/\})/g;

export function scanSuppressions(text: string, lineStarts: readonly number[]): SuppressionFact[] {
  if (!text.includes('pillarlink-')) return [];
  const out: SuppressionFact[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const kind = m[1] === 'disable-next-line' ? 'next-line' : (m[1] as 'disable' | 'enable');
    const rules = m[2]!.split(/[\s,]+/).filter((r) => r !== '');
    out.push({ kind, rules, line: positionAt(lineStarts, text.length, m.index).line });
  }
  return out;
}

/** Whether a finding of `rule` on `line` is suppressed by the page's directives. */
export function isSuppressed(suppressions: readonly SuppressionFact[], rule: string, line: number): boolean {
  let disabled = false;
  for (const s of suppressions) {
    if (s.line > line) break;
    const applies = s.rules.length === 0 || s.rules.includes(rule);
    if (!applies) continue;
    if (s.kind === 'disable') disabled = true;
    else if (s.kind === 'enable') disabled = false;
    else if (s.kind === 'next-line' && s.line === line - 1) return true;
  }
  return disabled;
}
