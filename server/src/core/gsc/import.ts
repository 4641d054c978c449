// Search Console CSV import: the "Pages" table as the UI exports it (in any UI language), and a
// page × query table (from the API, Looker Studio or a BigQuery export). Pure: takes file text.
import { parseCsv, type CsvField, type CsvRow } from './csv';
import { parseCount, parseDecimal, parsePercent } from './numbers';

export interface PageRow { url: string; clicks: number; impressions: number; ctr: number | null; position: number | null; line: number }
export interface QueryRow { url: string; query: string; clicks: number; impressions: number; position: number | null; line: number }

/** A problem in an export, zero-based and positioned in the file (BOM removed). */
export interface CsvProblem { message: string; line: number; character: number; length: number }

export interface Imported<R> { rows: R[]; problems: CsvProblem[] }

type Column = 'url' | 'query' | 'clicks' | 'impressions' | 'ctr' | 'position';

/**
 * Header names in the Search Console UI languages (compared lower-cased, without diacritics or
 * punctuation). The URL column is also found by its values, so an unknown language still works.
 */
const HEADERS: Record<Column, string[]> = {
  url: [
    'top pages', 'pages', 'page', 'url', 'urls', 'landing page', 'landing pages', 'address', 'page url',
    'top seiten', 'seiten', 'seite', // de
    'pages les plus populaires', 'pages principales', // fr
    'paginas principales', 'paginas', 'pagina', // es
    'paginas principais', 'paginas mais populares', // pt
    'pagine principali', 'pagine', // it
    'populairste paginas', 'paginas', "populairste pagina's", // nl
    'najpopularniejsze strony', 'strony', // pl
    '上位のページ', 'ページ', // ja
  ],
  query: [
    'query', 'queries', 'top queries', 'search query', 'keyword', 'keywords',
    'suchanfrage', 'suchanfragen', 'haufigste suchanfragen', // de
    'requete', 'requetes', 'requetes les plus frequentes', // fr
    'consulta', 'consultas', 'consultas principales', 'consultas principais', 'consultas mais frequentes', // es, pt
    'query principali', 'query piu frequenti', // it
    'zoekopdracht', 'zoekopdrachten', 'populairste zoekopdrachten', // nl
    'zapytanie', 'najczestsze zapytania', // pl
    '上位のクエリ', 'クエリ', // ja
  ],
  clicks: ['clicks', 'click', 'klicks', 'clics', 'clic', 'cliques', 'klikken', 'klikniecia', 'クリック数'],
  impressions: ['impressions', 'impressionen', 'impresiones', 'impressoes', 'impressioni', 'vertoningen', 'weergaven', 'wyswietlenia', '表示回数'],
  ctr: ['ctr', 'klickrate', 'taux de clics', 'porcentaje de clics', 'taxa de cliques', 'percentuale di clic', 'klikfrequentie', 'クリック率'],
  position: ['position', 'average position', 'avg position', 'posicion', 'posicao', 'posizione', 'positie', 'pozycja', '掲載順位', 'average ranking'],
};

function normalizeHeader(h: string): string {
  return h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[-_.:()]/g, ' ').replace(/\s+/g, ' ').trim();
}

const HEADER_LOOKUP = new Map<string, Column>();
for (const [col, names] of Object.entries(HEADERS) as [Column, string[]][]) {
  for (const n of names) if (!HEADER_LOOKUP.has(normalizeHeader(n))) HEADER_LOOKUP.set(normalizeHeader(n), col);
}

function isUrl(v: string): boolean {
  return /^(https?:\/\/|sc-domain:|\/)\S*$/i.test(v.trim());
}

function isBlank(row: CsvRow): boolean {
  return row.fields.every((f) => f.value.trim() === '');
}

interface Layout { columns: Map<Column, number>; firstData: number }

/**
 * Finds the columns: by header names, then the URL column by its values, then the numeric columns
 * in the order Search Console writes them.
 */
function layoutOf(rows: CsvRow[], wanted: readonly Column[]): Layout | CsvProblem {
  const header = rows[0]!;
  const columns = new Map<Column, number>();
  const headerLooksLikeData = header.fields.some((f) => isUrl(f.value));
  if (!headerLooksLikeData) {
    header.fields.forEach((f, i) => {
      const col = HEADER_LOOKUP.get(normalizeHeader(f.value));
      if (col && !columns.has(col)) columns.set(col, i);
    });
  }
  const firstData = headerLooksLikeData ? 0 : 1;
  const sample = rows.slice(firstData, firstData + 20);
  if (!columns.has('url') && sample.length > 0) {
    const width = Math.max(...sample.map((r) => r.fields.length));
    for (let i = 0; i < width; i++) {
      if ([...columns.values()].includes(i)) continue;
      if (sample.filter((r) => isUrl(r.fields[i]?.value ?? '')).length >= Math.ceil(sample.length / 2)) { columns.set('url', i); break; }
    }
  }
  const order: Column[] = wanted.includes('query') ? ['url', 'query', 'clicks', 'impressions', 'position'] : ['url', 'clicks', 'impressions', 'ctr', 'position'];
  // Unknown headers ("CTR" is the same in most languages, the rest is not): Search Console's own
  // column order after the URL column, where no recognised header claims the place.
  const urlAt = columns.get('url');
  if (urlAt !== undefined) {
    const taken = new Set(columns.values());
    order.slice(1).forEach((c, k) => {
      const at = urlAt + 1 + k;
      if (!columns.has(c) && !taken.has(at) && at < header.fields.length) { columns.set(c, at); taken.add(at); }
    });
  }
  const missing = wanted.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    const names: Record<Column, string> = { url: 'page URL', query: 'query', clicks: 'clicks', impressions: 'impressions', ctr: 'CTR', position: 'position' };
    return {
      message: `No ${missing.map((m) => names[m]).join(' or ')} column in the header (found ${header.fields.map((f) => `"${f.value}"`).join(', ')}); expected a Search Console export like ${wanted.includes('query') ? '"page, query, clicks, impressions, position"' : '"Top pages, Clicks, Impressions, CTR, Position"'}.`,
      line: header.line, character: 0, length: Math.max(1, header.fields.reduce((n, f) => Math.max(n, f.character + f.length), 0)),
    };
  }
  return { columns, firstData };
}

