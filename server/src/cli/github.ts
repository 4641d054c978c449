// `pillarlink check --format github`: GitHub Actions workflow commands, which the runner turns into
// annotations on the pull request's changed lines.
import type { Finding, Severity } from '../core/types';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes a command's message (after `::`): `%`, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as data, plus `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command per finding. Columns are only given for single-line ranges: GitHub ignores
 * them on annotations spanning several lines. `root` prefixes paths so they are relative to the repository.
 */
export function githubAnnotation(f: Finding, prefix = ''): string {
  const line = f.range.start.line + 1;
  const endLine = f.range.end.line + 1;
  const props: [string, string | number][] = [];
  if (f.file !== '') props.push(['file', `${prefix}${f.file}`]);
  props.push(['line', line]);
  if (endLine === line) {
    props.push(['col', f.range.start.character + 1]);
    props.push(['endColumn', Math.max(f.range.start.character + 1, f.range.end.character + 1)]);
  } else {
    props.push(['endLine', endLine]);
  }
  props.push(['title', f.rule]);
  const p = props.map(([k, v]) => `${k}=${typeof v === 'number' ? v : escapeProperty(v)}`).join(',');
  return `::${COMMAND[f.severity]} ${p}::${escapeData(f.message)}`;
}

export function githubOutput(findings: readonly Finding[], pages: number, prefix = ''): string {
  const lines = findings.map((f) => githubAnnotation(f, prefix));
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  lines.push(`pillarlink: ${pages} pages checked: ${count('error')} errors, ${count('warning')} warnings, ${count('information') + count('hint')} notices.`);
  return lines.join('\n');
}
