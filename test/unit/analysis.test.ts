// The analysis keeps findings per unit (rule × page, rule × cluster, site rule) and stores only the
// units that have findings: a partial run must still empty a unit that had findings and replace
// exactly the units it re-checks.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../server/src/core/analyze';
import { Project } from '../../server/src/core/project';
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
