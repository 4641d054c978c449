// `pillarlink diff <ref>` on a real git repository: the base is read from git, the head from disk.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../helpers/build';
import { makeTempDir, REPO, removeDir, writeFiles } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const page = (fm: Record<string, string> | null, body: string) =>
  `${fm ? `---\n${Object.entries(fm).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n` : ''}${body}`;

// The site sits in a sub-folder of the repository, so the tree prefix handling is exercised too.
const BASE: Record<string, string> = {
  'README.md': '# Not part of the site\n',
  'site/content/index.md': page(null, '# Home\n\nRead [the guide](/guide/), [the story](/story/) and [the broken page](/b/).\n'),
  'site/content/guide.md': page({ cluster: 'widgets', role: 'target' }, '# Widget guide\n\nAll about widgets. See [the tutorial](/one/) and [the explainer](/two/).\n'),
  'site/content/one.md': page({ cluster: 'widgets', role: 'tutorial' }, '# Widget tutorial\n\nFollow the [widget guide](/guide/) for the basics of widgets.\n'),
  'site/content/two.md': page({ cluster: 'widgets', role: 'explainer' }, '# Widget explainer\n\nThe [widget guide](/guide/) explains widgets in depth.\n'),
  'site/content/story.md': page(null, '# A story\n\nNothing to see here.\n'),
  'site/content/b.md': page(null, '# Broken page\n\nThis links to [a missing page](/missing/) by mistake.\n'),
};

interface DiffJson {
  version: number;
  base: string;
  baseCommit: string;
  pages: { added: string[]; removed: string[] };
  orphans: { added: string[]; removed: string[] };
  upwardLinks: { added: { from: string; to: string; cluster: string }[]; removed: { from: string; to: string; cluster: string }[] };
  targets: { lostInbound: { file: string; before: number; after: number; lost: string[] }[]; gainedInbound: { file: string; before: number; after: number; gained: string[] }[] };
  findings: { added: { rule: string; file: string; severity: string; line: number }[]; removed: { rule: string; file: string }[]; unchanged: number };
}

let repo: string;
let site: string;

beforeAll(async () => {
  await buildBundles();
  repo = makeTempDir('pillarlink-diff-');
  site = path.join(repo, 'site');
  git(repo, 'init', '-q');
  writeFiles(repo, BASE);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base site');
  // The change: the tutorial loses its upward link, the story its only inbound link,
  // the broken link is fixed, and a new comparison page links up.
  writeFiles(repo, {
    'site/content/one.md': page({ cluster: 'widgets', role: 'tutorial' }, '# Widget tutorial\n\nFollow the widget guide for the basics of widgets.\n'),
    'site/content/index.md': page(null, '# Home\n\nRead [the guide](/guide/), [widgets compared](/three/) and [the broken page](/b/).\n'),
    'site/content/b.md': page(null, '# Broken page\n\nThis links to [the home page](/) now.\n'),
    'site/content/three.md': page({ cluster: 'widgets', role: 'comparison' }, '# Widgets compared\n\nOur [widget guide](/guide/) compares them all.\n'),
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'change links');
});

afterAll(() => removeDir(repo));

describe('pillarlink diff', () => {
  it('reports each category of change between HEAD~1 and the working tree', () => {
    const r = run(['diff', 'HEAD~1', site, '--format', 'json', '--fail-on', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as DiffJson;
    expect(d.version).toBe(1);
    expect(d.base).toBe('HEAD~1');
    expect(d.baseCommit).toBe(git(repo, 'rev-parse', 'HEAD~1').trim());
    expect(d.pages).toEqual({ added: ['content/three.md'], removed: [] });
    expect(d.orphans).toEqual({ added: ['content/story.md'], removed: [] });
    expect(d.upwardLinks.removed).toEqual([{ from: 'content/one.md', to: 'content/guide.md', cluster: 'widgets' }]);
    expect(d.upwardLinks.added).toEqual([{ from: 'content/three.md', to: 'content/guide.md', cluster: 'widgets' }]);
    // One page stopped linking up and another started: the count is the same, so no gain or loss.
    expect(d.targets.lostInbound).toEqual([]);
    expect(d.targets.gainedInbound).toEqual([]);
    const added = d.findings.added.map((f) => `${f.rule} ${f.file}`).sort();
    expect(added).toEqual(['missing-target-link content/one.md', 'orphan-page content/story.md']);
    expect(d.findings.removed.map((f) => `${f.rule} ${f.file}`)).toEqual(['broken-link content/b.md']);
  });

  it('sees uncommitted edits in the working tree and target inbound losses', () => {
    const file = path.join(site, 'content/two.md');
    const before = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, page({ cluster: 'widgets', role: 'explainer' }, '# Widget explainer\n\nThe widget guide explains widgets in depth.\n'));
      const d = JSON.parse(run(['diff', 'HEAD', site, '--format', 'json', '--fail-on', 'never']).stdout) as DiffJson;
      expect(d.upwardLinks.removed).toEqual([{ from: 'content/two.md', to: 'content/guide.md', cluster: 'widgets' }]);
      expect(d.targets.lostInbound).toEqual([expect.objectContaining({ file: 'content/guide.md', before: 3, after: 2, lost: ['content/two.md'] })]);
      expect(d.findings.added.map((f) => f.rule)).toEqual(['missing-target-link']);
      expect(d.pages).toEqual({ added: [], removed: [] });
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  it('matches findings by rule, file and message, not by line', () => {
    const file = path.join(site, 'content/b.md');
    const before = fs.readFileSync(file, 'utf8');
    try {
      // The same broken link as in HEAD~1, three lines further down: not a new finding.
      fs.writeFileSync(file, '# Broken page\n\nMore text.\n\nAnd more.\n\nThis links to [a missing page](/missing/) by mistake.\n');
      const d = JSON.parse(run(['diff', 'HEAD~1', site, '--format', 'json', '--fail-on', 'never']).stdout) as DiffJson;
      expect(d.findings.removed.map((f) => f.rule)).not.toContain('broken-link');
      expect(d.findings.added.map((f) => f.rule)).not.toContain('broken-link');
      const head = JSON.parse(run(['diff', 'HEAD', site, '--format', 'json', '--fail-on', 'never']).stdout) as DiffJson;
      expect(head.findings.added).toEqual([expect.objectContaining({ rule: 'broken-link', file: 'content/b.md', line: 7 })]);
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  it('applies --fail-on to new findings only', () => {
    // New: two warnings. Fixed: one error (which must not count).
    expect(run(['diff', 'HEAD~1', site, '--fail-on', 'warning']).code).toBe(1);
    expect(run(['diff', 'HEAD~1', site, '--fail-on', 'error']).code).toBe(0);
    expect(run(['diff', 'HEAD~1', site]).code).toBe(0);
    expect(run(['diff', 'HEAD~1', site, '--fail-on', 'never']).code).toBe(0);
    // Against itself nothing changed.
    const same = run(['diff', 'HEAD', site, '--fail-on', 'warning']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/none\./);
  });

  it('prints Markdown for a pull-request comment', () => {
    const r = run(['diff', 'HEAD~1', site, '--format', 'markdown', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^## Pillarlink: link graph changes/);
    expect(md).toContain('| Change | Count |');
    expect(md).toContain('| Upward links removed | 1 |');
    expect(md).toContain('| Newly orphaned pages | 1 |');
    expect(md).not.toContain('| Pages removed |');
    expect(md).toMatch(/<details open>\n<summary><strong>New findings \(2\)<\/strong><\/summary>/);
    expect(md).toContain('| Widget tutorial (`content/one.md`) | Widget guide (`content/guide.md`) | `widgets` |');
    expect(md).toMatch(/<summary><strong>Fixed findings \(1\)<\/strong><\/summary>[\s\S]*`broken-link`/);
    // Every <details> is closed.
    expect(md.match(/<details/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  });

  it('prints text by default and refuses unknown refs and folders outside git', () => {
    const text = run(['diff', 'HEAD~1', site]);
    expect(text.stdout).toContain('Upward links removed (1):\n  content/one.md -> content/guide.md  [widgets]');
    expect(text.stdout).toContain('Newly orphaned pages (1):\n  content/story.md');
    const bad = run(['diff', 'no-such-branch', site]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"no-such-branch" is not a commit, branch or tag/);
    const missing = run(['diff']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/diff needs a base git ref/);
    const outside = makeTempDir('pillarlink-nogit-');
    try {
      writeFiles(outside, { 'content/index.md': '# Home\n' });
      const r = run(['diff', 'HEAD', outside]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/git rev-parse --show-toplevel failed/);
    } finally {
      removeDir(outside);
    }
  });
});
