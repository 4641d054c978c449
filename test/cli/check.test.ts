// `pillarlink check` as users run it: the built out/cli.js in a child process.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core/rules';
import { buildBundles } from '../helpers/build';
import { REPO, removeDir, tempWorkspace } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');
const EXAMPLES = path.join(REPO, 'examples');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic { rule: string; severity: string; file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string }
interface JsonReport { version: number; root: string; pages: number; clusters: unknown[]; diagnostics: JsonDiagnostic[] }

const FOUNDATION = ['broken-link', 'broken-fragment', 'orphan-page', 'non-crawlable-link', 'frontmatter-error', 'parse-error', 'config-error'];
// Other rules are developed separately: the fixtures switch them off so the counts below stay exact.
const onlyFoundation = (extra: Record<string, unknown> = {}) => JSON.stringify({
  ...extra,
  rules: Object.fromEntries(RULES.map((r) => r.meta.id).filter((id) => !FOUNDATION.includes(id)).map((id) => [id, 'off'])),
}, null, 2);

const dirs: string[] = [];
let withErrors: string;
let onlyWarnings: string;
let clean: string;

beforeAll(async () => {
  await buildBundles();
  withErrors = tempWorkspace({
    'content/index.md': '# Home\n\nRead [the guide](guides/start.md) and [nothing](/nope/).\n',
    'content/guides/start.md': '# Start\n\nBack [home](/).\n\n[Bad anchor](#missing-heading)\n',
    'content/lonely.md': '# Lonely\n\nNobody links here.\n',
    'pillarlink.json': onlyFoundation({ entryPoints: ['content/index.md'] }),
  });
  onlyWarnings = tempWorkspace({
    'content/index.md': '# Home\n\nRead [the guide](guides/start.md).\n',
    'content/guides/start.md': '# Start\n\nBack [home](/).\n',
    'content/lonely.md': '# Lonely\n',
    'pillarlink.json': onlyFoundation(),
  });
  clean = tempWorkspace({
    'content/index.md': '# Home\n\nRead [the guide](guides/start.md).\n',
    'content/guides/start.md': '# Start\n\nBack [home](/).\n',
    'pillarlink.json': onlyFoundation(),
  });
  dirs.push(withErrors, onlyWarnings, clean);
});
afterAll(() => { for (const d of dirs) removeDir(d); });

