import { describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

async function findings(files: Record<string, string>, rule: string) {
  const project = new Project(new InMemoryWorkspace('/ws', files));
  await project.load();
  return project.analyze().findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.range.start.line}`);
}

const pages = {
  'content/index.md': '# Home\n\n[Guide](/guide/)\n',
  'content/guide.md': '# Guide\n',
};

describe('suppressions', () => {
  it('an HTML comment disables a rule on the next line only', async () => {
    const page = [
      '# Notes',
      '',
      'See [the guide](/guide/).',
      'Again [the guide](/guide/).',
      '<!-- pillarlink-disable-next-line repeated-link -->',
      'And [the guide](/guide/) once more.',
      'Finally [the guide](/guide/).',
    ].join('\n');
    expect(await findings({ ...pages, 'content/notes.md': page }, 'repeated-link')).toEqual(['content/notes.md:3', 'content/notes.md:6']);
  });

  it('an MDX comment works the same way, and names only the rules it lists', async () => {
    const page = [
      '# Notes',
      '',
      'See [the guide](/guide/).',
      '{/* pillarlink-disable-next-line repeated-link */}',
      'Again <Link href="/guide/">the guide</Link>.',
      '{/* pillarlink-disable-next-line broken-link */}',
      'Once more [the guide](/guide/).',
    ].join('\n');
    expect(await findings({ ...pages, 'content/notes.mdx': page }, 'repeated-link')).toEqual(['content/notes.mdx:6']);
  });

  it('disable and enable bracket a region; no rule list means every rule', async () => {
    const page = [
      '# Notes',
      '',
      'See [the guide](/guide/).',
      '<!-- pillarlink-disable -->',
      'Again [the guide](/guide/) and [a missing page](/gone/).',
      '<!-- pillarlink-enable -->',
      'Once more [the guide](/guide/).',
    ].join('\n');
    const files = { ...pages, 'content/notes.md': page };
    expect(await findings(files, 'repeated-link')).toEqual(['content/notes.md:6']);
    expect(await findings(files, 'broken-link')).toEqual([]);
  });

  it('frontmatter `pillarlink: { disable: [...] }` silences rules for the whole page', async () => {
    const chain: Record<string, string> = { 'content/index.md': '# Home\n\n[A](/a/)\n' };
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    names.forEach((n, i) => {
      const next = names[i + 1] ? `[next](/${names[i + 1]}/) and [next again](/${names[i + 1]}/)` : '';
      chain[`content/${n}.md`] = `# ${n}\n\n${next}\n`;
    });
    expect(await findings(chain, 'deep-page')).toEqual(['content/e.md:0', 'content/f.md:0']);
    chain['content/e.md'] = `---\npillarlink: { disable: [deep-page] }\n---\n${chain['content/e.md']}`;
    chain['content/f.md'] = `---\npillarlink:\n  disable: true\n---\n${chain['content/f.md']}`;
    expect(await findings(chain, 'deep-page')).toEqual([]);
    // Only the listed rule is silenced on e.md.
    expect(await findings(chain, 'repeated-link')).toEqual(['content/a.md:2', 'content/b.md:2', 'content/c.md:2', 'content/d.md:2', 'content/e.md:5']);
  });
});
