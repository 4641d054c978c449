import { describe, expect, it } from 'vitest';
import { applyEdits, fixAll, removeLinkAt } from '../../../server/src/core/fixes';
import { setFrontmatterValue, valueSpan } from '../../../server/src/core/fixes/frontmatterEdit';
import { closestFragments, levenshtein, slugOfPath } from '../../../server/src/core/fixes/similar';
import { Project } from '../../../server/src/core/project';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const edit = (file: string, text: string, key: string, value: string, after?: string) => {
  const e = setFrontmatterValue(file, text, key, value, after);
  return e ? applyEdits(text, [e]) : text;
};

describe('frontmatter edits', () => {
  it('replaces only the value, keeping quotes and comments', () => {
    expect(edit('a.md', '---\nrole: "tutoral" # typo\ntitle: x\n---\n', 'role', 'tutorial')).toBe('---\nrole: "tutorial" # typo\ntitle: x\n---\n');
    expect(edit('a.md', "---\nrole: 'x'\n---\n", 'role', 'target')).toBe("---\nrole: 'target'\n---\n");
    expect(edit('a.md', '+++\nrole = "x"\n+++\n', 'role', 'target')).toBe('+++\nrole = "target"\n+++\n');
  });

  it('inserts one line after the cluster line, or at the end of the block', () => {
    expect(edit('a.md', '---\ntitle: x\ncluster: c\ntags: [a]\n---\n', 'role', 'target', 'cluster')).toBe('---\ntitle: x\ncluster: c\nrole: target\ntags: [a]\n---\n');
    expect(edit('a.md', '---\ntitle: x\n---\n', 'role', 'target', 'cluster')).toBe('---\ntitle: x\nrole: target\n---\n');
    expect(edit('a.md', '---\r\ntitle: x\r\ncluster: c\r\n---\r\n', 'role', 'target', 'cluster')).toBe('---\r\ntitle: x\r\ncluster: c\r\nrole: target\r\n---\r\n');
    expect(edit('a.md', '+++\ncluster = "c"\n+++\n', 'role', 'target', 'cluster')).toBe('+++\ncluster = "c"\nrole = "target"\n+++\n');
  });

  it('adds a block to a page without frontmatter, and finds nested keys', () => {
    expect(edit('a.md', '# Hi\n', 'role', 'target')).toBe('---\nrole: target\n---\n\n# Hi\n');
    const text = '---\nseo:\n  role: x\n---\n';
    const s = valueSpan(text, 'seo.role')!;
    expect(text.slice(s.start, s.end)).toBe('x');
  });
});

describe('similarity', () => {
  it('ranks close slugs and paths', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(closestFragments(['due-date', 'currency', 'due-dates-and-terms'], 'due-dates')[0]).toBe('due-date');
    expect(closestFragments(['currency'], 'shipping')).toEqual([]);
    expect(slugOfPath('../blog/post/index.md#x')).toBe('post');
  });
});

describe('applyEdits and fix-all', () => {
  it('refuses overlapping edits', () => {
    expect(() => applyEdits('abcdef', [{ file: 'a', span: { start: 0, end: 3 }, newText: 'x' }, { file: 'a', span: { start: 2, end: 4 }, newText: 'y' }])).toThrow(/Overlapping/);
    expect(applyEdits('abcdef', [{ file: 'a', span: { start: 4, end: 6 }, newText: 'Y' }, { file: 'a', span: { start: 0, end: 1 }, newText: 'X' }])).toBe('XbcdY');
  });

  it('applies only safe fixes, one link insertion per page, without overlaps', async () => {
    const files: Record<string, string> = {
      'content/index.md': '# Home\n\n[Tool](/tool/) [Guide](/guide/)\n',
      'content/tool.md': '---\ntitle: Invoice generator\ncluster: c\nrole: tool\n---\n\n# Invoice generator\n\nMake one.\n',
      'content/guide.md': '---\ntitle: Guide\ncluster: c\nrole: tutoral\n---\n\n# Guide\n\nAn invoice generator saves time. Read the [home page](/) and the [home page](/) again.\n',
    };
    const p = new Project(new InMemoryWorkspace('/ws', files));
    await p.load();
    const findings = p.analyze().findings.filter((f) => f.file === 'content/guide.md');
    const r = fixAll({ model: p.model(), textOf: (f) => files[f] }, 'content/guide.md', findings.map((f) => ({ rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) })));
    expect(r).toBeDefined();
    expect(r!.applied.map((a) => a.rule).sort()).toEqual(['missing-target-link', 'repeated-link', 'unknown-role']);
    const fixed = applyEdits(files['content/guide.md']!, r!.fix.edits);
    expect(fixed).toContain('role: tutorial');
    expect(fixed).toContain('An [invoice generator](/tool/) saves time.');
    expect(fixed).toContain('Read the [home page](/) and the home page again.');
  });

  it('removes the link under the cursor, keeping its text', async () => {
    const files = { 'content/index.md': '# Home\n\nSee [the **guide**](/guide/) and <a href="/x/">x</a>.\n', 'content/guide.md': '# Guide\n' };
    const p = new Project(new InMemoryWorkspace('/ws', files));
    await p.load();
    const ctx = { model: p.model(), textOf: (f: string) => (files as Record<string, string>)[f] };
    const [fix] = removeLinkAt(ctx, 'content/index.md', { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } });
    expect(fix?.title).toBe('Remove link, keep text');
    expect(applyEdits(files['content/index.md'], fix!.edits)).toBe('# Home\n\nSee the **guide** and <a href="/x/">x</a>.\n');
    expect(removeLinkAt(ctx, 'content/index.md', { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } })).toEqual([]);
  });
});
