// Golden tests of the fixes: test/fixes/golden/<case>/ holds an input workspace, a case.json naming
// the finding (file, rule) and the action title, and output/ with every file the action changes or
// creates, exactly. After the fix, the rule finds nothing on that file; a second application is a no-op.
// `PILLARLINK_UPDATE_GOLDEN=1` rewrites output/ (review the diff before keeping it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, fixesForFinding, type Fix } from '../../../server/src/core/fixes';
import { Project } from '../../../server/src/core/project';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const GOLDEN = path.join(__dirname, '..', '..', 'fixes', 'golden');

interface Case { file: string; rule: string; title: string }

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

async function load(files: Record<string, string>) {
  const project = new Project(new InMemoryWorkspace('/golden', files));
  await project.load();
  return project;
}

async function fixesOf(files: Record<string, string>, c: Case): Promise<Fix[]> {
  const project = await load(files);
  const ctx = { model: project.model(), textOf: (f: string) => files[f] };
  return project.analyze().findings
    .filter((f) => f.file === c.file && f.rule === c.rule)
    .flatMap((f) => fixesForFinding(ctx, c.file, { rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) }));
}

/** Applies a fix to a set of files; returns only the files it changed or created. */
function apply(files: Record<string, string>, fix: Fix): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const c of fix.creates ?? []) changed[c.file] = c.text;
  for (const file of new Set(fix.edits.map((e) => e.file))) changed[file] = applyEdits(changed[file] ?? files[file]!, fix.edits, file);
  return changed;
}

const cases = fs.readdirSync(GOLDEN).filter((d) => fs.existsSync(path.join(GOLDEN, d, 'case.json'))).sort();

describe('golden fixes', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(GOLDEN, name);
      const c = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as Case;
      const input = readTree(path.join(dir, 'input'));
      const fixes = await fixesOf(input, c);
      const fix = fixes.find((f) => f.title === c.title);
      expect(fix, `no action titled ${c.title}; offered: ${JSON.stringify(fixes.map((f) => f.title))}`).toBeDefined();
      // Edits of one fix never overlap (applyEdits throws when they do).
      const changed = apply(input, fix!);
      if (process.env.PILLARLINK_UPDATE_GOLDEN) {
        fs.rmSync(path.join(dir, 'output'), { recursive: true, force: true });
        for (const [f, t] of Object.entries(changed)) {
          fs.mkdirSync(path.dirname(path.join(dir, 'output', f)), { recursive: true });
          fs.writeFileSync(path.join(dir, 'output', f), t);
        }
      }
      expect(changed).toEqual(readTree(path.join(dir, 'output')));
      // The rule is satisfied on the fixed text.
      const fixed = { ...input, ...changed };
      const after = (await load(fixed)).analyze().findings.filter((f) => f.file === c.file && f.rule === c.rule);
      expect(after.map((f) => f.message)).toEqual([]);
      // A second application changes nothing.
      for (const again of (await fixesOf(fixed, c)).filter((f) => f.title === c.title)) {
        const twice = apply(fixed, again);
        for (const [f, t] of Object.entries(twice)) expect(t).toBe(fixed[f]);
      }
    });
  }
});
