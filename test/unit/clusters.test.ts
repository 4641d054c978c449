import { describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { editDistance, suggestRole } from '../../server/src/core/rules/unknown-role';

const fm = (fields: Record<string, string>, body: string) => `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}\n`;

async function load(files: Record<string, string>) {
  const project = new Project(new InMemoryWorkspace('/ws', files));
  await project.load();
  const model = project.model();
  const findings = project.analyze().findings;
  return { project, model, findings, rules: (id: string) => findings.filter((f) => f.rule === id) };
}

const CLUSTER_RULES = ['cluster-without-target', 'multiple-targets', 'missing-target-link', 'target-link-in-boilerplate-only', 'sideways-links', 'busy-target'];

describe('cluster model', () => {
  it('reads cluster and role from frontmatter; a page with a cluster but no role is support', async () => {
    const { model } = await load({
      'content/index.md': '# Home\n\n[Guide](/guide/)\n',
      'content/guide.md': fm({ title: 'Guide', cluster: 'invoicing', role: 'pillar' }, '# Guide'),
      'content/numbering.md': fm({ cluster: 'invoicing', role: 'Tutorial' }, 'Read [the guide](/guide/).'),
      'content/terms.md': fm({ cluster: 'invoicing' }, 'No role here. [Guide](/guide/) in a sentence.'),
    });
    expect(model.clusters).toHaveLength(1);
    const c = model.clusters[0]!;
    expect(c).toMatchObject({ id: 'invoicing', name: 'invoicing', inferred: false, targets: ['content/guide.md'] });
    expect(c.targetMembers.map((m) => m.role)).toEqual(['pillar']);
    expect(c.members.map((m) => [m.file, m.role, m.source])).toEqual([
      ['content/numbering.md', 'tutorial', 'frontmatter'],
      ['content/terms.md', 'support', 'frontmatter'],
    ]);
    expect(model.clusterOf('content/guide.md')?.isTarget).toBe(true);
    expect(model.clusterOf('content/terms.md')?.isTarget).toBe(false);
    expect(model.clusterOf('content/index.md')).toBeUndefined();
  });

  it('honours configurable frontmatter keys with dotted paths', async () => {
    const { model } = await load({
      'pillarlink.json': '{ "frontmatter": { "cluster": "seo.cluster", "role": "seo.role" } }',
      'content/guide.md': '---\ntitle: Guide\nseo:\n  cluster: invoicing\n  role: target\n---\n# Guide\n',
      'content/numbering.md': '---\nseo: { cluster: invoicing, role: tutorial }\n---\nSee [the guide](/guide/).\n',
      // The default keys are ignored once others are configured.
      'content/other.md': fm({ cluster: 'invoicing', role: 'target' }, '# Other'),
    });
    const c = model.clusters.find((x) => x.id === 'invoicing')!;
    expect(c.targets).toEqual(['content/guide.md']);
    expect(c.members.map((m) => [m.file, m.role, m.linksToTarget])).toEqual([['content/numbering.md', 'tutorial', true]]);
  });

  it('builds clusters from pillarlink.json: member globs, a target by file or by URL', async () => {
    const { model } = await load({
      'pillarlink.json': JSON.stringify({
        site: { baseUrl: 'https://ledger.example' },
        clusters: {
          tax: { name: 'Freelancer taxes', target: 'content/guides/freelancer-taxes.md', members: ['content/guides/tax-*.md'], keywords: ['self-employed tax'] },
          expenses: { target: '/expenses/', members: ['content/expenses/**'] },
          payroll: { target: 'https://ledger.example/payroll/', members: ['content/payroll-*.md'] },
        },
      }),
      'content/guides/freelancer-taxes.md': '# Freelancer taxes\n',
      'content/guides/tax-deductions.md': '# Deductions\n\nSee [freelancer taxes](/guides/freelancer-taxes/).\n',
      'content/guides/tax-vat.md': '# VAT\n\n## Related posts\n\n- [Freelancer taxes](/guides/freelancer-taxes/)\n',
      'content/expenses/index.md': '# Expenses\n',
      'content/expenses/receipts.md': '# Receipts\n',
      'content/payroll.md': '# Payroll\n',
      'content/payroll-basics.md': '# Payroll basics\n\n[Payroll](https://ledger.example/payroll/) in a sentence.\n',
    });
    const tax = model.clusters.find((c) => c.id === 'tax')!;
    expect(tax).toMatchObject({ name: 'Freelancer taxes', inferred: false, keywords: ['self-employed tax'], targets: ['content/guides/freelancer-taxes.md'] });
    expect(tax.members.map((m) => [m.file, m.source, m.linksToTarget, m.linksToTargetOnlyFromBoilerplate])).toEqual([
      ['content/guides/tax-deductions.md', 'config', true, false],
      ['content/guides/tax-vat.md', 'config', false, true],
    ]);
    const expenses = model.clusters.find((c) => c.id === 'expenses')!;
    expect(expenses.targets).toEqual(['content/expenses/index.md']);
    expect(expenses.members.map((m) => m.file)).toEqual(['content/expenses/receipts.md']);
    const payroll = model.clusters.find((c) => c.id === 'payroll')!;
    expect(payroll.targets).toEqual(['content/payroll.md']);
    expect(payroll.members.map((m) => [m.file, m.linksToTarget])).toEqual([['content/payroll-basics.md', true]]);
  });

  it('lets frontmatter win over pillarlink.json', async () => {
    const { model } = await load({
      'pillarlink.json': JSON.stringify({ clusters: { tax: { target: 'content/tax.md', members: ['content/*.md'] } } }),
      'content/tax.md': fm({ role: 'tutorial' }, '# Tax'),
      'content/vat.md': fm({ cluster: 'vat', role: 'target' }, '# VAT'),
      'content/deductions.md': fm({ role: 'comparison' }, '# Deductions'),
      'content/mileage.md': '# Mileage\n',
    });
    const tax = model.clusters.find((c) => c.id === 'tax')!;
    // The config names tax.md the target, but its frontmatter says tutorial.
    expect(tax.targets).toEqual([]);
    expect(tax.members.map((m) => [m.file, m.role, m.source])).toEqual([
      ['content/deductions.md', 'comparison', 'frontmatter'],
      ['content/mileage.md', 'support', 'config'],
      ['content/tax.md', 'tutorial', 'frontmatter'],
    ]);
    expect(model.clusters.find((c) => c.id === 'vat')!.targets).toEqual(['content/vat.md']);
  });

  it('does not make a page the config target of a cluster it is not in', async () => {
    const { model } = await load({
      'pillarlink.json': JSON.stringify({ clusters: { tax: { target: 'content/vat.md', members: ['content/tax-*.md'] } } }),
      'content/vat.md': fm({ cluster: 'vat' }, '# VAT'),
      'content/tax-basics.md': '# Tax basics\n',
    });
    expect(model.clusters.find((c) => c.id === 'vat')!.members.map((m) => [m.file, m.role])).toEqual([['content/vat.md', 'support']]);
    expect(model.clusters.find((c) => c.id === 'tax')!.targets).toEqual([]);
  });

  it('computes linksToTarget per member: body, boilerplate only, or none', async () => {
    const { model } = await load({
      'content/guide.md': fm({ cluster: 'c', role: 'target' }, '# Guide'),
      'content/body.md': fm({ cluster: 'c' }, 'See [the guide](guide.md#section) here.'),
      'content/related.md': fm({ cluster: 'c' }, 'Text.\n\n## See also\n\n- [Guide](/guide/)'),
      'content/none.md': fm({ cluster: 'c' }, 'Nothing. ![an image](/guide/)'),
    });
    const m = Object.fromEntries(model.clusters[0]!.members.map((x) => [x.file, [x.linksToTarget, x.linksToTargetOnlyFromBoilerplate]]));
    expect(m).toEqual({ 'content/body.md': [true, false], 'content/related.md': [false, true], 'content/none.md': [false, false] });
  });

  it('infers clusters by directory and keeps them silent unless inferredWarnings', async () => {
    const files = {
      'content/index.md': '# Home\n\n[Blog](/blog/) and [guides](/guides/)\n',
      'content/about.md': '# About\n',
      'content/blog/index.md': '# Blog\n\n[A](/blog/a/) [B](/blog/b/)\n',
      'content/blog/a.md': '# A\n\nNo link up.\n',
      'content/blog/b.md': '# B\n\nBack to [the blog](/blog/) in a sentence.\n',
      'content/blog/series/index.md': '# Series\n',
      'content/blog/series/part-1.md': '# Part 1\n',
      'content/guides/x.md': fm({ cluster: 'declared', role: 'tutorial' }, '# X'),
      'content/guides/y.md': fm({ cluster: 'declared' }, '# Y'),
    };
    const quiet = await load({ ...files, 'pillarlink.json': '{ "clusters": { "infer": "directory" } }' });
    const ids = quiet.model.clusters.map((c) => [c.id, c.inferred, c.targets]);
    expect(ids).toEqual([
      ['declared', false, []],
      ['content/blog', true, ['content/blog/index.md']],
      ['content/blog/series', true, ['content/blog/series/index.md']],
    ]);
    // The home page does not become the target of everything at the top level.
    expect(quiet.model.clusterOf('content/about.md')).toBeUndefined();
    expect(quiet.model.clusters[1]!.members.map((m) => [m.file, m.source, m.linksToTarget])).toEqual([
      ['content/blog/a.md', 'inferred', false],
      ['content/blog/b.md', 'inferred', true],
    ]);
    const quietFindings = quiet.findings.filter((f) => CLUSTER_RULES.includes(f.rule));
    // Only the declared cluster speaks.
    expect(quietFindings.map((f) => [f.rule, f.file])).toEqual([['cluster-without-target', 'content/guides/x.md']]);

    const loud = await load({ ...files, 'pillarlink.json': '{ "clusters": { "infer": "directory", "inferredWarnings": true } }' });
    expect(loud.rules('missing-target-link').map((f) => f.file)).toEqual(['content/blog/a.md', 'content/blog/series/part-1.md']);
  });

  it('infers clusters by taxonomy (first category, else tag) with no target', async () => {
    const files = {
      'content/a.md': '---\ncategories: [Invoicing, Tax]\n---\n# A\n',
      'content/b.md': '---\ncategories: invoicing\n---\n# B\n',
      'content/c.md': '---\ntags: [payroll]\n---\n# C\n',
      'content/d.md': '---\ntags: [Payroll, x]\n---\n# D\n',
      'content/e.md': '---\ntags: [lonely]\n---\n# E\n',
    };
    const { model, findings } = await load({ ...files, 'pillarlink.json': '{ "clusters": { "infer": "taxonomy" } }' });
    expect(model.clusters.map((c) => [c.id, c.inferred, c.members.map((m) => m.file)])).toEqual([
      ['invoicing', true, ['content/a.md', 'content/b.md']],
      ['payroll', true, ['content/c.md', 'content/d.md']],
    ]);
    expect(findings.filter((f) => CLUSTER_RULES.includes(f.rule))).toEqual([]);
    const loud = await load({ ...files, 'pillarlink.json': '{ "clusters": { "infer": "taxonomy", "inferredWarnings": true } }' });
    expect(loud.rules('cluster-without-target').map((f) => f.file)).toEqual(['content/a.md', 'content/c.md']);
  });
});

describe('cluster rules', () => {
  const base = {
    'content/index.md': '# Home\n\n[Guide](/guide/), [numbering](/numbering/).\n',
    'content/guide.md': fm({ title: 'The invoicing guide', cluster: 'invoicing', role: 'target' }, '# The invoicing guide'),
  };

  it('missing-target-link: message, data and position', async () => {
    const { rules } = await load({ ...base, 'content/numbering.md': fm({ title: 'Numbering', cluster: 'invoicing', role: 'tutorial' }, 'Intro.\n\n# How to number invoices\n\nNo link.') });
    const [f, ...rest] = rules('missing-target-link');
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(/^No contextual link to the cluster's target "The invoicing guide" \(\/guide\/\)\. Link to it from a sentence in the body\.$/);
    expect(f!.data).toEqual({ cluster: 'invoicing', target: 'content/guide.md', targetTitle: 'The invoicing guide' });
    expect(f!.range.start).toEqual({ line: 7, character: 0 });
  });

  it('unknown-role: suggests the nearest role and highlights the value', async () => {
    const { rules } = await load({
      'content/a.md': '---\ncluster: x\nrole: "tutoral"\n---\n# A\n',
      'content/b.md': '---\nrole: pilar\n---\n# B\n',
      'content/c.md': '---\nrole: landing-page\n---\n# C\n',
    });
    const got = rules('unknown-role').map((f) => [f.file, f.message, f.data, f.range]);
    expect(got[0]).toEqual(['content/a.md', 'Unknown role "tutoral"; did you mean "tutorial"? Until it is fixed the page counts as a support page.', { role: 'tutoral', suggestion: 'tutorial' }, { start: { line: 2, character: 7 }, end: { line: 2, character: 14 } }]);
    expect(got[1]![2]).toEqual({ role: 'pilar', suggestion: 'pillar' });
    expect(got[2]![1]).toMatch(/^Unknown role "landing-page"; use one of: target, tool/);
    expect(got[2]![2]).toEqual({ role: 'landing-page' });
  });

  it('rule options come from pillarlink.json', async () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `[link ${i}](/p${i % 3}/)`).join(', ');
    const files = {
      'content/index.md': '# Home\n',
      'content/p0.md': '# P0\n', 'content/p1.md': '# P1\n', 'content/p2.md': '# P2\n',
      'content/hub.md': `# Hub\n\n${body(6)}\n`,
    };
    expect((await load(files)).rules('too-many-links')).toEqual([]);
    const strict = await load({ ...files, 'pillarlink.json': '{ "rules": { "too-many-links": ["error", { "max": 5 }] } }' });
    expect(strict.rules('too-many-links').map((f) => [f.file, f.severity, f.range.start.line, f.data])).toEqual([['content/hub.md', 'error', 0, { count: 6, max: 5 }]]);
  });

  it('deep-page shows the click path', async () => {
    const chain = ['a', 'b', 'c', 'd', 'e', 'f'];
    const files: Record<string, string> = { 'content/index.md': '# Home\n\n[A](/a/)\n' };
    chain.forEach((p, i) => { files[`content/${p}.md`] = `# ${p.toUpperCase()}\n\n${chain[i + 1] ? `[next](/${chain[i + 1]}/)` : ''}\n`; });
    const { rules } = await load(files);
    expect(rules('deep-page').map((f) => [f.file, f.data?.depth])).toEqual([['content/e.md', 5], ['content/f.md', 6]]);
    expect(rules('deep-page')[0]!.message).toContain('/ → /a/ → /b/ → /c/ → /d/ → /e/');
    const shallow = await load({ ...files, 'pillarlink.json': '{ "rules": { "deep-page": { "options": { "maxDepth": 5 } } } }' });
    expect(shallow.rules('deep-page').map((f) => f.file)).toEqual(['content/f.md']);
  });

  it('edit distance counts transpositions as one edit', () => {
    expect(editDistance('tutorial', 'tutroial')).toBe(1);
    expect(editDistance('faq', 'faq')).toBe(0);
    expect(editDistance('', 'tool')).toBe(4);
    expect(suggestRole('Case Study')).toBe('case-study');
    expect(suggestRole('blog')).toBeUndefined();
  });
});
