import { describe, expect, it } from 'vitest';
import { anchorCandidates, buildIntent, Idf, linkInsertions } from '../../../server/src/core/fixes/linkInsertion';
import { detectLinkStyle, encodeDestination, escapeAnchor, linkUrl } from '../../../server/src/core/fixes/linkStyle';
import { proseOf } from '../../../server/src/core/fixes/prose';
import { Project } from '../../../server/src/core/project';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const intent = buildIntent({ file: 't.md', title: 'Free invoice generator', keywords: ['invoice generator'] });
const idf = new Idf(['invoice generator tool', 'write an invoice by hand', 'coffee beans and cafes']);
const anchors = (file: string, text: string, limit = 3) => anchorCandidates(file, text, intent, idf, ['related posts'], limit).map((c) => c.anchor);

async function site(files: Record<string, string>) {
  const p = new Project(new InMemoryWorkspace('/ws', files));
  await p.load();
  return p.model();
}

describe('anchor candidates', () => {
  it('matches by stems: plurals and verb/noun variants', () => {
    expect(anchors('a.md', 'Most teams use invoice generators these days.\n')[0]).toBe('invoice generators');
    expect(anchors('a.md', 'With one click you generate invoices for every client.\n')[0]).toBe('generate invoices');
  });

  it('never offers a whole sentence, filler at the edges, or generic phrases', () => {
    expect(anchors('a.md', 'Invoice generator.\n')).not.toContain('Invoice generator');
    const got = anchors('a.md', 'Click here for the best free invoice generator around.\n', 10);
    expect(got).toContain('free invoice generator');
    for (const a of got) expect(a).not.toMatch(/^(the|for|click)\b|\b(the|around)$/i);
  });

  it('skips headings, code, links, JSX, frontmatter, tables with links, related sections and linked sentences', () => {
    const text = [
      '---',
      'title: invoice generator',
      '---',
      '',
      '# The invoice generator',
      '',
      '```',
      'invoice generator',
      '```',
      '',
      'Inline `invoice generator` code and an [invoice generator](/x/) link here.',
      '',
      'This sentence has a [link](/y/) and an invoice generator too.',
      '',
      '| a | b |',
      '|---|---|',
      '| [x](/x/) | invoice generator |',
      '',
      '<Box>invoice generator</Box>',
      '',
      'Plain words here.',
      '',
      '## Related posts',
      '',
      'Our invoice generator is related.',
      '',
    ].join('\n');
    expect(anchors('a.mdx', text, 10)).toEqual([]);
    const prose = proseOf('a.mdx', text, ['related posts']);
    const free = prose.blocks.flatMap((b) => b.sentences).filter((x) => !x.hasLink).flatMap((x) => x.chunks.flat().map((t) => t.lower));
    expect(free).not.toContain('generator');
    expect(free).toEqual(['plain', 'words', 'here']);
  });

  it('never offers words inside template tags: MDN macros, Liquid tags, Hugo shortcodes', () => {
    const text = [
      'Use {{domxref("WebGL_API/Types", "invoice generator types")}} for the invoice types.',
      '',
      'The {% link invoice-generator.md %} tag and {{< ref "invoice generator" >}} render links.',
      '',
      'Our invoice generator is free.',
      '',
    ].join('\n');
    const prose = proseOf('a.md', text, []);
    const words = prose.blocks.flatMap((b) => b.sentences).flatMap((x) => x.chunks.map((c) => c.map((t) => t.lower).join(' ')));
    expect(words).toEqual(['use', 'for the invoice types', 'the', 'tag and', 'render links', 'our invoice generator is free']);
    const got = anchorCandidates('a.md', text, intent, idf, [], 3);
    expect(got[0]?.anchor).toBe('invoice generator');
    expect(got[0]?.span.start).toBe(text.indexOf('Our invoice') + 4);
    const macros = [...text.matchAll(/\{\{[^]*?\}\}|\{%[^]*?%\}/g)].map((m) => [m.index, m.index + m[0].length]);
    for (const c of got) expect(macros.some(([a, b]) => c.span.start < b! && c.span.end > a!), c.anchor).toBe(false);
  });

  it('prefers the first third of the page', () => {
    const text = `${'Filler text about coffee. '.repeat(30)}\n\nA free invoice generator helps.\n\n${'Filler text about coffee. '.repeat(30)}\n\nThe free invoice generator helps.\n`;
    const [late, early] = [text.lastIndexOf('free invoice generator'), text.indexOf('free invoice generator')];
    const c = anchorCandidates('a.md', text, intent, idf, [], 3);
    expect(c[0]?.span.start).toBe(early);
    expect(late).toBeGreaterThan(early);
  });

  it('does not cut a name or a date in two', () => {
    const sessions = buildIntent({ file: 's.md', title: 'Sessions', slug: 'sessions' });
    const sIdf = new Idf(['sessions store data', 'routing pages', 'images and fonts']);
    const got = anchorCandidates('a.md', 'You can now use the Astro Sessions API to keep state.\n', sessions, sIdf, [], 3).map((c) => c.anchor);
    expect(got[0]).toBe('Astro Sessions API');
    // The sentence's first word is capitalised anyway: it is not taken as part of a name.
    expect(anchorCandidates('a.md', 'Using Sessions makes carts easy.\n', sessions, sIdf, [], 3)[0]?.anchor).toBe('Sessions');
    // A name takes the noun that says what it is.
    const netlify = buildIntent({ file: 'n.md', title: 'Netlify', slug: 'netlify' });
    expect(anchorCandidates('a.md', 'You will need the Netlify server adapter installed first.\n', netlify, sIdf, [], 3)[0]?.anchor).toBe('Netlify server adapter');
    expect(anchorCandidates('a.md', 'You can host on Netlify today for free.\n', netlify, sIdf, [], 3)[0]?.anchor).toBe('Netlify');
    const csp = buildIntent({ file: 'c.md', title: 'Content Security Policy', slug: 'csp' });
    expect(anchorCandidates('a.md', 'Sites set the Content-Security-Policy HTTP header on responses.\n', csp, sIdf, [], 3)[0]?.anchor).toBe('Content-Security-Policy HTTP header');
    const release = buildIntent({ file: 'r.md', title: 'Security releases of March 17th', slug: 'march-2023-security-releases' });
    const rIdf = new Idf(['security releases', 'downloads', 'about the project']);
    const dated = anchorCandidates('a.md', 'We fixed the issue that occurred on March 17th, 2023 in every line.\n', release, rIdf, [], 3).map((c) => c.anchor);
    expect(dated).toContain('March 17th, 2023');
    expect(dated).not.toContain('March 17th');
  });

  it('keeps hyphenated words whole, and a word completed into a name beats the bare word', () => {
    const docs = buildIntent({ file: 'd.md', title: 'Docs Introduction', slug: 'docs-introduction', headings: ['Docs-only mode'] });
    const idf = new Idf(['docs introduction', 'blog posts', 'pages and routes']);
    // "only" is a stop word, but hyphened to "Docs" it is part of the word; "Docs" alone would cut it.
    const got = anchorCandidates('a.md', 'The path starts at the docs folder. See Docs-only mode to drop it from the URL.\n', docs, idf, [], 3).map((c) => c.anchor);
    expect(got).toContain('Docs-only mode');
    expect(got).not.toContain('Docs');
    const severity = buildIntent({ file: 's.md', title: 'Severity', slug: 'severity' });
    const sev = anchorCandidates('a.md', 'This release fixes two low-severity defects in the parser.\n', severity, idf, [], 3).map((c) => c.anchor);
    expect(sev).toContain('low-severity');
    expect(sev).not.toContain('severity');
    const styling = buildIntent({ file: 's.md', title: 'Styles and CSS', slug: 'styling', headings: ['Tailwind', 'PostCSS'] });
    const sIdf2 = new Idf(['styles and css', 'routing', 'images']);
    expect(anchorCandidates('a.md', 'Tailwind is supported after installing the Tailwind Vite plugin for your project.\n', styling, sIdf2, [], 3)[0]?.anchor).toBe('Tailwind Vite plugin');
  });

  it('"and" inside an anchor must join the words the name joins', () => {
    const scripts = buildIntent({ file: 's.md', title: 'Scripts and event handling', slug: 'client-side-scripts', headings: ['Client-Side Scripts'] });
    const idf = new Idf(['scripts and event handling', 'routing', 'images']);
    expect(anchorCandidates('a.md', 'You can listen for these events and handle them in your component with client-side scripts.\n', scripts, idf, [], 3)[0]?.anchor).toBe('client-side scripts');
    expect(anchorCandidates('a.md', 'Read about scripts and event handling before you start writing widgets.\n', scripts, idf, [], 3)[0]?.anchor).toBe('scripts and event handling');
  });

  it('does not cut a noun phrase short when every added word is the target\'s', () => {
    const status = buildIntent({ file: 's.md', title: 'HTTP response status codes', slug: 'status', headings: ['Client error responses', 'Server error responses'] });
    const idf = new Idf(['http response status codes', 'http headers', 'methods']);
    expect(anchorCandidates('a.md', 'The 408 Request Timeout client error response status code means the server closed an idle connection.\n', status, idf, [], 3)[0]?.anchor).toBe('client error response status code');
    // Words before a name make a clause: "impact Node.js" is not a longer name.
    const ssl = buildIntent({ file: 'o.md', title: 'Node.js security fixes', slug: 'security-fixes', headings: ['Impact assessment'] });
    expect(anchorCandidates('a.md', 'These defects impact Node.js in every release line we support.\n', ssl, idf, [], 3).map((c) => c.anchor)).not.toContain('impact Node.js');
  });

  it('links a name of the page written whole, however long; a long run of words that is no name stays out', () => {
    const demo = buildIntent({ file: 'd.md', title: 'Building up a basic demo with A-Frame', slug: 'a-frame', headings: ['Getting started'] });
    const idf = new Idf(['building up a basic demo with a-frame', 'webxr devices', 'three.js']);
    expect(anchorCandidates('a.md', 'Our Building up a basic demo with A-Frame walkthrough shows how to create a scene.\n', demo, idf, [], 3)[0]?.anchor).toBe('Building up a basic demo with A-Frame');
    const flow = buildIntent({ file: 'f.md', title: 'Block and inline layout in normal flow', slug: 'block-and-inline-layout' });
    const idf2 = new Idf(['block and inline layout in normal flow', 'flexbox', 'grid layout']);
    expect(anchorCandidates('a.md', 'As we saw when discussing block and inline layout in normal flow, boxes stack.\n', flow, idf2, [], 3)[0]?.anchor).toBe('block and inline layout in normal flow');
    // Seven words around the name that are not the name: at most six.
    const words = (a: string) => a.split(/\s+/).length;
    for (const c of anchorCandidates('a.md', 'Read about inline layout in normal flow of block boxes before you start.\n', flow, idf2, [], 3)) expect(words(c.anchor)).toBeLessThanOrEqual(6);
  });

  it('a trailing "page", "post", "section" or "summary" after a name names the destination; elsewhere it is an ordinary word', () => {
    const involved = buildIntent({ file: 'g.md', title: 'Get Involved', slug: 'get-involved', headings: ['Community', 'Contributing'] });
    const idf = new Idf(['get involved community', 'download', 'releases', 'security']);
    expect(anchorCandidates('a.md', 'Anyone can help: see the Get Involved page for how to start contributing.\n', involved, idf, [], 3)[0]?.anchor).toBe('Get Involved page');
    const summary = buildIntent({ file: 's.md', title: 'September 2016 Security Releases', slug: 'september-2016-security-releases' });
    expect(anchorCandidates('a.md', 'All users should consult the security release summary for details on patched vulnerabilities.\n', summary, idf, [], 3)[0]?.anchor).toBe('security release summary');
    // "on the page" is where something is, not the page linked to.
    const islands = buildIntent({ file: 'i.md', title: 'Server islands', slug: 'server-islands', headings: ['Server island components'] });
    const idf2 = new Idf(['server islands', 'routing', 'images', 'page layouts']);
    for (const c of anchorCandidates('a.md', 'Server islands render dynamic islands on the page after the static shell loads.\n', islands, idf2, [], 3)) expect(c.anchor).not.toMatch(/page$/);
  });

  it('a determiner inside an anchor follows a connector or a verb the target writes before one, else it is a clause', () => {
    const adapters = buildIntent({ file: 'a.md', title: 'Adapter API', slug: 'adapter-reference', description: 'Build an adapter for the Astro build.' });
    const idf = new Idf(['adapter api', 'routing', 'images', 'styles']);
    const got = anchorCandidates('a.md', 'The adapter enhances the Astro build with server code.\n', adapters, idf, [], 3).map((c) => c.anchor);
    expect(got.some((a) => /enhances the/.test(a))).toBe(false);
    const deploy = buildIntent({ file: 'd.md', title: 'Deploy your Astro Site', slug: 'deploy' });
    expect(anchorCandidates('a.md', 'For production hosting, check out our guide on Deploying an Astro Website today.\n', deploy, idf, [], 3)[0]?.anchor).toBe('Deploying an Astro Website');
  });

  it('a lone verb takes its object; a noun before a clause does not', () => {
    const deploy = buildIntent({ file: 'd.md', title: 'Deployment', slug: 'deployment' });
    const dIdf = new Idf(['deployment guide', 'routing pages', 'images and fonts']);
    expect(anchorCandidates('a.md', 'If you deploy your site on a provider, builds are kept.\n', deploy, dIdf, [], 3)[0]?.anchor).toBe('deploy your site');
    const invoice = buildIntent({ file: 'i.md', title: 'Invoice', slug: 'invoice' });
    expect(anchorCandidates('a.md', 'Check that the invoice your client receives is complete.\n', invoice, dIdf, [], 3)[0]?.anchor).toBe('invoice');
  });

  it("offers a target's section name as a last choice: a heading that is a name, not a structure heading or a clause", () => {
    const regex = buildIntent({ file: 'r.md', title: 'Regular expressions', headings: ['Assertions', 'Examples', 'Who uses them'] });
    const rIdf = new Idf(['regular expressions', 'strings', 'numbers']);
    const got = (text: string) => anchorCandidates('a.md', text, regex, rIdf, [], 3).map((c) => c.anchor);
    expect(got('Quantifiers cannot be applied to assertions.\n')).toEqual(['assertions']);
    expect(got('See the examples above.\n')).toEqual([]);
    // "installed" is "Installation" by its stem, a structure heading too.
    const withInstall = buildIntent({ file: 'r.md', title: 'Regular expressions', headings: ['Installation'] });
    expect(anchorCandidates('a.md', 'Once the package is installed, run it.\n', withInstall, rIdf, [], 3)).toEqual([]);
    expect(got('Many people use them daily.\n')).toEqual([]);
    // Behind any anchor that names the page.
    expect(got('Regular expressions match text; quantifiers cannot be applied to assertions.\n')).toEqual(['Regular expressions', 'assertions']);
  });

  it('prefers phrases that cover more of the intent', () => {
    expect(anchors('a.md', 'A generator makes a free invoice generator obsolete? No: the free invoice generator is the generator.\n')[0]).toBe('free invoice generator');
  });
});

