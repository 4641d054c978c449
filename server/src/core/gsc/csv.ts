// A small RFC 4180 reader that keeps the position of every field, so a bad value can be reported
// where it is written. Search Console exports are comma-separated; spreadsheet re-saves in
// localised Excel use semicolons or tabs, so the delimiter is taken from the header line.
import { stripBom } from '../positions';

export interface CsvField {
  value: string;
  /** Zero-based line and UTF-16 column of the field's first character (BOM removed). */
  line: number;
  character: number;
  /** Length of the field as written (quotes included), for highlighting. */
  length: number;
}

export interface CsvRow { fields: CsvField[]; line: number }

export interface CsvError { message: string; line: number; character: number; length: number }

export interface CsvTable { delimiter: string; rows: CsvRow[]; error?: CsvError }

/** The delimiter that splits the header line (outside quotes) most often: comma, semicolon or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses CSV text. Quoted fields may hold delimiters, doubled quotes and line breaks. Blank lines
 * are skipped. An unterminated quote or a stray quote inside an unquoted field stops the reading
 * with a positioned error; the rows before it are kept.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(stripBom(input))): CsvTable {
  const text = stripBom(input);
  const rows: CsvRow[] = [];
  let line = 0;
  let col = 0;
  let i = 0;
  let row: CsvField[] = [];
  let rowLine = 0;
  const n = text.length;
  const endRow = () => {
    if (!(row.length === 1 && row[0]!.value === '' && row[0]!.length === 0)) rows.push({ fields: row, line: rowLine });
    row = [];
  };
  while (i <= n) {
    if (row.length === 0) rowLine = line;
    const startLine = line, startCol = col, startI = i;
    let value = '';
    if (text[i] === '"') {
      i++; col++;
      for (;;) {
        if (i >= n) return { delimiter, rows, error: { message: 'A quoted field is never closed: a `"` is missing.', line: startLine, character: startCol, length: 1 } };
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') { value += '"'; i += 2; col += 2; continue; }
          i++; col++;
          break;
        }
        if (c === '\r' || c === '\n') {
          if (c === '\r' && text[i + 1] === '\n') i++;
          value += '\n';
          i++; line++; col = 0;
          continue;
        }
        value += c; i++; col++;
      }
      const next = text[i];
      if (i < n && next !== delimiter && next !== '\n' && next !== '\r') {
        return { delimiter, rows, error: { message: `Unexpected text after a closing quote; a field that holds quotes must double them ("").`, line, character: col, length: 1 } };
      }
    } else {
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') return { delimiter, rows, error: { message: 'A `"` inside an unquoted field; quote the whole field and double the inner quotes.', line, character: col, length: 1 } };
        value += text[i]; i++; col++;
      }
    }
    const length = startLine === line ? i - startI : value.length + 2;
    row.push({ value, line: startLine, character: startCol, length });
    if (i >= n) { endRow(); break; }
    const c = text[i]!;
    if (c === delimiter) { i++; col++; continue; }
    // A line break ends the row.
    if (c === '\r' && text[i + 1] === '\n') i++;
    i++; line++; col = 0;
    endRow();
    if (i >= n) break;
  }
  return { delimiter, rows };
}
