// The known shapes that make one function dominate its package's compile: a huge function, a giant
// composite literal, a long switch or else-if chain. The shape is read from the function's source (the
// top-level func around the position the compiler printed, which is its first statement's, not its
// declaration's line); the pass that explodes and its share come from -d=ssa/all/time. Pure: the caller
// reads the file.
import type { CompileShape } from '../../shared/contract/compileCost';

/** A function taking more than this share of its package's SSA time dominates it (with company in the package). */
export const DOMINANT_SHARE = 0.5;

export function dominatesPackage(fnNs: number, packageNs: number, packageFunctions: number): boolean {
  return packageFunctions > 1 && packageNs > 0 && fnNs / packageNs > DOMINANT_SHARE;
}

/** What the source says about one function's size. */
export interface FunctionMeasure {
  /** 1-based line of `func` and of its closing brace. */
  startLine: number;
  endLine: number;
  lines: number;
  /** `case` clauses (in switches and selects). */
  cases: number;
  /** `else if` links. */
  elseIfs: number;
  /** The most elements of one composite literal. */
  literalElements: number;
}

/** From this size on, a shape is named (when its function dominates). */
export const SHAPE_THRESHOLDS = { literalElements: 1000, cases: 500, elseIfs: 300, lines: 1000 } as const;

/**
 * The top-level function around 1-based `line` of a gofmt'd Go file (from its `func` line to the first
 * `}` at column 0), measured with strings and comments skipped. Null when no function encloses the line.
 */
export function measureFunction(text: string, line: number): FunctionMeasure | null {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return null;
  let start = line - 1;
  while (start >= 0 && !/^func\b/.test(lines[start]!)) {
    if (start < line - 1 && /^[}A-Za-z]/.test(lines[start]!)) return null; // another top-level declaration
    start--;
  }
  if (start < 0) return null;
  let end = start;
  if (!oneLiner(lines[start]!)) {
    end = start + 1;
    while (end < lines.length && !/^}/.test(lines[end]!)) end++;
    if (end >= lines.length || end < line - 1) return null;
  }
  const body = lines.slice(start, end + 1).join('\n');
  return { startLine: start + 1, endLine: end + 1, lines: end - start + 1, ...countShapes(body) };
}

const oneLiner = (l: string) => {
  const open = (l.match(/{/g) ?? []).length;
  return open > 0 && open === (l.match(/}/g) ?? []).length && /}\s*$/.test(l);
};

/** Cases, else-if links and the largest composite literal's elements of a function's text. */
function countShapes(src: string): Pick<FunctionMeasure, 'cases' | 'elseIfs' | 'literalElements'> {
  let cases = 0;
  let elseIfs = 0;
  let literalElements = 0;
  // Open brackets; for `{`, its top-level commas, whether anything follows the last one, and whether a `case … :` list is open.
  const stack: Array<{ kind: string; commas: number; tail: boolean; inCase: boolean }> = [];
  let lastWord = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && next === '*') {
      i = src.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const top = stack[stack.length - 1];
      if (top) top.tail = true;
      i = skipQuoted(src, i);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[\w]/.test(src[j]!)) j++;
      const word = src.slice(i, j);
      if (word === 'case') {
        cases++;
        const top = stack[stack.length - 1];
        if (top) top.inCase = true;
      }
      if (word === 'if' && lastWord === 'else') elseIfs++;
      lastWord = word;
      const top = stack[stack.length - 1];
      if (top) top.tail = true;
      i = j - 1;
      continue;
    }
    if (/\s/.test(c)) continue;
    lastWord = '';
    const top = stack[stack.length - 1];
    if (c === '{' || c === '(' || c === '[') {
      if (top) top.tail = true;
      stack.push({ kind: c, commas: 0, tail: false, inCase: false });
    } else if (c === '}' || c === ')' || c === ']') {
      const done = stack.pop();
      if (done?.kind === '{' && done.commas > 0) literalElements = Math.max(literalElements, done.commas + (done.tail ? 1 : 0));
    } else if (c === ',' && top?.kind === '{' && !top.inCase) {
      top.commas++;
      top.tail = false;
    } else if (c === ':' && top?.inCase) {
      top.inCase = false;
    } else if (top) top.tail = true;
  }
  return { cases, elseIfs, literalElements };
}