describe('link style', () => {
  const files = {
    'content/index.md': '# Home\n\n[A](./blog/a.md) [B](./blog/b.md) [Gen](./tools/gen/index.md)\n',
    'content/blog/a.md': '---\ntitle: A\n---\n\n# A\n\n[Home](/) [tool](/tools/gen)\n',
    'content/blog/b.md': '---\ntitle: B\n---\n\n# B\n\nNo links.\n',
    'content/tools/gen/index.md': '---\ntitle: Gen\n---\n\n# Gen\n',
  };

  it("follows the page's own links first, then the site majority", async () => {
    const m = await site(files);
    expect(detectLinkStyle(m, 'content/blog/a.md')).toMatchObject({ kind: 'url', trailingSlash: false });
    expect(linkUrl(m, 'content/blog/a.md', 'content/tools/gen/index.md')).toBe('/tools/gen');
    expect(detectLinkStyle(m, 'content/blog/b.md').kind).toBe('file');
    expect(linkUrl(m, 'content/blog/b.md', 'content/tools/gen/index.md')).toBe('../tools/gen/index.md');
  });

  it('escapes anchors and destinations', () => {
    expect(escapeAnchor('a [b] {c} <d>')).toBe('a \\[b\\] \\{c\\} \\<d\\>');
    expect(encodeDestination('/a b/(c)/')).toBe('/a%20b/%28c%29/');
  });

  it('inserts the link in the page and falls back to a sentence', async () => {
    const m = await site({
      ...files,
      'content/blog/c.md': '---\ntitle: C\n---\n\n# C\n\nThe gen tool is fast.\n',
      'content/blog/d.md': '---\ntitle: D\n---\n\n# D\n\nNothing related here\n',
    });
    const r = linkInsertions(m, 'content/blog/c.md', '---\ntitle: C\n---\n\n# C\n\nThe gen tool is fast.\n', 'content/tools/gen/index.md');
    expect(r.candidates[0]?.edit.newText).toBe('[gen tool](../tools/gen/index.md)');
    const d = linkInsertions(m, 'content/blog/d.md', '---\ntitle: D\n---\n\n# D\n\nNothing related here\n', 'content/tools/gen/index.md');
    expect(d.candidates).toEqual([]);
    expect(d.fallback?.title).toBe('Add a sentence linking to Gen (no natural anchor found)');
    expect(d.fallback?.edit.newText).toBe('. See [Gen](../tools/gen/index.md) for more.');
  });
});

