// Numbers as localised Search Console exports write them: "1,234" (en), "1.234" (de, es, it, nl,
// pt), "1 234" with a (narrow) no-break space (fr), "3.2%" / "3,2 %" percentages, "4,1" positions.

const GROUP_SPACES = /[\s\u00a0\u202f]/g;

/**
 * A count (clicks, impressions): every separator is a thousands separator, since counts are whole.
 * Returns undefined when the text is not a number.
 */
export function parseCount(raw: string): number | undefined {
  const t = raw.trim().replace(GROUP_SPACES, '');
  if (t === '' || t === '-' || t === '—') return t === '' ? undefined : 0;
  if (!/^\d{1,3}([.,'’]\d{3})*$/.test(t) && !/^\d+$/.test(t)) {
    // Some tools write counts as decimals ("12.0"); accept a fractional part of zeros only.
    const m = /^(\d+)[.,]0+$/.exec(t);
    return m ? Number(m[1]) : undefined;
  }
  return Number(t.replace(/[.,'’]/g, ''));
}

/**
 * A decimal (position, CTR): with both "." and "," the last one is the decimal mark; with one of
 * them, it is the decimal mark unless it groups exactly three digits more than once ("1.234.567").
 * Returns undefined when the text is not a number.
 */
export function parseDecimal(raw: string): number | undefined {
  let t = raw.trim().replace(GROUP_SPACES, '');
  if (t === '') return undefined;
  const neg = t.startsWith('-');
  if (neg) t = t.slice(1);
  if (!/^[\d.,'’]+$/.test(t) || !/\d/.test(t)) return undefined;
  t = t.replace(/['’]/g, '');
  const lastDot = t.lastIndexOf('.'), lastComma = t.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if (t.split(decimal).length > 2) return undefined;
    normal = t.split(group).join('').replace(decimal, '.');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = t.split(sep);
    if (parts.length > 2) {
      if (!parts.slice(1).every((p) => p.length === 3)) return undefined;
      normal = parts.join('');
    } else normal = parts.join('.');
  } else normal = t;
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normal)) return undefined;
  const v = Number(normal);
  return Number.isFinite(v) ? (neg ? -v : v) : undefined;
}

/** A percentage ("3.2%", "3,2 %", "0.032") as a fraction (0.032). */
export function parsePercent(raw: string): number | undefined {
  const t = raw.trim();
  const pct = /%\s*$/.test(t) || /^\s*%/.test(t);
  const v = parseDecimal(t.replace(/%/g, ''));
  if (v === undefined) return undefined;
  return pct || v > 1 ? v / 100 : v;
}
