// Which function a remark belongs to. logopt entries do not name it, so it is read from the source
// file: the last top-level `func` declared at or above the remark's line, named as the compiler names
// it ("F", "T.M", "(*T).M"). Closures are attributed to their enclosing function.
import type { Remark } from '../../shared/remarks';

const DECL = /^func\s+(?:\(\s*(?:\w+\s+)?(\*?)\s*(\w+)(?:\[[^\]]*\])?\s*\)\s*)?(\w+)/;

export interface FuncDecl {
  line: number;
  name: string;
}

export function functionDecls(source: string): FuncDecl[] {
  const out: FuncDecl[] = [];
  source.split('\n').forEach((text, i) => {
    const m = DECL.exec(text);
    if (!m) return;
    const [, ptr, recv, name] = m;
    out.push({ line: i + 1, name: recv ? (ptr ? `(*${recv}).${name}` : `${recv}.${name}`) : name! });
  });
  return out;
}

/** Fills in `function` of the remarks of one file that do not name it. */
export function attributeFunctions(remarks: Array<Pick<Remark, 'line' | 'function'>>, source: string): void {
  const decls = functionDecls(source);
  if (decls.length === 0) return;
  for (const r of remarks) {
    if (r.function) continue;
    let found: FuncDecl | undefined;
    for (const d of decls) {
      if (d.line > r.line) break;
      found = d;
    }
    if (found) r.function = found.name;
  }
}
