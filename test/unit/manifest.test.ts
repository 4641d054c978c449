import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../shared/src/settings';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('is generated from shared/src/settings.ts and client/contributes.json (no drift)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-manifest.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
  it('contributes every setting with description, type, default and scope', () => {
    const props = pkg.contributes.configuration.properties;
    for (const s of SETTINGS) {
      expect(props[s.key]).toMatchObject({ type: s.type, scope: s.scope });
      expect(props[s.key].markdownDescription.length).toBeGreaterThan(10);
      if (s.enum) expect(props[s.key].enumDescriptions).toHaveLength(s.enum.length);
    }
  });
  it('declares the bins, the mdx language and the config schema', () => {
    expect(pkg.bin).toEqual({ pillarlink: 'out/cli.js', 'pillarlink-lsp': 'out/server.js' });
    expect(pkg.contributes.languages.some((l: { id: string }) => l.id === 'mdx')).toBe(true);
    expect(pkg.contributes.jsonValidation[0].fileMatch).toBe('pillarlink.json');
    expect(fs.existsSync(path.join(root, pkg.contributes.jsonValidation[0].url))).toBe(true);
    for (const g of pkg.contributes.grammars) expect(fs.existsSync(path.join(root, g.path))).toBe(true);
  });
  it('every contributed command is registered by the client', () => {
    const dir = path.join(root, 'client', 'src');
    const client = (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    for (const c of pkg.contributes.commands) expect(client, c.command).toContain(`'${c.command}'`);
  });
});
