// The value and block-end syntax shared by ssa.html and the text dumps (ssa/print.go): both parsers
// reduce a line to this text form, so they cannot disagree on what an op, a type or an aux is.

export interface ParsedValueRest {
  op: string;
  type: string;
  aux: string;
  args: string[];
  extra: string;
  reg?: string;
}

export interface ParsedBlockEnd {
  kind: string;
  aux: string;
  controls: string[];
  succs: string[];
  branch?: 'likely' | 'unlikely';
}

/** "(+27)" / "(-27)" / "(27)" / "(?)" → line and statement mark. */
export function parseLineMark(mark: string): { line: number | null; stmt: '+' | '-' | '' } {
  const fast = simpleLineMark(mark);
  if (fast) return fast;
  const m = /^\(([+-]?)(\d+)\)$/.exec(mark.trim());
  if (!m) return { line: null, stmt: '' };
  return { line: Number(m[2]), stmt: (m[1] as '+' | '-' | '') ?? '' };
}

/** "(+27)" exactly as html.go writes it, without a regex; null for anything else (the regex reads it). */
function simpleLineMark(mark: string): { line: number; stmt: '+' | '-' | '' } | null {
  const n = mark.length;
  if (n < 3 || mark.charCodeAt(0) !== 0x28 || mark.charCodeAt(n - 1) !== 0x29) return null;
  const sign = mark.charCodeAt(1);
  let i = sign === 0x2b || sign === 0x2d ? 2 : 1;
  if (i === n - 1 || n - 1 - i > 15) return null;
  let line = 0;
  for (; i < n - 1; i++) {
    const d = mark.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return null;
    line = line * 10 + d;
  }
  return { line, stmt: sign === 0x2b ? '+' : sign === 0x2d ? '-' : '' };
}

/** End of a bracketed run starting at s[i] ('<', '[' or '{'), honouring nesting and Go string quotes. */
function matchBracket(s: string, i: number): number {
  const open = s[i]!;
  const close = open === '<' ? '>' : open === '[' ? ']' : '}';
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"' && open !== '<') {
      // skip a quoted string constant: {"a}b"}
      for (j++; j < s.length && s[j] !== '"'; j++) if (s[j] === '\\') j++;
      continue;
    }
    if (open === '<' && c === '<' && s[j + 1] === '-') continue; // "<-chan": not an opener
    if (open === '<' && c === '>' && s[j - 1] === '-') continue;
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return s.length - 1;
}

/** The end of the value reference ("v" and digits, then a space or the end) at s[i], or 0. */
function argEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x76) return 0;
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  if (j === i + 1 || (j < s.length && s.charCodeAt(j) !== 0x20)) return 0;
  return j;
}

/** Parses "Op <type> [auxint] {aux} v1 v2 : REG (names)". */
export function parseValueRest(rest: string): ParsedValueRest {
  const s = rest.trim();
  let i = s.indexOf(' ');
  if (i < 0) return { op: s, type: '', aux: '', args: [], extra: '' };
  const op = s.slice(0, i);
  const skip = () => {
    while (s[i] === ' ') i++;
  };
  skip();
  let type = '';
  if (s[i] === '<') {
    const j = matchBracket(s, i);
    type = s.slice(i + 1, j);
    i = j + 1;
    skip();
  }
  const aux: string[] = [];
  while (s[i] === '[' || s[i] === '{') {
    const j = matchBracket(s, i);
    aux.push(s.slice(i, j + 1));
    i = j + 1;
    skip();
  }
  const args: string[] = [];
  // "v12" followed by a space or the end, as /^v\d+(?= |$)/ would take them, without a slice per arg.
  for (let end = argEnd(s, i); end > 0; end = argEnd(s, i)) {
    args.push(s.slice(i, end));
    i = end;
    skip();
  }
  const extra = s.slice(i).trim();
  const reg = /^: (\S+)/.exec(extra)?.[1];
  return { op, type, aux: aux.join(' '), args, extra, ...(reg ? { reg } : {}) };
}

/** Parses "If v11 -> b2 b3 (likely)" ("→" in ssa.html). */
export function parseBlockEnd(text: string): ParsedBlockEnd {
  const s = text.replace(/\u2192/g, '->').trim();
  const sp = s.indexOf(' ');
  const kind = sp < 0 ? s : s.slice(0, sp);
  let i = sp < 0 ? s.length : sp + 1;
  const aux: string[] = [];
  const controls: string[] = [];
  const succs: string[] = [];
  let branch: ParsedBlockEnd['branch'];
  let afterArrow = false;
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    if (!afterArrow && (s[i] === '[' || s[i] === '{')) {
      const j = matchBracket(s, i);
      aux.push(s.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    const end = s.indexOf(' ', i);
    const tok = s.slice(i, end < 0 ? s.length : end);
    i = end < 0 ? s.length : end;
    if (tok === '->') afterArrow = true;
    else if (tok === '(likely)') branch = 'likely';
    else if (tok === '(unlikely)') branch = 'unlikely';
    else if (afterArrow && /^b\d+$/.test(tok)) succs.push(tok);
    else if (!afterArrow && /^v\d+$/.test(tok)) controls.push(tok);
  }
  return { kind, aux: aux.join(' '), controls, succs, ...(branch ? { branch } : {}) };
}

/** Successors with the prediction applied: "likely" favours the first, "unlikely" the second. */
export function predictSuccs(succs: string[], branch: ParsedBlockEnd['branch']): Array<{ id: string; likely?: boolean }> {
  if (!branch || succs.length !== 2) return succs.map((id) => ({ id }));
  const firstLikely = branch === 'likely';
  return [
    { id: succs[0]!, likely: firstLikely },
    { id: succs[1]!, likely: !firstLikely },
  ];
}
