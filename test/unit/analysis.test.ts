// The analysis keeps findings per unit (rule × page, rule × cluster, site rule) and stores only the
// units that have findings: a partial run must still empty a unit that had findings and replace
// exactly the units it re-checks.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../server/src/core/analyze';
import { Project } from '../../server/src/core/project';
import { RULES } from '../../server/src/core/rules';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

const site = (aLinksTo: string) => ({
  'a.md': `# A\n\n[broken](${aLinksTo})\n`,
  'b.md': '# B\n\n[to a](./a.md)\n',
});

async function modelOf(files: Record<string, string>) {
  const p = new Project(new InMemoryWorkspace('/ws', files));
  await p.load();
  return p.model();
}

const brokenOn = (a: Analysis, file: string) => a.findingsOf(file).filter((f) => f.rule === 'broken-link').map((f) => f.message);

describe('Analysis units', () => {
  it('a partial run empties a unit whose page no longer has findings, and reports the file changed', async () => {
    const a = new Analysis();
    a.run(await modelOf(site('./missing.md')), 'all');
    const fixed = await modelOf(site('./b.md'));
    const changed = a.run(fixed, { files: ['a.md'], clusters: [], site: false });
    expect(brokenOn(a, 'a.md')).toEqual([]);
    expect(changed.has('a.md')).toBe(true);
    expect(changed.has('b.md')).toBe(false);
  });
});

describe('findings without data', () => {
  it('findingData: false drops the payload of page and site rules, keeps cluster rules\', and finds the same', async () => {
    const files = {
      ...site('./missing.md'),
      'c/index.md': '---\ncluster: c\nrole: target\n---\n# C\n',
      'c/one.md': '---\ncluster: c\nrole: support\n---\n# One\n\n[install guide](../a.md) [install guide](../b.md)\n',
    };
    const run = async (findingData: boolean) => {
      const p = new Project(new InMemoryWorkspace('/ws', files), { findingData });
      await p.load();
      return p.analyze().findings;
    };
    const withData = await run(true);
    const without = await run(false);
    const clusterRules = new Set(RULES.filter((r) => r.meta.scope === 'cluster').map((r) => r.meta.id));
    expect(without.map(({ rule, severity, file, range, message }) => ({ rule, severity, file, range, message }))).toEqual(withData.map(({ rule, severity, file, range, message }) => ({ rule, severity, file, range, message })));
    expect(withData.filter((f) => !clusterRules.has(f.rule) && f.data !== undefined).length).toBeGreaterThan(0);
    expect(without.filter((f) => !clusterRules.has(f.rule)).every((f) => !('data' in f))).toBe(true);
    const cluster = withData.filter((f) => clusterRules.has(f.rule));
    expect(cluster.length).toBeGreaterThan(0);
    expect(without.filter((f) => clusterRules.has(f.rule)).map((f) => f.data)).toEqual(cluster.map((f) => f.data));
  });
});
