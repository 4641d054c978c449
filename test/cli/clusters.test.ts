import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'out', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'rules', 'fixtures');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-cli-'));
  for (const [p, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  return dir;
}

beforeAll(() => {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
});

describe('pillarlink clusters', () => {
  const fixture = path.join(FIXTURES, 'missing-target-link');

  it('prints the clusters as JSON with members, roles and link-up status', () => {
    const r = run('clusters', fixture, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.clusters).toHaveLength(1);
    const c = out.clusters[0];
    expect(c).toMatchObject({ id: 'invoicing', name: 'Invoicing', inferred: false, targets: ['content/invoicing/index.md'] });
    const members = Object.fromEntries(c.members.map((m: { file: string; role: string; linksToTarget: boolean }) => [m.file, [m.role, m.linksToTarget]]));
    expect(members).toEqual({
      'content/invoicing/credit-notes.md': ['explainer', false],
      'content/invoicing/deposits.md': ['support', true],
      'content/invoicing/late-fees.md': ['explainer', false],
      'content/invoicing/numbering.md': ['tutorial', true],
      'content/invoicing/payment-terms.md': ['explainer', false],
      'content/invoicing/recurring.md': ['support', false],
      'content/invoicing/upcoming.md': ['support', false],
    });
  });

  it('prints a readable table per cluster', () => {
    const r = run('clusters', fixture);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Invoicing (invoicing): 1 target, 7 support pages; 2 of 7 link up');
    expect(lines[1]).toMatch(/^ {2}target +content\/invoicing\/index\.md +"The invoicing guide"$/);
    expect(r.stdout).toMatch(/ {4}tutorial +content\/invoicing\/numbering\.md +✓ links up\n/);
    expect(r.stdout).toMatch(/ {4}explainer +content\/invoicing\/credit-notes\.md +✗ only from related lists\/navigation\n/);
    expect(r.stdout).toMatch(/ {4}explainer +content\/invoicing\/late-fees\.md +✗ no link to the target\n/);
    expect(lines.at(-2)).toBe('1 cluster: 2 of 7 support pages link up to their target.');
  });

  it('shows a cluster without a target and one with two', () => {
    const noTarget = run('clusters', path.join(FIXTURES, 'cluster-without-target'));
    expect(noTarget.stdout).toContain('baking: 0 targets, 2 support pages; no target to link up to\n  target      (none)');
    const two = run('clusters', path.join(FIXTURES, 'multiple-targets'));
    expect(two.stdout).toContain('invoicing: 2 targets, 1 support page; 1 of 1 link up\n  2 targets: a cluster should have one');
  });

  it('--suggest lists inferred clusters of a repository that declares none', () => {
    const dir = writeTree({
      'content/index.md': '# Home\n\n[Blog](/blog/) and [guides](/guides/).\n',
      'content/about.md': '# About\n',
      'content/blog/index.md': '# Blog\n\n[First](/blog/first/), [second](/blog/second/).\n',
      'content/blog/first.md': '# First post\n\nBack to [the blog](/blog/) in a sentence.\n',
      'content/blog/second.md': '# Second post\n',
      'content/guides/_index.md': '# Guides\n',
      'content/guides/setup.md': '# Setup\n',
    });
    try {
      expect(run('clusters', dir).stdout).toMatch(/^No clusters\./);
      const json = JSON.parse(run('clusters', dir, '--suggest', '--format', 'json').stdout);
      expect(json.clusters).toEqual([
        { id: 'content/blog', name: 'content/blog', inferred: true, targets: ['content/blog/index.md'], members: [{ file: 'content/blog/first.md', role: 'support', linksToTarget: true }, { file: 'content/blog/second.md', role: 'support', linksToTarget: false }] },
        { id: 'content/guides', name: 'content/guides', inferred: true, targets: ['content/guides/_index.md'], members: [{ file: 'content/guides/setup.md', role: 'support', linksToTarget: false }] },
      ]);
      const text = run('clusters', dir, '--suggest').stdout;
      expect(text).toContain('content/blog [inferred]: 1 target, 2 support pages; 1 of 2 link up');
      // Suggestions raise no warnings in check.
      const check = JSON.parse(run('check', dir, '--format', 'json', '--fail-on', 'never').stdout);
      expect(check.clusters).toEqual([]);
      expect(check.diagnostics.filter((d: { rule: string }) => d.rule === 'missing-target-link')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pillarlink check --format json', () => {
  it('includes the clusters and the cluster findings', () => {
    const r = run('check', path.join(FIXTURES, 'missing-target-link'), '--format', 'json', '--fail-on', 'warning');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.clusters.map((c: { id: string; targets: string[] }) => [c.id, c.targets])).toEqual([['invoicing', ['content/invoicing/index.md']]]);
    expect(Object.keys(out.clusters[0].members[0]).sort()).toEqual(['file', 'linksToTarget', 'role']);
    const missing = out.diagnostics.filter((d: { rule: string }) => d.rule === 'missing-target-link');
    expect(missing.map((d: { file: string; range: { start: { line: number } } }) => `${d.file}:${d.range.start.line + 1}`)).toEqual([
      'content/invoicing/late-fees.md:6',
      'content/invoicing/payment-terms.md:3',
      'content/invoicing/recurring.md:1',
    ]);
    expect(missing[0].message).toMatch(/^No contextual link to the cluster's target "The invoicing guide" \(\/invoicing\/\)/);
  });

  it('prints cluster findings in text with their rule id', () => {
    const r = run('check', path.join(FIXTURES, 'target-link-in-boilerplate-only'), '--fail-on', 'never');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/content\/invoicing\/credit-notes\.md\n {2}13:3 +warning +The only links to the cluster's target "The invoicing guide" \(\/invoicing\/\) are in a related-links list\..*target-link-in-boilerplate-only/);
  });
});
