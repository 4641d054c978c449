// `pillarlink check --format sarif` validated against the SARIF 2.1.0 JSON schema
// (test/data/sarif-schema-2.1.0.json, see test/data/sarif-schema-2.1.0.NOTICE.md).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { toSarif, RULE_DOCS_BASE, type SarifLog } from '../../server/src/cli/sarif';
import { RULES } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';
import { buildBundles } from '../helpers/build';
import { REPO } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');
const EXAMPLES = path.join(REPO, 'examples');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let validate: ValidateFunction;
const errorsOf = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');

beforeAll(async () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
  await buildBundles();
});

interface JsonDiag { rule: string; severity: string; file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string }

describe('SARIF output of the example site', () => {
  let log: SarifLog;
  let diags: JsonDiag[];
  beforeAll(() => {
    const r = run(['check', EXAMPLES, '--format', 'sarif', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    log = JSON.parse(r.stdout) as SarifLog;
    diags = (JSON.parse(run(['check', EXAMPLES, '--format', 'json', '--fail-on', 'never']).stdout) as { diagnostics: JsonDiag[] }).diagnostics;
  });

  it('is valid SARIF 2.1.0', () => {
    const ok = validate(log);
    expect(errorsOf()).toBe('');
    expect(ok).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('describes the tool and every rule of the registry', () => {
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('Pillarlink');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const [i, rule] of RULES.entries()) {
      const d = driver.rules[i]!;
      expect(d.shortDescription.text).toBe(rule.meta.description);
      expect(d.fullDescription.text.startsWith(rule.meta.description)).toBe(true);
      expect(d.helpUri).toBe(`${RULE_DOCS_BASE}${rule.meta.id}.md`);
      const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[rule.meta.defaultSeverity];
      expect(d.defaultConfiguration.level).toBe(level);
    }
  });

  it('has one result per finding with relative locations and 1-based regions', () => {
    const run0 = log.runs[0]!;
    expect(run0.results).toHaveLength(diags.length);
    expect(run0.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${EXAMPLES}/`);
    run0.results.forEach((r, i) => {
      const d = diags[i]!;
      expect(r.ruleId).toBe(d.rule);
      expect(run0.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.level).toBe({ error: 'error', warning: 'warning', information: 'note', hint: 'note' }[d.severity]);
      expect(r.message.text).toBe(d.message);
      const loc = r.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).toBe(d.file);
      expect(loc.region).toEqual({ startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 });
    });
    expect(run0.results.some((r) => r.level === 'error')).toBe(true);
  });
});

describe('toSarif', () => {
  const finding = (over: Partial<Finding> = {}): Finding => ({
    rule: 'broken-link', severity: 'error', file: 'content/a b/#post%.md', message: 'Broken link: no page is served at /x.',
    range: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } }, ...over,
  });

  it('percent-encodes paths into valid relative URIs', () => {
    const log = toSarif([finding()], RULES, { root: '/tmp/site with space', version: '1.2.3' });
    expect(validate(log), errorsOf()).toBe(true);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('content/a%20b/%23post%25.md');
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///tmp/site%20with%20space/');
  });

  it('keeps fingerprints stable when a finding moves to another line', () => {
    const a = toSarif([finding()], RULES, { root: '/r', version: '1.0.0' }).runs[0]!.results[0]!;
    const b = toSarif([finding({ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } } })], RULES, { root: '/r', version: '1.0.0' }).runs[0]!.results[0]!;
    const c = toSarif([finding({ message: 'Broken link: no page is served at /y.' })], RULES, { root: '/r', version: '1.0.0' }).runs[0]!.results[0]!;
    expect(a.partialFingerprints).toEqual(b.partialFingerprints);
    expect(a.partialFingerprints).not.toEqual(c.partialFingerprints);
  });

  it('adds a descriptor for a rule outside the registry', () => {
    const log = toSarif([finding({ rule: 'made-up-rule', severity: 'hint' })], RULES, { root: '/r', version: '1.0.0' });
    expect(validate(log), errorsOf()).toBe(true);
    const r = log.runs[0]!.results[0]!;
    expect(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id).toBe('made-up-rule');
    expect(r.level).toBe('note');
  });

  it('is rejected by the schema when broken (the validator is not a no-op)', () => {
    const log = toSarif([finding()], RULES, { root: '/r', version: '1.0.0' }) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
    expect(errorsOf()).toMatch(/level/);
  });
});
