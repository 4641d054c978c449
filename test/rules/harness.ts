// Rule fixtures are small workspaces under test/rules/fixtures/<rule-id>/. A line holding
// `expect: <rule-id>[, <rule-id>…]` (in an HTML/MDX comment, or a YAML comment in frontmatter,
// or a JSON comment in pillarlink.json, or any field of a CSV export) must carry exactly those findings of the rule under test;
// every other line must carry none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from '../../server/src/core/project';
import type { Finding } from '../../server/src/core/types';
import { NodeWorkspace } from '../../server/src/node/fsWorkspace';

export const FIXTURES = path.join(__dirname, 'fixtures');

const MARKER = /expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;

export interface Expected { file: string; line: number; rule: string }

export function markersOf(root: string): Expected[] {
  const out: Expected[] = [];
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(rel);
      else if (/\.(md|mdx|markdown|json|csv)$/.test(ent.name)) {
        const lines = fs.readFileSync(path.join(root, rel), 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        lines.forEach((text, line) => {
          for (const m of text.matchAll(MARKER)) for (const rule of m[1]!.split(/\s*,\s*/)) out.push({ file: rel, line, rule });
        });
      }
    }
  };
  walk('');
  return out;
}

export async function analyzeFolder(root: string): Promise<{ project: Project; findings: Finding[] }> {
  const project = new Project(new NodeWorkspace(root));
  await project.load();
  return { project, findings: project.analyze().findings };
}

const key = (e: Expected) => `${e.file}:${e.line + 1} ${e.rule}`;

/** Compares the findings of `rule` in a fixture folder with its markers; returns readable diffs. */
export async function checkFixture(rule: string, root = path.join(FIXTURES, rule)): Promise<{ missing: string[]; unexpected: string[]; findings: Finding[] }> {
  const { findings } = await analyzeFolder(root);
  const expected = markersOf(root).filter((e) => e.rule === rule).map(key).sort();
  const actual = findings.filter((f) => f.rule === rule).map((f) => key({ file: f.file, line: f.range.start.line, rule: f.rule })).sort();
  const missing = expected.filter((e) => !actual.includes(e));
  const unexpected = actual.filter((a) => !expected.includes(a));
  return { missing, unexpected, findings };
}
