// Reads the exports named by `searchConsole` in pillarlink.json through the Workspace.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Config } from '../config';
import { computeLineStarts, spanToRange, stripBom } from '../positions';
import type { Range } from '../types';
import type { Workspace } from '../workspace';
import type { SearchConsoleInput } from './index';
import { importPagesCsv, importQueriesCsv, type CsvProblem, type PageRow, type QueryRow } from './import';

/** Problems shown per file; the rest are summed up in the last one. */
const MAX_PROBLEMS = 5;

function keyRange(configText: string | undefined, key: 'pages' | 'queries'): Range {
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (configText === undefined) return zero;
  const tree = parseTree(configText, [], { allowTrailingComma: true, disallowComments: false });
  const node = tree && findNodeAtLocation(tree, ['searchConsole', key]);
  if (!node) return zero;
  return spanToRange(computeLineStarts(configText), configText.length, { start: node.offset, end: node.offset + node.length });
}

function toRange(p: CsvProblem): Range {
  return { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + p.length } };
}

/** The paths of the configured exports, for file watching. */
export function searchConsoleFiles(config: Config): string[] {
  return [config.searchConsole.pages, config.searchConsole.queries].filter((p): p is string => p !== undefined);
}

/**
 * Reads and parses the configured exports. A missing file is reported on its key in the config
 * file; malformed rows are reported where they are written, and the readable rows are kept.
 */
export async function loadSearchConsole(workspace: Workspace, config: Config, configFile: string, configText: string | undefined): Promise<SearchConsoleInput | undefined> {
  const { pages, queries } = config.searchConsole;
  if (pages === undefined && queries === undefined) return undefined;
  const input: SearchConsoleInput = { problems: [] };
  for (const [key, path] of [['pages', pages], ['queries', queries]] as const) {
    if (path === undefined) continue;
    const raw = await workspace.readFile(path);
    if (raw === undefined) {
      input.problems.push({ file: configFile, range: keyRange(configText, key), message: `searchConsole.${key}: cannot read "${path}" in the workspace folder; Search Console data is not used for it.` });
      continue;
    }
    const text = stripBom(raw);
    const imported = key === 'pages' ? importPagesCsv(text) : importQueriesCsv(text);
    const shown = imported.problems.slice(0, MAX_PROBLEMS);
    shown.forEach((p, i) => {
      const more = i === shown.length - 1 && imported.problems.length > shown.length ? ` (${imported.problems.length - shown.length} more problems in this file)` : '';
      input.problems.push({ file: path, range: toRange(p), message: `${p.message}${imported.rows.length > 0 ? ' The row is skipped.' : ''}${more}` });
    });
    if (imported.rows.length === 0) continue;
    // `key` decided which importer ran, so the rows are of its kind.
    if (key === 'pages') input.pages = { file: path, rows: imported.rows as PageRow[] };
    else input.queries = { file: path, rows: imported.rows as QueryRow[] };
  }
  return input;
}

/** The input without the rows and problems of a deleted export. */
export function dropSearchConsoleFile(input: SearchConsoleInput, path: string): SearchConsoleInput {
  const out: SearchConsoleInput = { problems: input.problems.filter((p) => p.file !== path) };
  if (input.pages && input.pages.file !== path) out.pages = input.pages;
  if (input.queries && input.queries.file !== path) out.queries = input.queries;
  return out;
}