function skipQuoted(src: string, i: number): number {
  const q = src[i]!;
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\' && q !== '`') j++;
    else if (src[j] === q) return j;
    else if (src[j] === '\n' && q !== '`') return j;
  }
  return src.length;
}

const count = (n: number) => n.toLocaleString('en');

/**
 * The known shape of a dominating function, with the pass that took most of its SSA time and that
 * pass's share; null when its size names no known shape.
 */
export function shapeOf(passes: ReadonlyArray<{ name: string; ns: number }>, m: FunctionMeasure): CompileShape | null {
  const total = passes.reduce((n, p) => n + p.ns, 0);
  const top = [...passes].sort((a, b) => b.ns - a.ns)[0];
  if (!top || total <= 0) return null;
  const t = SHAPE_THRESHOLDS;
  const span = `${count(m.lines)} lines`;
  let kind: CompileShape['kind'];
  let what: string;
  if (m.literalElements >= t.literalElements) {
    kind = 'composite-literal';
    what = `a composite literal of ${count(m.literalElements)} elements (${span})`;
  } else if (m.cases >= t.cases) {
    kind = 'switch-chain';
    what = `a switch of ${count(m.cases)} cases (${span})`;
  } else if (m.elseIfs >= t.elseIfs) {
    kind = 'if-chain';
    what = `an if/else-if chain ${count(m.elseIfs + 1)} deep (${span})`;
  } else if (m.lines >= t.lines) {
    kind = 'huge-function';
    what = `a function of ${span}`;
  } else return null;
  const share = top.ns / total;
  return { kind, pass: top.name, share, lines: m.lines, detail: `${what}: ${top.name} takes ${Math.round(share * 100)}% of its SSA time` };
}

/** A printed position (`ledger/ledger.go:14:14`, `./main.go:10:14`) as a file and line; null for `<autogenerated>:1` and the like. */
export function parsePosition(position: string): { path: string; line: number; byteColumn?: number } | null {
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(position);
  if (!m || m[1]!.startsWith('<')) return null;
  return { path: m[1]!, line: Number(m[2]), ...(m[3] ? { byteColumn: Number(m[3]) } : {}) };
}

/** The functions that dominate their package's SSA time, slowest first. */
export function dominatingFunctions<F extends { package: string; totalNs: number }>(functions: readonly F[]): F[] {
  const pkgs = new Map<string, { ns: number; n: number }>();
  for (const f of functions) {
    const p = pkgs.get(f.package) ?? { ns: 0, n: 0 };
    p.ns += f.totalNs;
    p.n++;
    pkgs.set(f.package, p);
  }
  return functions.filter((f) => {
    const p = pkgs.get(f.package)!;
    return dominatesPackage(f.totalNs, p.ns, p.n);
  });
}

/**
 * The shape of each dominating function whose source is in `sources` (path as printed → file text),
 * keyed by shapeKey.
 */
export function compileShapes<F extends { package: string; function: string; position: string; totalNs: number; passes: ReadonlyArray<{ name: string; ns: number }> }>(
  functions: readonly F[],
  sources: ReadonlyMap<string, string>,
): Map<string, CompileShape> {
  const out = new Map<string, CompileShape>();
  for (const f of dominatingFunctions(functions)) {
    const pos = parsePosition(f.position);
    const text = pos && sources.get(pos.path);
    const m = text ? measureFunction(text, pos.line) : null;
    const shape = m && shapeOf(f.passes, m);
    if (shape) out.set(shapeKey(f), shape);
  }
  return out;
}

export const shapeKey = (f: { package: string; function: string }) => `${f.package}\u0000${f.function}`;

/** The source files compileShapes needs: those of the dominating functions. */
export function shapeSourcePaths(functions: ReadonlyArray<{ package: string; position: string; totalNs: number }>): string[] {
  return [...new Set(dominatingFunctions(functions).map((f) => parsePosition(f.position)?.path).filter((p): p is string => !!p))];
}
