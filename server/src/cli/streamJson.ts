// Writes exactly what `JSON.stringify(value, null, 2)` would, in chunks: the JSON of a large site
// (hundreds of MB of findings) is never held as one string, which would double the memory and can
// pass V8's maximum string length (~512 MB). Values are written piece by piece into a chunk: no
// per-item `JSON.stringify` and re-indented copy. Chunks stay under 16 K characters (32 KB even when
// two-byte), out of V8's large-object space, which only a full collection empties: MDN's JSON
// allocated 320 MB while printing with 64 K-character chunks joined from a list of pieces. (Encoding
// each piece into a reused Buffer allocates least but costs ~2 s of calls on the 14k synthetic site.)

const CHUNK = 16 * 1024;

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Characters JSON.stringify escapes in a string (lone surrogates included); a string without them is written as is. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Text written in chunks of at most ~16 K characters, kept as a string of concatenations until written. */
export class TextWriter {
  private chunk = '';

  constructor(private readonly write: (s: string) => void) {}

  /** Appends text as it is. */
  raw(s: string): void {
    this.chunk += s;
    if (this.chunk.length >= CHUNK) this.flush();
  }

  /** Writes out what is buffered. */
  flush(): void {
    if (this.chunk === '') return;
    const s = this.chunk;
    this.chunk = '';
    this.write(s);
  }
}

/** A chunked writer of two-space-indented JSON, byte for byte what JSON.stringify writes. */
export class JsonWriter extends TextWriter {
  private readonly indents = [''];

  /** Indentation of `level` (two spaces each). */
  indent(level: number): string {
    while (this.indents.length <= level) this.indents.push(`${this.indents[this.indents.length - 1]}  `);
    return this.indents[level]!;
  }

  /**
   * A string as a JSON string literal. `s` is read only through a new concatenation: V8 flattens a
   * string built by concatenation in place when it is first read, and a message kept that way
   * (core/analyze OneShotAnalysis) would then hold a flat copy for as long as its finding.
   */
  string(s: string): void {
    const wrapped = ` ${s}`;
    if (NEEDS_ESCAPE.test(wrapped)) { this.raw('"'); this.raw(JSON.stringify(wrapped).slice(2)); }
    else { this.raw('"'); this.raw(s); this.raw('"'); }
  }

  /** `"key": ` at `level`, after the line break the caller wrote. */
  key(k: string, level: number): void {
    this.raw(this.indent(level));
    this.string(k);
    this.raw(': ');
  }

  /**
   * Any value as JSON.stringify(value, null, 2) writes it when it sits at indentation `level`
   * (`key` is what JSON.stringify would hand to a toJSON method).
   */
  value(v: unknown, level = 0, key = ''): void {
    this.resolved(resolve(v, key), level);
  }

  private resolved(v: unknown, level: number): void {
    switch (typeof v) {
      case 'string': this.string(v); return;
      case 'number': this.raw(Number.isFinite(v) ? String(v) : 'null'); return;
      case 'boolean': this.raw(v ? 'true' : 'false'); return;
      case 'bigint': this.raw(JSON.stringify(v)); return; // throws, as JSON.stringify does
      case 'object': break;
      default: this.raw('null'); return;
    }
    if (v === null) { this.raw('null'); return; }
    const inner = this.indent(level + 1);
    if (Array.isArray(v)) {
      if (v.length === 0) { this.raw('[]'); return; }
      this.raw('[\n');
      for (let i = 0; i < v.length; i++) {
        this.raw(inner);
        const x = resolve(v[i], String(i));
        this.resolved(skipped(x) ? null : x, level + 1);
        this.raw(i < v.length - 1 ? ',\n' : '\n');
      }
      this.raw(this.indent(level));
      this.raw(']');
      return;
    }
    let first = true;
    for (const k of Object.keys(v)) {
      const x = resolve((v as Record<string, unknown>)[k], k);
      if (skipped(x)) continue;
      this.raw(first ? '{\n' : ',\n');
      first = false;
      this.key(k, level + 1);
      this.resolved(x, level + 1);
    }
    if (first) { this.raw('{}'); return; }
    this.raw('\n');
    this.raw(this.indent(level));
    this.raw('}');
  }
}

/** What JSON.stringify serialises in place of `v`: the result of its toJSON, a boxed primitive's value. */
function resolve(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object') {
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  }
  return v;
}

/** Writes `JSON.stringify(value, null, 2) + '\n'` through `write`, in chunks. */
export function streamJson(value: unknown, write: (s: string) => void): void {
  const w = new JsonWriter(write);
  w.value(value);
  w.raw('\n');
  w.flush();
}
