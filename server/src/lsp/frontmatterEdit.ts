// Minimal, text-preserving edits of top-level frontmatter keys (YAML `---` or TOML `+++`).
// Only the value span of an existing key is replaced, or one line per missing key is inserted,
// so comments, key order and formatting of the rest of the block survive.

export interface OffsetEdit { start: number; end: number; newText: string }

export type FrontmatterEditResult = { edits: OffsetEdit[] } | { error: string };

const YAML_RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;
const NUMBER = /^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$/;

/** A YAML scalar for `value`: plain when unambiguous, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9_][A-Za-z0-9_ ./-]*$/.test(value) && !/ $/.test(value) && !YAML_RESERVED.test(value) && !NUMBER.test(value);
  return plain ? value : JSON.stringify(value);
}

interface Block { kind: 'yaml' | 'toml'; /** Offset of the first line inside the block. */ bodyStart: number; /** Offset of the closing fence line. */ closeStart: number }

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

function findBlock(text: string): Block | undefined {
  const fence = text.startsWith('---') ? '---' : text.startsWith('+++') ? '+++' : undefined;
  if (!fence) return undefined;
  const firstEnd = lineEnd(text, 0);
  if (text.slice(0, firstEnd).replace(/\r$/, '').trimEnd() !== fence) return undefined;
  let at = firstEnd + 1;
  while (at <= text.length) {
    const end = lineEnd(text, at);
    const line = text.slice(at, end).replace(/\r$/, '').trimEnd();
    if (line === fence || (fence === '---' && line === '...')) return { kind: fence === '---' ? 'yaml' : 'toml', bodyStart: firstEnd + 1, closeStart: at };
    if (end >= text.length) break;
    at = end + 1;
  }
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Edits that set each `[key, value]` at the top level of the page's frontmatter, creating the block
 * when the page has none. Keys must be top-level names (no dotted paths).
 */
export function setFrontmatterValues(text: string, entries: readonly (readonly [string, string])[]): FrontmatterEditResult {
  for (const [key] of entries) {
    if (key.includes('.')) return { error: `Pillarlink writes only top-level frontmatter keys; "${key}" is a nested path. Edit the frontmatter by hand.` };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = findBlock(text);
  if (!block) {
    if (text.startsWith('---') || text.startsWith('+++')) return { error: 'The frontmatter block is not closed; fix it before Pillarlink edits it.' };
    const lines = entries.map(([k, v]) => `${k}: ${yamlScalar(v)}${eol}`).join('');
    return { edits: [{ start: 0, end: 0, newText: `---${eol}${lines}---${eol}` }] };
  }
  const edits: OffsetEdit[] = [];
  const inserts: string[] = [];
  const body = text.slice(block.bodyStart, block.closeStart);
  for (const [key, value] of entries) {
    const scalar = block.kind === 'yaml' ? yamlScalar(value) : JSON.stringify(value);
    const re = block.kind === 'yaml'
      ? new RegExp(`^(["']?)${escapeRe(key)}\\1[ \\t]*:`, 'm')
      : new RegExp(`^[ \\t]*(["']?)${escapeRe(key)}\\1[ \\t]*=`, 'm');
    const m = re.exec(body);
    // TOML: keys after a [table] header belong to that table, so only the root table counts.
    if (m && (block.kind === 'yaml' || !/^\s*\[/m.test(body.slice(0, m.index)))) {
      const valueStart = block.bodyStart + m.index + m[0].length;
      let end = lineEnd(text, valueStart);
      if (text[end - 1] === '\r') end--;
      const rest = text.slice(valueStart, end);
      // Keep a trailing comment: ` # ...` ends the value unless it sits inside quotes.
      const comment = /^(\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#'"]*?))(\s+#.*)?$/.exec(rest);
      const valueEnd = comment?.[2] ? valueStart + comment[1]!.length : end;
      if (block.kind === 'yaml' && rest.trim() === '') {
        // A block value (list or map on the following indented lines) is replaced as a whole.
        let stop = end;
        let at = lineEnd(text, valueStart) + 1;
        while (at < block.closeStart) {
          const le = lineEnd(text, at);
          const line = text.slice(at, le).replace(/\r$/, '');
          if (line.trim() !== '' && !/^[ \t]|^- /.test(line)) break;
          if (line.trim() !== '') stop = text[le - 1] === '\r' ? le - 1 : le;
          at = le + 1;
        }
        edits.push({ start: valueStart, end: stop, newText: ` ${scalar}` });
      } else {
        edits.push({ start: valueStart, end: valueEnd, newText: ` ${scalar}` });
      }
    } else {
      inserts.push(block.kind === 'yaml' ? `${key}: ${scalar}${eol}` : `${key} = ${scalar}${eol}`);
    }
  }
  if (inserts.length > 0) {
    // TOML: root keys must come before the first [table] header.
    let at = block.closeStart;
    if (block.kind === 'toml') {
      const table = /^\s*\[/m.exec(body);
      if (table) at = block.bodyStart + table.index;
    }
    edits.push({ start: at, end: at, newText: inserts.join('') });
  }
  return { edits };
}
