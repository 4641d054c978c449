// GFM constructs a page's text cannot contain need not be tried at every character: micromark's
// autolink-literal extension alone attempts an email autolink at every letter and digit, and its
// mdast transform re-scans every text node. Each GFM construct needs a character sequence to start,
// so extensions are chosen from the text; when a sequence is absent the parse is identical without
// the construct (test/perf/scanner-equivalence.test.ts compares against the full extension set).
import type { Extension as MdastExtension } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { mdxjs } from 'micromark-extension-mdxjs';
import type { Extension } from 'micromark-util-types';

/** The GFM constructs in micromark-extension-gfm's order, with what each needs in the text to start. */
const GFM = [
  // `www.`, `http://`/`https://`, or an email address (`@`); the mdast transform looks for the same.
  { needs: (t: string) => t.includes('@') || /https?:|www\./i.test(t), syntax: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown() },
  { needs: (t: string) => t.includes('[^'), syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { needs: (t: string) => t.includes('~'), syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row has at least one pipe.
  { needs: (t: string) => t.includes('|'), syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  // `[ ]`, `[x]`, `[X]` (any whitespace between the brackets counts as unchecked).
  { needs: (t: string) => /\[[\sxX]\]/.test(t), syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
] as const;

const FRONTMATTER = frontmatter(['yaml', 'toml']);
const FRONTMATTER_MDAST = frontmatterFromMarkdown(['yaml', 'toml']);
const MDX = mdxjs();
const MDX_MDAST = mdxFromMarkdown();

export interface ExtensionSet { extensions: Extension[]; mdastExtensions: (MdastExtension | MdastExtension[])[] }

const memo = new Map<number, ExtensionSet>();

/** GFM constructs that can occur in `text`, as a bit set in GFM's order. */
export function gfmNeeds(text: string): number {
  let mask = 0;
  GFM.forEach((g, i) => { if (g.needs(text)) mask |= 1 << i; });
  return mask;
}

/** Every GFM construct (what micromark-extension-gfm's gfm() enables). */
export const ALL_GFM = (1 << GFM.length) - 1;

/** The micromark and mdast extensions for a page: frontmatter, the GFM constructs in `gfmMask`, MDX when asked. */
export function extensionsFor(gfmMask: number, mdx: boolean): ExtensionSet {
  const key = gfmMask | (mdx ? 1 << GFM.length : 0);
  const known = memo.get(key);
  if (known) return known;
  const chosen = GFM.filter((_, i) => gfmMask & (1 << i));
  const set: ExtensionSet = {
    extensions: [...(mdx ? [MDX] : []), FRONTMATTER, ...chosen.map((g) => g.syntax as Extension)],
    mdastExtensions: [...(mdx ? [MDX_MDAST] : []), FRONTMATTER_MDAST, ...chosen.map((g) => g.mdast)],
  };
  memo.set(key, set);
  return set;
}
