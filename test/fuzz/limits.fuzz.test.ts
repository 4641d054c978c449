// The parse guard (core/parse/limits.ts): pathological input is blanked without moving any
// offset, ordinary text is left alone, and the rest of the page is still analysed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizePathological, PARSE_LIMITS } from '../../server/src/core/parse/limits';
import { parsePage } from '../../server/src/core/parse/page';
import { FRAGMENTS } from './support';

describe('neutralizePathological', () => {
  it('keeps the length and every line break, and changes nothing in ordinary text', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS, 'word ', '>'.repeat(40), '*'.repeat(300), 'x'.repeat(1000)), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const { text: out, problems } = neutralizePathological(text);
      expect(out.length).toBe(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        if (c === '\n' || c === '\r') expect(out[i]).toBe(c);
        else if (out[i] !== c) expect(out[i]).toBe(' ');
      }
      if (problems.length === 0) expect(out).toBe(text);
    }), { numRuns: 300, seed: 20261122 });
  });

  it('leaves a realistic page untouched', () => {
    const page = '---\ntitle: x\n---\n\n# T\n\n> quote\n> > nested\n\n- a\n  - b\n    - c\n\n**bold** _em_ `code`\n\n```js\n' + ' '.repeat(120) + 'deep();\n```\n';
    expect(neutralizePathological(page)).toEqual({ text: page, problems: [] });
  });

  it.each([
    ['10k nested blockquotes', `${'>'.repeat(10_000)} [x](/x/)\n\n[after](/after/)\n`],
    ['10k nested list markers', `${'- '.repeat(10_000)}x\n\n[after](/after/)\n`],
    ['indented list 300 deep', `${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n\n[after](/after/)\n`],
    ['10k emphasis markers', `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n\n[after](/after/)\n`],
    ['a megabyte line of links', `${'[a](/b) '.repeat(150_000)}\n\n[after](/after/)\n`],
  ])('%s: reported at its line, and the link after it is still found', (_name, text) => {
    const t0 = Date.now();
    const page = parsePage('content/p.md', text);
    const elapsed = Date.now() - t0;
    expect(page.problems.some((p) => p.kind === 'parse-error')).toBe(true);
    expect(page.links.map((l) => l.url)).toContain('/after/');
    // Unguarded, these took from 4 s to minutes (or overflowed the stack) on this machine.
    expect(elapsed).toBeLessThan(5000);
  });

  it('10k nested JSX tags fall back to Markdown with a positioned problem', () => {
    // One tag per line: a single line this long would be caught by the line-length limit first.
    const text = `# T\n\n${Array(10_000).fill('<Box>').join('\n')}\nx\n${Array(10_000).fill('</Box>').join('\n')}\n\n[after](/after/)\n`;
    const page = parsePage('content/p.mdx', text);
    const p = page.problems.find((x) => x.message.includes(`limit ${PARSE_LIMITS.maxTagNesting}`));
    expect(p).toBeDefined();
    expect(p!.span.start).toBeGreaterThan(0);
    expect(page.links.map((l) => l.url)).toContain('/after/');
  });
});
