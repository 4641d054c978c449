// Minimal frontmatter edits: replace one scalar value or insert one line. The YAML is never
// re-serialised, so key order, comments and quoting stay as the author wrote them.
import { isMap, parseDocument } from 'yaml';
import { findFrontmatterField } from '../frontmatterPositions';
import type { Span } from '../types';
import type { FileEdit } from './types';

interface Block { kind: 'yaml' | 'toml'; valueStart: number; valueEnd: number; eol: string }

function block(text: string): Block | undefined {
  const m = /^(---|\+\+\+)[ \t]*(\r\n|\r|\n)/.exec(text);
  if (!m) return undefined;
  const fence = m[1]!;
  const valueStart = m[0].length;
  const close = new RegExp(`(^|\\r\\n|\\r|\\n)${fence === '---' ? '(?:---|\\.\\.\\.)' : '\\+\\+\\+'}[ \\t]*(?=\\r\\n|\\r|\\n|$)`, 'g');
  close.lastIndex = valueStart - m[2]!.length;
  const c = close.exec(text);
  if (!c) return undefined;
  return { kind: fence === '---' ? 'yaml' : 'toml', valueStart, valueEnd: c.index + c[1]!.length, eol: m[2]! };
}

/** The span of a scalar value (without its quotes) of a top-level or dotted key. */
export function valueSpan(text: string, key: string): Span | undefined {
  const f = findFrontmatterField(text, key);
  return f && (f.valueKind === 'plain' || f.valueKind === 'quoted') ? f.valueSpan : undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Sets a top-level frontmatter key to a plain string value: edits the value when the key exists,
 * else inserts a line after `after` (or at the end of the block), else adds a frontmatter block.
 */
export function setFrontmatterValue(file: string, text: string, key: string, value: string, after?: string): FileEdit | undefined {
  const span = valueSpan(text, key);
  if (span) return text.slice(span.start, span.end) === value ? undefined : { file, span, newText: value };
  const b = block(text);
  if (!b) {
    if (key.includes('.')) return undefined;
    const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
    return { file, span: { start: 0, end: 0 }, newText: `---${eol}${key}: ${value}${eol}---${eol}${text.startsWith('\n') || text.startsWith('\r') || text === '' ? '' : eol}` };
  }
  if (key.includes('.')) return undefined;
  const src = text.slice(b.valueStart, b.valueEnd);
  const line = b.kind === 'yaml' ? `${key}: ${value}` : `${key} = "${value}"`;
  if (b.kind === 'yaml') {
    const doc = parseDocument(src);
    if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  }
  let insertAt = b.valueEnd;
  if (after) {
    const re = new RegExp(`^${escapeRe(after)}[ \\t]*${b.kind === 'yaml' ? ':' : '='}.*$`, 'm');
    const m = re.exec(src);
    // Only a single-line value: a block value continues on the next lines.
    if (m && /\S/.test(m[0].slice(m[0].search(b.kind === 'yaml' ? /:/ : /=/) + 1))) {
      const lineEnd = b.valueStart + m.index + m[0].length;
      const eolLen = text.startsWith('\r\n', lineEnd) ? 2 : 1;
      insertAt = lineEnd + eolLen;
    }
  }
  // The block's last line may lack a line break before the closing fence.
  const needsEol = insertAt === b.valueEnd && insertAt > b.valueStart && !/[\r\n]$/.test(text.slice(b.valueStart, insertAt));
  return { file, span: { start: insertAt, end: insertAt }, newText: `${needsEol ? b.eol : ''}${line}${b.eol}` };
}
