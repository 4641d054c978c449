// `pillarlink check --format csv`: one row per finding for spreadsheets. RFC 4180 quoting, and cells
// that a spreadsheet would run as a formula are defused with a leading quote (CSV injection).
import type { Finding } from '../core/types';

export const CSV_HEADER = ['rule', 'severity', 'file', 'line', 'column', 'message'] as const;

/** Spreadsheets evaluate cells starting with these as formulas (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/** CRLF line ends, as RFC 4180 specifies; a header row first. */
export function csvOutput(findings: readonly Finding[]): string {
  const rows = [csvRow(CSV_HEADER)];
  for (const f of findings) rows.push(csvRow([f.rule, f.severity, f.file, f.range.start.line + 1, f.range.start.character + 1, f.message]));
  return `${rows.join('\r\n')}\r\n`;
}
