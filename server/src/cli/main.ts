import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Project, type ProjectOptions } from '../core/project';
import { explainResolution } from '../core/routing/resolver';
import { pageStats, type PageStats } from '../core/score/stats';
import type { Finding } from '../core/types';
import { NodeWorkspace } from '../node/fsWorkspace';
import { clustersJson, clustersText, SEVERITY_ORDER, writeCheckJson, writeCheckText } from './format';
import { CHECK_FORMATS, checkExitCode, checkView, FAIL_ON, type CheckFormat } from './view';
import { VERSION } from '../version';
import { findRule } from '../core/rules';
import { runFix } from './fix';
import { streamJson } from './streamJson';
import { toSarif } from './sarif';
import { githubOutput } from './github';
import { csvOutput } from './csv';
import { runDiff } from './diff';
import { runReport } from './report';
import { RULES } from '../core/rules';
import { GitError } from '../node/gitWorkspace';
import { NodeFactsCache, NodeResultsCache } from '../node/cache';
import { createParseMany, defaultWorkerCount } from '../node/workers';
import { writeWarmRecord } from '../node/warmCheck';

const USAGE = `Usage: pillarlink <command> [root] [options]

Commands:
  check [root]      Analyse the site and report findings
      --config FILE         use this config instead of <root>/pillarlink.json
      --format text|json|sarif|github|csv   output format (default text)
      --fail-on error|warning|never   exit 1 when a finding at or above this severity exists (default error)
  clusters [root]   Print the clusters: target, members with role, link-up status
      --format text|json    --suggest (list inferred clusters)
  fix [root]        Apply the safe fixes (the editor's code actions) and print a diff
      --rule ID             only fix findings of this rule (repeatable)
      --dry-run             print the diff, write nothing
      --format text|json    unified diff, or the edits as JSON
  diff <base-ref> [root]  Compare the link graph at a git ref with the working tree
      --format text|json|markdown   (markdown: for a pull-request comment)
      --fail-on error|warning|never exit 1 when a NEW finding at or above this severity exists (default error)
  report [root]     Write a self-contained HTML report (clusters pictured, orphans, findings)
      --out FILE            where to write it (default: print to stdout)
  explain <url-or-path> [root] --from FILE
                    Show how a link destination resolves

Options (every command that reads the site):
  --cache-dir DIR         keep parsed page facts in DIR; later runs re-parse only changed pages
  --workers N             parse with N worker threads (default: cores - 1, at most 4; 0: none)
Options: --help, --version
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or configuration error.`;

class UsageError extends Error {}

/** What the project logged while reading its inputs, when someone collects it (check's warm record). */
let notes: string[] | undefined;

/** How pages are loaded: set from --cache-dir and --workers for the command being run. */
let loading: { cacheDir?: string | undefined; workers: number } = { workers: 0 };

/**
 * Reads and parses the project at `root`. `wantsParse`, called once every input has been read,
 * may decline the parse (a results cache holds the answer for exactly these inputs): the project
 * is then returned read but not parsed.
 */
async function loadProject(root: string, configPath: string | undefined, overrides: ProjectOptions = {}, wantsParse?: (project: Project) => Promise<boolean>): Promise<Project> {
  const abs = path.resolve(root);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UsageError(`Not a folder: ${root}`);
  let configText: string | undefined;
  if (configPath !== undefined) {
    try {
      configText = fs.readFileSync(path.resolve(configPath), 'utf8');
    } catch (e) {
      throw new UsageError(`Cannot read the config file ${configPath}: ${(e as Error).message}`);
    }
  }
  // Findings about a --config file name that file (relative to the root), not <root>/pillarlink.json.
  const configFile = configPath !== undefined ? path.relative(abs, path.resolve(configPath)).split(path.sep).join('/') : undefined;
  const log = (m: string) => { notes?.push(m); process.stderr.write(`pillarlink: ${m}\n`); };
  const pool = createParseMany(loading.workers);
  const project = new Project(new NodeWorkspace(abs), {
    // One analysis per run: nothing is derived from the first model.
    incremental: false,
    ...overrides,
    ...(configText !== undefined ? { configText, configFile } : {}),
    log,
    ...(loading.cacheDir !== undefined ? { factsCache: NodeFactsCache.forFolder(path.resolve(loading.cacheDir), abs, log) } : {}),
    ...(pool ? { parseMany: pool.parseMany } : {}),
  });
  try {
    await project.readInputs();
    if (project.configUnreadable) {
      const p = project.analyze().findings.find((f) => f.rule === 'config-error');
      throw new UsageError(`${configPath ?? project.configFile}:${(p?.range.start.line ?? 0) + 1}:${(p?.range.start.character ?? 0) + 1}: ${p?.message ?? 'invalid configuration'}`);
    }
    if (!wantsParse || (await wantsParse(project))) await project.load();
  } finally {
    await pool?.close();
  }
  return project;
}

