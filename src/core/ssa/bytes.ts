// Helpers for reading UTF-8 bytes (Uint8Array, so the parser stays free of Node's Buffer).
const utf8Decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** b[from, to) decoded as UTF-8 (bad bytes become U+FFFD). */
export const utf8 = (b: Uint8Array, from: number, to: number): string => utf8Decoder.decode(b.subarray(from, to));

/** Short ASCII b[from, to) as a string, one char a byte. */
export function ascii(b: Uint8Array, from: number, to: number): string {
  return charString(b).substring(from, to);
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

// One string per buffer, one char a byte (windows-1252, what the 'latin1' label decodes): ASCII text is
// cut from it with substring instead of decoding each short run on its own (the decoder's cost is per
// call, and most of the file's texts are a few ASCII bytes).
const oneCharPerByte = new TextDecoder('latin1');
let charsOf: Uint8Array | null = null;
let chars = '';

function charString(b: Uint8Array): string {
  if (charsOf !== b) {
    chars = oneCharPerByte.decode(b);
    charsOf = b;
  }
  return chars;
}

/** Lets go of the string of the last buffer (the parser calls it when a buffer is done with). */
export function forgetChars(): void {
  charsOf = null;
  chars = '';
}

const ENTITY: Array<[Uint8Array, string]> = [
  [asciiBytes('lt;'), '<'],
  [asciiBytes('gt;'), '>'],
  [asciiBytes('amp;'), '&'],
  [asciiBytes('quot;'), '"'],
  [asciiBytes('#39;'), "'"],
];

/** The entity html.EscapeString writes at b[at] (after its '&'), or null. */
function entityAt(b: Uint8Array, at: number, to: number): [Uint8Array, string] | null {
  for (const e of ENTITY) {
    const lit = e[0];
    if (at + lit.length > to) continue;
    let k = 0;
    while (k < lit.length && b[at + k] === lit[k]) k++;
    if (k === lit.length) return e;
  }
  return null;
}

/**
 * b[from, to) as text with its character references decoded: decodeEntities(utf8(b, from, to)), read
 * straight from the bytes when they are ASCII with only the references html.go writes.
 */
export function textOf(b: Uint8Array, from: number, to: number, decode: (s: string) => string): string {
  let out = '';
  let seg = from;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < 0x80 && c !== 0x26) continue;
    const e = c === 0x26 ? entityAt(b, i + 1, to) : null;
    if (!e) return decode(utf8(b, from, to));
    const s = charString(b);
    out += s.substring(seg, i) + e[1];
    i += e[0].length;
    seg = i + 1;
  }
  if (seg === from) return to - from ? charString(b).substring(from, to) : '';
  return seg < to ? out + charString(b).substring(seg, to) : out;
}
