// Helpers for reading UTF-8 bytes (Uint8Array, so the parser stays free of Node's Buffer).
const utf8Decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** b[from, to) decoded as UTF-8 (bad bytes become U+FFFD). */
export const utf8 = (b: Uint8Array, from: number, to: number): string => utf8Decoder.decode(b.subarray(from, to));

/** Short ASCII b[from, to) as a string, one char a byte. */
export function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

export const encodeUtf8 = (s: string): Uint8Array => encoder.encode(s);

/** The bytes of ASCII text. */
export const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Index of `lit` in b at or after `from`, or -1. */
export function indexOfBytes(b: Uint8Array, lit: Uint8Array, from: number): number {
  const first = lit[0]!;
  for (let i = b.indexOf(first, from); i >= 0 && i + lit.length <= b.length; i = b.indexOf(first, i + 1)) {
    let k = 1;
    while (k < lit.length && b[i + k] === lit[k]) k++;
    if (k === lit.length) return i;
  }
  return -1;
}