function fieldProblem(f: CsvField | undefined, row: CsvRow, message: string): CsvProblem {
  if (f) return { message, line: f.line, character: f.character, length: Math.max(1, f.length) };
  const last = row.fields[row.fields.length - 1]!;
  return { message, line: row.line, character: last.character + last.length, length: 1 };
}

/** Reads a table; each bad row yields one problem and is skipped, the other rows are kept. */
function importTable<R>(text: string, wanted: readonly Column[], build: (get: (c: Column) => CsvField | undefined, row: CsvRow) => R | CsvProblem): Imported<R> {
  const table = parseCsv(text);
  const problems: CsvProblem[] = [];
  const rows = table.rows.filter((r) => !isBlank(r));
  const out: R[] = [];
  if (rows.length === 0) {
    if (table.error) problems.push(table.error);
    else problems.push({ message: 'The file is empty; expected a header line and one row per page.', line: 0, character: 0, length: 0 });
    return { rows: out, problems };
  }
  const layout = layoutOf(rows, wanted);
  if ('message' in layout) return { rows: out, problems: [layout, ...(table.error ? [table.error] : [])] };
  for (const row of rows.slice(layout.firstData)) {
    const get = (c: Column) => { const i = layout.columns.get(c); return i === undefined ? undefined : row.fields[i]; };
    const r = build(get, row);
    if (isProblem(r)) problems.push(r);
    else out.push(r);
  }
  if (table.error) problems.push(table.error);
  return { rows: out, problems };
}

function readUrl(get: (c: Column) => CsvField | undefined, row: CsvRow): string | CsvProblem {
  const f = get('url');
  const v = f?.value.trim() ?? '';
  return isUrl(v) ? v : fieldProblem(f, row, `"${v}" is not a page URL; expected an absolute URL like https://example.com/page/.`);
}

function readCount(get: (c: Column) => CsvField | undefined, row: CsvRow, c: 'clicks' | 'impressions'): number | CsvProblem {
  const f = get(c);
  const n = f ? parseCount(f.value) : undefined;
  return n ?? fieldProblem(f, row, f ? `${c === 'clicks' ? 'Clicks' : 'Impressions'} "${f.value}" is not a whole number.` : `The row has no ${c} value.`);
}

function readOptional(get: (c: Column) => CsvField | undefined, row: CsvRow, c: 'ctr' | 'position'): number | null | CsvProblem {
  const f = get(c);
  if (!f || f.value.trim() === '') return null;
  const n = c === 'ctr' ? parsePercent(f.value) : parseDecimal(f.value);
  return n ?? fieldProblem(f, row, `${c === 'ctr' ? 'CTR' : 'Position'} "${f.value}" is not a number.`);
}

const isProblem = (v: unknown): v is CsvProblem => !!v && typeof v === 'object' && 'message' in v;

/** The Search Console "Pages" export: Top pages, Clicks, Impressions, CTR, Position. */
export function importPagesCsv(text: string): Imported<PageRow> {
  return importTable<PageRow>(text, ['url', 'clicks', 'impressions'], (get, row) => {
    const url = readUrl(get, row);
    if (isProblem(url)) return url;
    const clicks = readCount(get, row, 'clicks');
    if (isProblem(clicks)) return clicks;
    const impressions = readCount(get, row, 'impressions');
    if (isProblem(impressions)) return impressions;
    const ctr = readOptional(get, row, 'ctr');
    if (isProblem(ctr)) return ctr;
    const position = readOptional(get, row, 'position');
    if (isProblem(position)) return position;
    return { url, clicks, impressions, ctr, position, line: row.line };
  });
}

/** Page × query rows: page, query, clicks, impressions, position. */
export function importQueriesCsv(text: string): Imported<QueryRow> {
  return importTable<QueryRow>(text, ['url', 'query', 'clicks', 'impressions'], (get, row) => {
    const url = readUrl(get, row);
    if (isProblem(url)) return url;
    const q = get('query');
    const query = q?.value.trim() ?? '';
    if (query === '') return fieldProblem(q, row, 'The row has no query.');
    const clicks = readCount(get, row, 'clicks');
    if (isProblem(clicks)) return clicks;
    const impressions = readCount(get, row, 'impressions');
    if (isProblem(impressions)) return impressions;
    const position = readOptional(get, row, 'position');
    if (isProblem(position)) return position;
    return { url, query, clicks, impressions, position, line: row.line };
  });
}
