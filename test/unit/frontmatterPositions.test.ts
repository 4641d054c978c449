import { describe, expect, it } from 'vitest';
import { findFrontmatterField, frontmatterBlock, setFrontmatterValue, type TextEdit } from '../../server/src/core/frontmatterPositions';

const apply = (text: string, e: TextEdit) => text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('frontmatter positions', () => {
  const page = [
    '---',
    'title: "Invoicing: the guide"',
    'role: tutorial # a comment',
    "cluster: 'invoicing'",
    'tags: [a, b]',
    'seo:',
    '  # nested keys',
    '  cluster: seo-cluster',
    '  role: target',
    'inline: { role: faq, cluster: "x y" }',
    'dotted.key: yes',
    'summary: |',
    '  role: not a key',
    '---',
    '# Body',
    'role: body text',
  ].join('\n');

  it('finds the block', () => {
    expect(frontmatterBlock(page)).toMatchObject({ format: 'yaml', contentStart: 4 });
    expect(frontmatterBlock('# No frontmatter\n')).toBeUndefined();
    expect(frontmatterBlock('---\ntitle: never closed\n')).toBeUndefined();
  });

  it('finds top-level, quoted, nested, flow and literal dotted keys', () => {
    const f = (p: string) => {
      const x = findFrontmatterField(page, p);
      return x && [at(page, x.keySpan), at(page, x.valueSpan), x.valueKind];
    };
    expect(f('title')).toEqual(['title', 'Invoicing: the guide', 'quoted']);
    expect(f('role')).toEqual(['role', 'tutorial', 'plain']);
    expect(f('cluster')).toEqual(['cluster', 'invoicing', 'quoted']);
    expect(f('tags')).toEqual(['tags', '[a, b]', 'flow']);
    expect(f('seo')).toEqual(['seo', '', 'empty']);
    expect(f('seo.cluster')).toEqual(['cluster', 'seo-cluster', 'plain']);
    expect(f('seo.role')).toEqual(['role', 'target', 'plain']);
    expect(f('inline.role')).toEqual(['role', 'faq', 'plain']);
    expect(f('inline.cluster')).toEqual(['cluster', 'x y', 'quoted']);
    expect(f('dotted.key')).toEqual(['dotted.key', 'yes', 'plain']);
    expect(f('summary')).toEqual(['summary', '', 'block']);
    expect(f('missing')).toBeUndefined();
    expect(f('seo.missing')).toBeUndefined();
    expect(f('title.x')).toBeUndefined();
  });

  it('reads TOML frontmatter', () => {
    const toml = '+++\ntitle = "Guide"\ncluster = "tax"\n[seo]\nrole = "target"\n+++\n# Guide\n';
    const x = findFrontmatterField(toml, 'seo.role')!;
    expect([at(toml, x.keySpan), at(toml, x.valueSpan)]).toEqual(['role', 'target']);
    expect(at(toml, findFrontmatterField(toml, 'cluster')!.valueSpan)).toBe('tax');
    expect(findFrontmatterField(toml, 'role')).toBeUndefined();
  });

  it('sets values: replace, insert, nest, create', () => {
    expect(apply(page, setFrontmatterValue(page, 'role', 'explainer'))).toContain('role: explainer # a comment');
    expect(apply(page, setFrontmatterValue(page, 'cluster', "it's"))).toContain("cluster: 'it''s'");
    expect(apply(page, setFrontmatterValue(page, 'seo.role', 'pillar'))).toContain('  cluster: seo-cluster\n  role: pillar\n');
    expect(apply(page, setFrontmatterValue(page, 'seo.keywords', 'vat'))).toContain('  role: target\n  keywords: vat\ninline:');
    expect(apply(page, setFrontmatterValue(page, 'summary', 'short'))).toContain('summary: short\n---');
    expect(apply(page, setFrontmatterValue(page, 'draft', 'true'))).toContain('  role: not a key\ndraft: "true"\n---');
    const plain = '---\ntitle: x\n---\n# X\n';
    expect(apply(plain, setFrontmatterValue(plain, 'meta.role', 'faq'))).toBe('---\ntitle: x\nmeta:\n  role: faq\n---\n# X\n');
    expect(apply('# X\n', setFrontmatterValue('# X\n', 'role', 'case-study'))).toBe('---\nrole: case-study\n---\n# X\n');
    const crlf = '---\r\ntitle: x\r\n---\r\n';
    expect(apply(crlf, setFrontmatterValue(crlf, 'role', 'faq'))).toBe('---\r\ntitle: x\r\nrole: faq\r\n---\r\n');
    const toml = '+++\ntitle = "x"\n+++\n';
    expect(apply(toml, setFrontmatterValue(toml, 'role', 'faq'))).toBe('+++\ntitle = "x"\nrole = "faq"\n+++\n');
  });
});
