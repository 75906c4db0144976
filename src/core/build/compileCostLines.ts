// Splits the compiler's -d=ssa/all/time lines (`file.go:L:C: \tpass\tTIME(ns)\tN\tfunc`, one per function
// per SSA pass: megabytes on a real module) out of a build's merged output, whole lines at a time although
// chunks can end anywhere. With `go build -json` a package's whole compiler output is one build-output
// event: its pass lines are taken out of the Output (an event left with only its `# pkg` header is
// dropped). In plain text the `# pkg` header line waits for the next line: it is dropped when pass lines
// follow, shown again when other output of the package comes after them. The pass lines come out under
// a `# pkg` header of their own, so parseCompileCost reads them as they are; the console gets one note
// per package instead.
import { parseEvent } from './buildJson';

/** A pass statistics line of -d=ssa/…/time (and /mem), as ssa.(*Func).LogStat prints it. */
const PASS_LINE = /^.+?: \t[^\t]+\tTIME\(ns\)(?::BYTES:ALLOCS)?\t\d+\t/;

export const isPassTimeLine = (line: string) => PASS_LINE.test(line);

/** The function a pass line is about (its last tab-separated fields after the numbers). */
function passFunction(line: string): string {
  const f = line.split('\t');
  return f.slice(f[2]!.includes(':BYTES') ? 6 : 4).join('\t');
}

export interface CompileCostParts {
  /** Pass lines under `# pkg` headers, LF lines. */
  cost: string;
  /** The rest of the output, as it came (JSON events without their pass lines). */
  other: string;
  /** One line per package whose pass lines went apart, for the console (CRLF lines). */
  note: string;
}

/** The console's word for a package whose pass lines went to `file`. */
export const compileCostNote = (functions: number, pkg: string, file: string) =>
  `(SSA pass times of ${functions} function${functions === 1 ? '' : 's'}${pkg ? ` of ${pkg}` : ''} → ${file})`;

export class CompileCostLineSplitter {
  private partial = '';
  /** Plain text: the `# pkg` line last seen and whether it is still held back, dropped or shown. */
  private header: { line: string; pkg: string; state: 'held' | 'dropped' | 'shown' } | null = null;
  /** The package of the last pass lines written (its header is in `cost` already). */
  private costPkg: string | null = null;
  /** Plain text: the functions of the pass lines since the last header, until other output comes. */
  private runFunctions: Set<string> | null = null;

  constructor(private readonly file: string) {}

  push(chunk: string): CompileCostParts {
    const text = this.partial + chunk;
    const lastNl = text.lastIndexOf('\n');
    if (lastNl < 0) {
      this.partial = text;
      return { cost: '', other: '', note: '' };
    }
    this.partial = text.slice(lastNl + 1);
    return this.lines(text.slice(0, lastNl + 1));
  }

  /** The end of the output: a held line start is not a pass line, a held header is shown. */
  flush(): CompileCostParts {
    const rest = this.partial;
    this.partial = '';
    const parts = rest ? this.lines(rest, true) : { cost: '', other: '', note: '' };
    parts.note += this.endRun();
    if (this.header?.state === 'held') parts.other += this.header.line;
    this.header = null;
    return parts;
  }

  private lines(text: string, last = false): CompileCostParts {
    const out: CompileCostParts = { cost: '', other: '', note: '' };
    const all = text.split('\n');
    if (!last) all.pop();
    all.forEach((raw, i) => {
      const nl = last && i === all.length - 1 ? '' : '\n';
      const line = raw.replace(/\r$/, '');
      if (line.startsWith('{') && line.includes('TIME(ns)')) {
        const ev = parseEvent(line);
        if (ev?.output !== undefined) {
          out.note += this.endRun();
          this.event(line, ev.importPath, ev.output, raw + nl, out);
          return;
        }
      }
      if (line.startsWith('# ')) {
        out.note += this.endRun();
        if (this.header?.state === 'held') out.other += this.header.line;
        this.header = { line: raw + nl, pkg: line.slice(2).trim(), state: 'held' };
        return;
      }
      if (isPassTimeLine(line)) {
        const pkg = this.header?.pkg ?? '';
        if (this.header?.state === 'held') this.header.state = 'dropped';
        out.cost += this.costLine(pkg, line);
        (this.runFunctions ??= new Set()).add(passFunction(line));
        return;
      }
      out.note += this.endRun();
      if (this.header && this.header.state !== 'shown') {
        out.other += this.header.line;
        this.header.state = 'shown';
      }
      out.other += raw + nl;
    });
    return out;
  }

  /** One build-output event: its pass lines apart, the event again without them (or nothing). */
  private event(line: string, importPath: string, output: string, whole: string, out: CompileCostParts) {
    const kept: string[] = [];
    const functions = new Set<string>();
    let pkg = importPath;
    const lines = output.split('\n');
    const tail = lines.pop(); // "" when the output ends in a newline
    for (const l of lines) {
      if (isPassTimeLine(l)) {
        out.cost += this.costLine(pkg, l);
        functions.add(passFunction(l));
      } else {
        if (l.startsWith('# ')) pkg = l.slice(2).trim() || importPath;
        kept.push(l);
      }
    }
    if (functions.size === 0) {
      out.other += whole;
      return;
    }
    out.note += compileCostNote(functions.size, pkg, this.file) + '\r\n';
    const onlyHeader = kept.length === 0 || (kept.length === 1 && kept[0]!.startsWith('# '));
    if (onlyHeader && !tail) return;
    const v = JSON.parse(line) as Record<string, unknown>;
    v.Output = [...kept, tail ?? ''].join('\n');
    out.other += JSON.stringify(v) + whole.slice(line.length);
  }

  private costLine(pkg: string, line: string): string {
    const head = this.costPkg === pkg ? '' : `# ${pkg}\n`;
    this.costPkg = pkg;
    return head + line + '\n';
  }

  /** The note for plain-text pass lines that have just ended. */
  private endRun(): string {
    if (!this.runFunctions) return '';
    const note = compileCostNote(this.runFunctions.size, this.header?.pkg ?? '', this.file) + '\r\n';
    this.runFunctions = null;
    return note;
  }
}
