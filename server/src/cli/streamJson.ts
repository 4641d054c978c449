// Writes exactly what `JSON.stringify(value, null, 2) + '\n'` would, in chunks: the JSON of a large
// site (hundreds of MB of findings) is never held as one string, which would double the memory and
// can pass V8's maximum string length (~512 MB).

const CHUNK = 1 << 16;

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Streams the first `depth` levels of objects and arrays; deeper values are stringified whole. */
export function streamJson(value: unknown, write: (s: string) => void, depth = 2): void {
  let buf = '';
  const emit = (s: string) => {
    buf += s;
    if (buf.length >= CHUNK) { write(buf); buf = ''; }
  };
  const walk = (v: unknown, indent: string, level: number): void => {
    const container = v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
    if (!container || level >= depth) {
      // Raw line breaks never occur inside a JSON string (they are escaped): re-indenting is safe.
      const s = JSON.stringify(v, null, 2) ?? 'null';
      emit(indent === '' ? s : s.replace(/\n/g, `\n${indent}`));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) { emit('[]'); return; }
      emit('[\n');
      for (let i = 0; i < v.length; i++) {
        emit(inner);
        walk(skipped(v[i]) ? null : v[i], inner, level + 1);
        emit(i < v.length - 1 ? ',\n' : '\n');
      }
      emit(`${indent}]`);
      return;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => !skipped(x));
    if (entries.length === 0) { emit('{}'); return; }
    emit('{\n');
    entries.forEach(([k, x], i) => {
      emit(`${inner}${JSON.stringify(k)}: `);
      walk(x, inner, level + 1);
      emit(i < entries.length - 1 ? ',\n' : '\n');
    });
    emit(`${indent}}`);
  };
  walk(value, '', 0);
  emit('\n');
  if (buf !== '') write(buf);
}
