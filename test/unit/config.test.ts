import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, ruleOptions, ruleSeverity } from '../../server/src/core/config';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

const PAGES = {
  'content/index.md': '# Home\n\nSee [missing](/missing/) and [a](/a/).\n',
  'content/a.md': '# A\n\nBack [home](/).\n',
};

async function analyzeWith(config: string | undefined) {
  const files: Record<string, string> = { ...PAGES };
  if (config !== undefined) files['pillarlink.json'] = config;
  const p = new Project(new InMemoryWorkspace('/ws', files));
  await p.load();
  return { project: p, findings: p.analyze().findings };
}

describe('parseConfig', () => {
  it('reads JSONC with comments and trailing commas', () => {
    const { config, problems } = parseConfig('{\n  // line comment\n  "contentRoots": ["site"], /* block */\n  "staticDirs": ["assets",],\n}\n');
    expect(problems).toEqual([]);
    expect(config.contentRoots).toEqual(['site']);
    expect(config.staticDirs).toEqual(['assets']);
    expect(config.relatedHeadings).toEqual(DEFAULT_CONFIG.relatedHeadings);
  });

  it('invalid JSON: one problem positioned at the error, defaults used', () => {
    const text = '{\n  "contentRoots": ["site"]\n  "exclude": []\n}\n';
    const { config, problems } = parseConfig(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/not valid JSON/);
    expect(problems[0]!.span.start).toBe(text.indexOf('"exclude"'));
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('a wrong-typed key: a problem on that key and its default; other keys kept', () => {
    const text = '{\n  "staticDirs": "assets",\n  "contentRoots": ["site"],\n  "maxFileSize": -1\n}\n';
    const { config, problems } = parseConfig(text);
    expect(problems.map((p) => text.slice(p.span.start, p.span.end))).toEqual(['"staticDirs"', '"maxFileSize"']);
    expect(problems[0]!.message).toBe('"staticDirs" must be an array of strings; its default is used.');
    expect(config.staticDirs).toEqual(DEFAULT_CONFIG.staticDirs);
    expect(config.maxFileSize).toBe(DEFAULT_CONFIG.maxFileSize);
    expect(config.contentRoots).toEqual(['site']);
  });

  it('a non-object document', () => {
    const { config, problems } = parseConfig('[1, 2]');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/must hold an object/);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('rule settings: severities, object and array forms; bad values are problems', () => {
    const text = JSON.stringify({
      rules: {
        a: 'off', b: 'hint', c: 'information', d: 'warning', e: 'error',
        f: { severity: 'warning', options: { n: 3 } },
        g: ['error', { m: true }],
        h: { options: { only: 1 } },
        bad1: 'fatal',
        bad2: { severity: 'loud' },
        bad3: 42,
      },
    }, null, 2);
    const { config, problems } = parseConfig(text);
    const sev = (id: string) => ruleSeverity(config, id, 'warning');
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(sev)).toEqual(['off', 'hint', 'information', 'warning', 'error', 'warning', 'error', 'warning']);
    expect(ruleOptions(config, 'f')).toEqual({ n: 3 });
    expect(ruleOptions(config, 'g')).toEqual({ m: true });
    expect(ruleOptions(config, 'h')).toEqual({ only: 1 });
    expect(ruleOptions(config, 'a')).toEqual({});
    expect(problems.map((p) => text.slice(p.span.start, p.span.end))).toEqual(['"bad1"', '"bad2"', '"bad3"']);
    expect(ruleSeverity(config, 'bad1', 'error')).toBe('error');
  });

  it('a problem is positioned at the key, not at an equal string earlier in the file', () => {
    const text = '{\n  "exclude": ["staticDirs"],\n  "staticDirs": 5\n}\n';
    const { problems } = parseConfig(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.span.start).toBe(text.lastIndexOf('"staticDirs"'));
  });

  it('nested keys: site.baseUrl and components', () => {
    const { config, problems } = parseConfig('{ "site": { "baseUrl": "not a url" }, "components": { "link": ["A"], "navigation": "Nav" } }');
    expect(problems.map((p) => p.message)).toEqual(['"baseUrl" must be an absolute http(s) URL; its default is used.', '"navigation" must be an array of component names; its default is used.']);
    expect(config.site.baseUrl).toBeUndefined();
    expect(config.components.link).toEqual(['A']);
    expect(config.components.navigation).toEqual(DEFAULT_CONFIG.components.navigation);
  });
});

describe('config in a project', () => {
  it('invalid JSON → a config-error finding positioned in pillarlink.json; the defaults are used', async () => {
    const text = '{\n  "rules": { "broken-link": "off" },\n  oops\n}\n';
    const { project, findings } = await analyzeWith(text);
    const errs = findings.filter((f) => f.rule === 'config-error');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ file: 'pillarlink.json', severity: 'error', range: { start: { line: 2, character: 2 } } });
    expect(project.configUnreadable).toBe(true);
    // Defaults: broken-link is still on.
    expect(findings.some((f) => f.rule === 'broken-link')).toBe(true);
  });

  it('a wrong-typed key is a config-error on its line', async () => {
    const { findings } = await analyzeWith('{\n  "entryPoints": "content/index.md"\n}\n');
    const errs = findings.filter((f) => f.rule === 'config-error');
    expect(errs).toHaveLength(1);
    expect(errs[0]!.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 1, character: 15 } });
  });

  it('a severity override changes the findings\' severity; off removes the rule', async () => {
    const base = await analyzeWith(undefined);
    expect(base.findings.filter((f) => f.rule === 'broken-link').map((f) => f.severity)).toEqual(['error']);
    const warn = await analyzeWith('{ "rules": { "broken-link": "warning" } }');
    expect(warn.findings.filter((f) => f.rule === 'broken-link').map((f) => f.severity)).toEqual(['warning']);
    const obj = await analyzeWith('{ "rules": { "broken-link": { "severity": "hint" } } }');
    expect(obj.findings.filter((f) => f.rule === 'broken-link').map((f) => f.severity)).toEqual(['hint']);
    const arr = await analyzeWith('{ "rules": { "broken-link": ["information", {}] } }');
    expect(arr.findings.filter((f) => f.rule === 'broken-link').map((f) => f.severity)).toEqual(['information']);
    const off = await analyzeWith('{ "rules": { "broken-link": "off" } }');
    expect(off.findings.filter((f) => f.rule === 'broken-link')).toEqual([]);
    expect(off.findings.filter((f) => f.rule === 'config-error')).toEqual([]);
  });

  it('fixing the config file clears its finding', async () => {
    const ws = new InMemoryWorkspace('/ws', { ...PAGES, 'pillarlink.json': '{ bad' });
    const p = new Project(ws);
    await p.load();
    expect(p.analyze().findings.filter((f) => f.rule === 'config-error')).toHaveLength(1);
    ws.set('pillarlink.json', '{ "rules": { "broken-link": "warning" } }');
    expect(await p.fileChanged('pillarlink.json')).toBe(true);
    const f = p.analyze().findings;
    expect(f.filter((x) => x.rule === 'config-error')).toEqual([]);
    expect(f.find((x) => x.rule === 'broken-link')?.severity).toBe('warning');
  });

  it('deleting the config file returns to the defaults', async () => {
    const ws = new InMemoryWorkspace('/ws', { ...PAGES, 'pillarlink.json': '{ "rules": { "broken-link": "off" } }' });
    const p = new Project(ws);
    await p.load();
    expect(p.analyze().findings.some((f) => f.rule === 'broken-link')).toBe(false);
    ws.delete('pillarlink.json');
    await p.fileChanged('pillarlink.json');
    expect(p.analyze().findings.some((f) => f.rule === 'broken-link')).toBe(true);
  });
});
