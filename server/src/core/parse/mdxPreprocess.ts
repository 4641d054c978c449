// Same-length rewrites that let strict MDX parse what Docusaurus and similar sites accept:
// heading ids `{#id}` and HTML comments. Offsets are preserved, so positions stay exact.

export interface Preprocessed { text: string; explicitIds: Map<number, string> }

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_ID = /^( {0,3}#{1,6}\s.*?)(\s*\{#([^}\s]+)\})(\s*)$/;

export function preprocessMdx(text: string): Preprocessed {
  const explicitIds = new Map<number, string>();
  const lines = text.split(/(\r\n|\r|\n)/);
  let fence: string | null = null;
  let inComment = false;
  let lineNo = 0;
  for (let i = 0; i < lines.length; i += 2) {
    let line = lines[i]!;
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = null;
    } else if (f && !inComment) {
      fence = f[1]!;
    } else {
      const h = HEADING_ID.exec(line);
      if (h) {
        explicitIds.set(lineNo, h[3]!);
        line = h[1]! + ' '.repeat(h[2]!.length) + h[4]!;
      }
      const r = rewriteComments(line, inComment);
      line = r.line;
      inComment = r.inComment;
    }
    lines[i] = line;
    lineNo++;
  }
  return { text: lines.join(''), explicitIds };
}

/** `<!--` → `{/* ` and `-->` → `*\/}` (same lengths), tracking comments across lines. */
function rewriteComments(line: string, inComment: boolean): { line: string; inComment: boolean } {
  // Most lines neither hold nor continue a comment.
  if (!inComment && !line.includes('<!--')) return { line, inComment };
  let out = '';
  let i = 0;
  let inCode = false;
  while (i < line.length) {
    if (!inComment && line[i] === '`') { inCode = !inCode; out += '`'; i++; continue; }
    if (!inCode && !inComment && line.startsWith('<!--', i)) { out += '{/* '; i += 4; inComment = true; continue; }
    if (inComment && line.startsWith('-->', i)) { out += '*/}'; i += 3; inComment = false; continue; }
    if (inComment && line.startsWith('*/', i)) { out += '* '; i += 2; continue; }
    out += line[i];
    i++;
  }
  return { line: out, inComment };
}