/** What `check` reports, in every format: stored whole by the results cache. */
interface CheckResult { root: string; pages: number; clusters: ReturnType<typeof clustersJson>; findings: Finding[]; pageStats: PageStats[] }

/** The output of `check` in one format, as written: stored by the results cache for an unchanged workspace. */
interface CheckOutput { chunks: string[]; worst: number }

/** Rendered outputs larger than this are not stored (the structured result still is). */
const MAX_STORED_OUTPUT = 64 * 1024 * 1024;

/**
 * The analysis for `check`: from the results cache when `--cache-dir` holds one for exactly these
 * inputs, else computed (and stored). An output printed for the same inputs and `view` (the format
 * and what else the printed text depends on) is returned as stored, without decoding the structured
 * result; otherwise `storeOutput` (with a cache) keeps what is printed from the result.
 */
async function checkResult(root: string, configPath: string | undefined, view: string): Promise<({ output: CheckOutput } | { result: CheckResult; storeOutput?: (o: CheckOutput) => Promise<void> }) & { remember?: () => Promise<void> }> {
  const log = (m: string) => process.stderr.write(`pillarlink: ${m}\n`);
  const cacheDir = loading.cacheDir !== undefined ? path.resolve(loading.cacheDir) : undefined;
  const results = cacheDir !== undefined ? NodeResultsCache.forFolder<CheckResult>(cacheDir, path.resolve(root), 'check', log) : undefined;
  const outputs = cacheDir !== undefined ? NodeResultsCache.forFolder<CheckOutput>(cacheDir, path.resolve(root), 'rendered', log) : undefined;
  let key = '';
  let cached: CheckResult | undefined;
  let output: CheckOutput | undefined;
  let files: ReturnType<Project['inputFiles']>;
  let logged: string[] = [];
  const startedAt = Date.now();
  notes = [];
  // No output format prints a finding's `data`: the analysis need not keep it.
  const project = await loadProject(root, configPath, { findingData: false }, results && (async (p) => {
    key = NodeResultsCache.keyOf(p.inputParts());
    files = p.inputFiles();
    // What reading these inputs said (a page over the size cap): a warm start says it again.
    logged = notes ?? [];
    notes = undefined;
    output = await outputs?.get(`${key}\n${view}`);
    if (output) return false;
    cached = await results.get(key);
    return cached === undefined;
  }));
  // After printing: what the inputs were on disk, for the next run's warm start (out/cli.js); not with
  // --config, whose file may lie anywhere.
  notes = undefined;
  const ws = project.workspace;
  const remember = cacheDir !== undefined && configPath === undefined
    ? () => writeWarmRecord(cacheDir, path.resolve(root), { key, startedAt, walk: ws instanceof NodeWorkspace ? ws.walk : undefined, files, notes: logged }, __dirname)
    : undefined;
  const warm = remember ? { remember } : {};
  if (output) return { output, ...warm };
  const storeOutput = outputs && ((o: CheckOutput) => outputs.set(`${key}\n${view}`, o));
  if (cached) return { result: cached, ...(storeOutput ? { storeOutput } : {}), ...warm };
  const { findings } = project.analyze();
  const model = project.model();
  // Without `data` (the payload code actions use): no output format prints it.
  const printed = findings.map((f) => (f.data === undefined ? f : { rule: f.rule, severity: f.severity, file: f.file, range: f.range, message: f.message }));
  const result: CheckResult = { root: project.workspace.root, pages: project.pages.size, clusters: clustersJson(model.clusters), findings: printed, pageStats: pageStats(model) };
  if (results) await results.set(key, result);
  return { result, ...(storeOutput ? { storeOutput } : {}), ...warm };
}

/** Writes `check`'s output in `format`, from the results cache when it holds it; returns the worst severity found (-1: none). */
async function runCheck(root: string, configPath: string | undefined, format: CheckFormat, out: (s: string) => void): Promise<number> {
  // What the printed text depends on besides the inputs: the format, and for annotations the working directory.
  const checked = await checkResult(root, configPath, checkView(format));
  if ('output' in checked) {
    for (const c of checked.output.chunks) out(c);
    await checked.remember?.();
    return checked.output.worst;
  }
  const { result: got, storeOutput } = checked;
  const { pages, clusters, findings, pageStats: stats } = got;
  // Kept for the results cache only (the JSON of a large site is tens of MB).
  const keep = storeOutput !== undefined;
  const chunks: string[] = [];
  let size = 0;
  const write = (s: string) => {
    out(s);
    size += s.length;
    if (keep && size <= MAX_STORED_OUTPUT) chunks.push(s);
  };
  if (format === 'json') writeCheckJson(got.root, pages, clusters, findings, stats, write);
  else if (format === 'sarif') streamJson(toSarif(findings, RULES, { root: got.root, version: VERSION }), write);
  // Annotation paths are relative to the working directory, which is the repository root in Actions.
  else if (format === 'github') write(`${githubOutput(findings, pages, githubPrefix(got.root))}\n`);
  else if (format === 'csv') write(csvOutput(findings));
  else writeCheckText(pages, findings, write);
  const worst = findings.reduce((w, f) => Math.max(w, SEVERITY_ORDER[f.severity]), -1);
  if (storeOutput && size <= MAX_STORED_OUTPUT) await storeOutput({ chunks, worst });
  await checked.remember?.();
  return worst;
}

