// anchor-collision and anchor-mismatch build the part of a message that belongs to a destination (or,
// for anchor-collision, to the anchor) once and share it between findings: the messages must read
// exactly as when each was built whole, and a list shared between findings' data must not be
// changeable through one of them.
import { describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import type { Finding } from '../../server/src/core/types';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

/** 14 destinations linked as "install guide" (two links to some), and two links whose words miss their destination. */
function site(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 14; i++) files[`d${String(i).padStart(2, '0')}.md`] = `# Destination ${i}\n\nBody.\n`;
  const links = Array.from({ length: 14 }, (_, i) => `- [install guide](./d${String(i).padStart(2, '0')}.md)`);
  files['a.md'] = `# A\n\n${links.join('\n')}\n\n[banana bread](./d01.md) and [banana bread](./d01.md)\n`;
  files['b.md'] = `# B\n\n${links.slice(0, 8).reverse().join('\n')}\n`;
  return files;
}

async function findings(rule: string): Promise<Finding[]> {
  const p = new Project(new InMemoryWorkspace('/ws', site()));
  await p.load();
  return p.analyze().findings.filter((f) => f.rule === rule);
}

describe('shared message parts', () => {
  it('anchor-collision messages read as when built whole, for destinations inside and past the first five', async () => {
    const found = await findings('anchor-collision');
    expect(found).toHaveLength(22);
    const dests = [...new Set(found.map((f) => f.data!.target as string))].sort();
    expect(dests).toHaveLength(14);
    for (const f of found) {
      const dest = f.data!.target as string;
      const others = dests.filter((d) => d !== dest);
      const url = (file: string) => `/${file.replace(/\.md$/, '')}/`;
      expect(f.message).toBe(`The anchor text "install guide" links here to ${url(dest)} but elsewhere to ${others.slice(0, 5).map(url).join(', ')} and ${others.length - 5} more: ` +
        'one anchor text should name one page; reword the anchor for each destination.');
      expect(f.data!.others).toEqual(others.slice(0, 10));
      expect(f.data!.otherCount).toBe(13);
    }
  });

  it('anchor-collision: destinations past the first ten share one frozen list of others', async () => {
    const found = await findings('anchor-collision');
    const late = found.filter((f) => ['d10.md', 'd11.md', 'd12.md', 'd13.md'].includes(f.data!.target as string));
    expect(late.length).toBeGreaterThan(1);
    const shared = late[0]!.data!.others as string[];
    for (const f of late) expect(f.data!.others).toBe(shared);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(() => shared.push('x.md')).toThrow();
    expect(late[1]!.data!.others).toEqual(['d00.md', 'd01.md', 'd02.md', 'd03.md', 'd04.md', 'd05.md', 'd06.md', 'd07.md', 'd08.md', 'd09.md']);
  });

  it('anchor-mismatch messages name the anchor and the destination as before', async () => {
    const found = await findings('anchor-mismatch');
    expect(found.filter((f) => f.message.includes('banana'))).toHaveLength(2);
    expect(found.length).toBeGreaterThan(20);
    for (const f of found) {
      const dest = f.data!.target as string;
      const n = Number(dest.slice(1, 3));
      const text = f.message.includes('banana') ? 'banana bread' : 'install guide';
      expect(f.message).toBe(`The link text "${text}" shares no word with its destination "Destination ${n}" (/${dest.replace(/\.md$/, '')}/): ` +
        'use words from the destination\'s title or topic, or check that the link points where you meant.');
    }
  });
});