function assertShape(report: JsonReport, root: string): void {
  expect(Object.keys(report).sort()).toEqual(['clusters', 'diagnostics', 'pageStats', 'pages', 'root', 'version']);
  expect(report.version).toBe(1);
  expect(path.isAbsolute(report.root)).toBe(true);
  expect(fs.realpathSync(report.root)).toBe(fs.realpathSync(root));
  expect(typeof report.pages).toBe('number');
  expect(Array.isArray(report.clusters)).toBe(true);
  for (const d of report.diagnostics) {
    expect(Object.keys(d).sort()).toEqual(['file', 'message', 'range', 'rule', 'severity']);
    expect(['error', 'warning', 'information', 'hint']).toContain(d.severity);
    expect(d.file).not.toMatch(/\\|^\/|^[A-Za-z]:/);
    expect(fs.existsSync(path.join(root, d.file)), d.file).toBe(true);
    for (const p of [d.range.start, d.range.end]) {
      expect(Object.keys(p).sort()).toEqual(['character', 'line']);
      expect(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0).toBe(true);
    }
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe('pillarlink check', () => {
  it('JSON output on a fixture: shape, relative forward-slash paths, exact findings', () => {
    const r = run(['check', withErrors, '--format', 'json', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    assertShape(report, withErrors);
    expect(report.pages).toBe(3);
    const got = report.diagnostics.map((d) => [d.rule, d.severity, d.file, d.range.start.line, d.range.start.character]);
    expect(got).toEqual([
      ['broken-fragment', 'warning', 'content/guides/start.md', 4, 13],
      ['broken-link', 'error', 'content/index.md', 2, 48],
      ['orphan-page', 'warning', 'content/lonely.md', 0, 0],
    ]);
  });

  it('exit codes: 1 with errors and the default --fail-on error; 0 with --fail-on never', () => {
    expect(run(['check', withErrors]).code).toBe(1);
    expect(run(['check', withErrors, '--fail-on', 'error']).code).toBe(1);
    expect(run(['check', withErrors, '--fail-on', 'never']).code).toBe(0);
  });

  it('only warnings: 0 by default, 1 with --fail-on warning; a clean site is 0 either way', () => {
    expect(run(['check', onlyWarnings]).code).toBe(0);
    expect(run(['check', onlyWarnings, '--fail-on', 'warning']).code).toBe(1);
    expect(run(['check', clean, '--fail-on', 'warning']).code).toBe(0);
  });

  it('text format: grouped by file, then a summary line', () => {
    const r = run(['check', withErrors]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('content/guides/start.md');
    expect(lines[1]).toMatch(/^ {2}5:14 +warning +.*broken-fragment$/);
    expect(lines).toContain('content/index.md');
    expect(lines[lines.indexOf('content/index.md') + 1]).toMatch(/^ {2}3:49 +error +Broken link: .*broken-link$/);
    expect(lines[lines.length - 1]).toBe('3 pages checked: 1 error, 2 warnings, 0 information, 0 hints in 3 files.');
    const clean0 = run(['check', clean]);
    expect(clean0.stdout.trim()).toBe('2 pages checked: 0 errors, 0 warnings, 0 information, 0 hints in 0 files.');
  });

  it('defaults to the current folder', () => {
    const r = run(['check', '--format', 'json', '--fail-on', 'never'], clean);
    expect(r.code).toBe(0);
    expect(fs.realpathSync((JSON.parse(r.stdout) as JsonReport).root)).toBe(fs.realpathSync(clean));
  });

  it('--config uses another file instead of <root>/pillarlink.json', () => {
    const cfg = path.join(withErrors, 'alt-config.json');
    const alt = JSON.parse(onlyFoundation()) as { rules: Record<string, string> };
    Object.assign(alt.rules, { 'broken-link': 'off', 'orphan-page': 'error' });
    fs.writeFileSync(cfg, `// comments allowed\n${JSON.stringify(alt)}\n`);
    const r = run(['check', withErrors, '--config', cfg, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['broken-fragment', 'warning'], ['orphan-page', 'error']]);
  });

  it('a config-error in a --config file names that file', () => {
    const cfg = path.join(withErrors, 'conf', 'typed.json');
    fs.mkdirSync(path.dirname(cfg), { recursive: true });
    const conf = JSON.parse(onlyFoundation()) as Record<string, unknown>;
    const text = JSON.stringify({ ...conf, entryPoints: 'content/index.md' }, null, 2);
    fs.writeFileSync(cfg, text);
    const keyLine = text.slice(0, text.indexOf('"entryPoints"')).split('\n').length - 1;
    const r = run(['check', withErrors, '--config', cfg, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as JsonReport;
    const errs = report.diagnostics.filter((d) => d.rule === 'config-error');
    expect(errs.map((d) => [d.file, d.range.start.line])).toEqual([['conf/typed.json', keyLine]]);
  });

  describe('usage and configuration errors exit 2 with a message', () => {
    it.each([
      ['an unknown flag', ['check', '--bogus'], /bogus/],
      ['a bad --format value', ['check', '--format', 'xml'], /--format must be one of text, json/],
      ['a bad --fail-on value', ['check', '--fail-on', 'sometimes'], /--fail-on must be one of/],
      ['a non-existent root', ['check', '/definitely/not/here'], /Not a folder/],
      ['an unreadable --config file', ['check', '.', '--config', '/definitely/not/here.json'], /Cannot read the config file/],
      ['an unknown command', ['frobnicate'], /Unknown command/],
    ])('%s', (_name, args, message) => {
      const r = run(args as string[], clean);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message as RegExp);
      expect(r.stdout).toBe('');
    });

    it('a --config file with invalid JSON, with its position', () => {
      const cfg = path.join(clean, 'broken.json');
      fs.writeFileSync(cfg, '{\n  "rules": {\n  }\n  oops\n}\n');
      const r = run(['check', clean, '--config', cfg]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${cfg}:4:3:`);
      expect(r.stderr).toMatch(/not valid JSON/);
    });

    it('an invalid <root>/pillarlink.json', () => {
      const root = tempWorkspace({ 'content/index.md': '# Home\n', 'pillarlink.json': '{ nope' });
      dirs.push(root);
      const r = run(['check', root]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/pillarlink\.json:1:\d+: .*not valid JSON/);
    });
  });

  it('--version and --help', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: pillarlink/);
  });
});

// The example site is written separately; its deliberate findings are listed in EXPECTED.md.
describe('pillarlink check examples', () => {
  it('JSON shape and a finding for every foundation rule EXPECTED.md lists', () => {
    const r = run(['check', 'examples', '--format', 'json', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    assertShape(report, EXAMPLES);
    expect(report.pages).toBeGreaterThan(0);
    const expected = fs.readFileSync(path.join(EXAMPLES, 'EXPECTED.md'), 'utf8');
    const listed = FOUNDATION.filter((id) => new RegExp(`\\b${id}\\b`).test(expected));
    expect(listed.length).toBeGreaterThan(0);
    const found = new Set(report.diagnostics.map((d) => d.rule));
    expect(listed.filter((id) => !found.has(id))).toEqual([]);
  });

  it('every foundation-rule row of EXPECTED.md has its finding at that file and line', () => {
    const report = JSON.parse(run(['check', 'examples', '--format', 'json', '--fail-on', 'never']).stdout) as JsonReport;
    const expected = fs.readFileSync(path.join(EXAMPLES, 'EXPECTED.md'), 'utf8');
    const rows = [...expected.matchAll(/^\|\s*\d+\s*\|\s*([a-z-]+)\s*\|\s*(\S+)\s*\|\s*(\d+)\s*\|/gm)]
      .map((m) => ({ rule: m[1]!, file: m[2]!, line: Number(m[3]) }))
      .filter((r) => FOUNDATION.includes(r.rule));
    expect(rows.length).toBeGreaterThan(0);
    const have = new Set(report.diagnostics.map((d) => `${d.rule} ${d.file}:${d.range.start.line + 1}`));
    expect(rows.map((r) => `${r.rule} ${r.file}:${r.line}`).filter((k) => !have.has(k))).toEqual([]);
  });
});