/** The root's path from the working directory, with a trailing slash ('' when they are the same). */
function githubPrefix(root: string): string {
  const rel = path.relative(process.cwd(), root).split(path.sep).join('/');
  return rel === '' || rel.startsWith('..') ? '' : `${rel}/`;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        suggest: { type: 'boolean' },
        from: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        out: { type: 'string' },
        'cache-dir': { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    process.stderr.write(`pillarlink: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) { out(`${VERSION}\n`); return 0; }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') { out(`${USAGE}\n`); return command === undefined && !values.help ? 2 : 0; }
  try {
    const workers = values.workers === undefined ? defaultWorkerCount() : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0) throw new UsageError(`--workers must be a whole number of threads, 0 or more (got "${values.workers}")`);
    loading = { cacheDir: values['cache-dir'], workers };
    switch (command) {
      case 'check': {
        if (rest.length > 1) throw new UsageError('check takes at most one root folder');
        const format = oneOf('format', values.format, CHECK_FORMATS, 'text');
        const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
        return checkExitCode(await runCheck(rest[0] ?? '.', values.config, format, out), failOn);
      }
      case 'clusters': {
        const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
        const project = await loadProject(rest[0] ?? '.', values.config, values.suggest ? { overrides: { infer: 'directory' } } : {});
        // --suggest infers clusters even where the config switched inference off.
        if (values.suggest && project.config.infer === 'off') project.config.infer = 'directory';
        const model = project.model();
        const clusters = values.suggest ? model.clusters.filter((c) => c.inferred) : model.clusters.filter((c) => !c.inferred || project.config.infer !== 'off');
        if (format === 'json') out(`${JSON.stringify({ version: 1, root: project.workspace.root, clusters: clustersJson(clusters) }, null, 2)}\n`);
        else out(`${clustersText(clusters, (f) => model.titleOf(f))}\n`);
        return 0;
      }
      case 'fix': {
        if (rest.length > 1) throw new UsageError('fix takes at most one root folder');
        const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
        const project = await loadProject(rest[0] ?? '.', values.config);
        const rules = values.rule ?? [];
        const unknown = rules.filter((r) => !findRule(r));
        if (unknown.length > 0) throw new UsageError(`Unknown rule ${unknown.map((r) => `"${r}"`).join(', ')}`);
        return await runFix(project, { rules, dryRun: values['dry-run'] ?? false, format }, out);
      }
      case 'diff': {
        const [ref, root] = rest;
        if (ref === undefined) throw new UsageError('diff needs a base git ref (a commit, branch or tag), e.g. `pillarlink diff origin/main`');
        if (rest.length > 2) throw new UsageError('diff takes a base ref and at most one root folder');
        const format = oneOf('format', values.format, ['text', 'json', 'markdown'] as const, 'text');
        const failOn = oneOf('fail-on', values['fail-on'], ['error', 'warning', 'never'] as const, 'error');
        const project = await loadProject(root ?? '.', values.config);
        const configText = values.config !== undefined ? fs.readFileSync(path.resolve(values.config), 'utf8') : undefined;
        try {
          return await runDiff(project, ref, { format, failOn, ...(configText !== undefined ? { configText, configFile: project.configFile } : {}) }, out);
        } catch (e) {
          if (e instanceof GitError) throw new UsageError(e.message);
          throw e;
        }
      }
      case 'report': {
        if (rest.length > 1) throw new UsageError('report takes at most one root folder');
        const project = await loadProject(rest[0] ?? '.', values.config);
        return runReport(project, values.out, out);
      }
      case 'explain': {
        const [url, root] = rest;
        if (url === undefined) throw new UsageError('explain needs a URL or path');
        const project = await loadProject(root ?? '.', values.config);
        const from = values.from ?? '';
        if (values.from !== undefined && !project.pages.has(from)) throw new UsageError(`--from ${from} is not an indexed page`);
        const model = project.model();
        const res = model.resolver.resolve(from, url);
        out(`${url}${from ? ` (from ${from})` : ''}\n  profile: ${model.resolver.profile.name}${project.routing ? ` (${project.routing.reason})` : ''}\n  ${explainResolution(res)}\n`);
        return res.kind === 'broken' || res.kind === 'outside' ? 1 : 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`pillarlink: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Runs the command line `argv` as the `pillarlink` binary does: its exit code becomes the process's. */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => { process.exitCode = code; },
    (e) => { process.stderr.write(`pillarlink: internal error: ${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 2; },
  );
}

if (require.main === module) runCli(process.argv.slice(2));
