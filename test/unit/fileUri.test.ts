// The language server writes file URIs of workspace paths by concatenation when pathToFileURL would
// write the same: it must never differ from pathToFileURL (the client matches URIs as strings).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileUri } from '../../server/src/lsp/session';

const hrefOf = (root: string) => {
  const h = pathToFileURL(root).href;
  return h.endsWith('/') ? h : `${h}/`;
};

describe('fileUri', () => {
  const roots = process.platform === 'win32' ? ['C:\\work\\site', 'C:\\'] : ['/work/site', '/', '/a b/c#d', '/ü/x%20', '/work/site/'];
  const char = fc.constantFrom(...'abcXYZ09_.~-/ %#?&+,;=@!$\'()*:[]{}<>`"|\\^\tüé日'.split(''));

  it('equals pathToFileURL for plain and escaped paths, dot segments and odd roots', () => {
    const fixed = ['files/en-us/web/api/index.md', 'docs/a.mdx', 'a', '.hidden/x.md', 'a/./b.md', 'a/../b.md', '../out.md', './a.md', 'a//b.md', 'a b.md', 'x#y.md', 'ü.md', '100%.md', 'a/b/'];
    for (const root of roots) {
      for (const file of fixed) expect(fileUri(root, hrefOf(root), file), `${root} ${file}`).toBe(pathToFileURL(path.join(root, file)).href);
    }
    fc.assert(
      fc.property(fc.constantFrom(...roots), fc.array(char, { minLength: 1, maxLength: 20 }).map((a) => a.join('')), (root, file) => {
        expect(fileUri(root, hrefOf(root), file)).toBe(pathToFileURL(path.join(root, file)).href);
      }),
      { numRuns: 5000, seed: 3 },
    );
  });
});