describe('search queries as intent', () => {
  it("a target's top queries name it like keywords do", () => {
    const text = 'An online billing tool sends reminders for every invoice you issue.\n';
    expect(anchors('a.md', text)).not.toContain('online billing tool');
    const withQueries = buildIntent({ file: 't.md', title: 'Free invoice generator', keywords: ['invoice generator'], queries: ['online billing tool'] });
    expect(withQueries.phrases.find((p) => p.source === 'query')).toMatchObject({ text: 'online billing tool', weight: 3 });
    expect(anchorCandidates('a.md', text, withQueries, idf, [], 3)[0]?.anchor).toBe('online billing tool');
  });

  it('a page takes its top queries with impressions from the Search Console export', async () => {
    const model = await site({
      'pillarlink.json': JSON.stringify({ site: { baseUrl: 'https://example.com' }, searchConsole: { queries: 'gsc/queries.csv' } }),
      'content/tools/invoice-generator.md': '---\ntitle: Free invoice generator\n---\n\n# Free invoice generator\n\nMake one.\n',
      'content/blog/late.md': '---\ntitle: Late payments\n---\n\n# Late payments\n\nAn online billing tool sends reminders for every invoice you issue.\n',
      'gsc/queries.csv': 'page,query,clicks,impressions,position\nhttps://example.com/tools/invoice-generator/,online billing tool,900,20000,2.5\nhttps://example.com/tools/invoice-generator/,zero impressions query,0,0,\n',
    });
    const r = linkInsertions(model, 'content/blog/late.md', '---\ntitle: Late payments\n---\n\n# Late payments\n\nAn online billing tool sends reminders for every invoice you issue.\n', 'content/tools/invoice-generator.md');
    expect(r.candidates[0]?.anchor).toBe('online billing tool');
  });
});
