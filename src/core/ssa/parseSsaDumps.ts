// Parser of the per-pass text dumps (-d=ssa/<pass>/dump=<name>, files "<func>_<NN>__<pass>.dump") into
// the same SsaFunction the ssa.html parser makes. The NN is a per-function write counter, not a pass
// index: it orders the files, nothing more. Dead values and blocks are not in text dumps.
import type { SsaBlock, SsaFunction, SsaPhase, SsaProgLine } from '../../shared/ssa';
import { parseBlockEnd, parseLineMark, parseValueRest, predictSuccs } from './lineSyntax';

export interface DumpFile {
  name: string;
  text: string;
}

const DUMP_NAME = /^(.*)_(\d+)__(.+)\.dump$/;

/** "(*Store).Add_08__opt.dump" → function, order and pass ("early_phielim" → "early phielim"). */
export function parseDumpFileName(name: string): { func: string; seq: number; pass: string } | null {
  const m = DUMP_NAME.exec(name.split('/').pop() ?? name);
  return m ? { func: m[1]!, seq: Number(m[2]), pass: m[3]!.replace(/_/g, ' ') } : null;
}

/** Groups dump file names by function (a GOSSADIR can hold several). */
export function dumpFunctions(names: string[]): string[] {
  return [...new Set(names.map((n) => parseDumpFileName(n)?.func).filter((f): f is string => !!f))].sort();
}

export function parseSsaDumps(files: DumpFile[], func?: string): SsaFunction {
  const fn: SsaFunction = { name: func ?? '', format: 'dumps', phases: [], sources: [], ast: [], genssa: [], other: [], partial: false, warnings: [] };
  const parsed = files
    .map((f) => ({ f, n: parseDumpFileName(f.name) }))
    .filter((x): x is { f: DumpFile; n: NonNullable<ReturnType<typeof parseDumpFileName>> } => !!x.n && (!func || x.n.func === func))
    .sort((a, b) => a.n.seq - b.n.seq);
  if (parsed.length === 0) {
    fn.warnings.push(func ? `No text dumps of ${func} were found.` : 'No text dumps (<func>_<NN>__<pass>.dump) were found.');
    return fn;
  }
  fn.name = parsed[0]!.n.func;
  let prevBody: string | null = null;
  for (const { f, n } of parsed) {
    if (n.pass === 'genssa') {
      fn.genssa = parseGenssaDump(f.text);
      continue;
    }
    const { phase, signature, body, problems } = parsePassDump(f.text, n.pass);
    if (signature && !fn.signature) fn.signature = signature;
    if (prevBody !== null && body === prevBody) phase.unchanged = true;
    prevBody = body;
    for (const p of problems) fn.warnings.push(`${f.name}: ${p}`);
    if (phase.partial) fn.partial = true;
    fn.phases.push(phase);
  }
  return fn;
}

function parsePassDump(text: string, pass: string): { phase: SsaPhase; signature: string; body: string; problems: string[] } {
  const phase: SsaPhase = { name: pass, passes: [pass], timings: [null], blocks: [], names: [] };
  const problems: string[] = [];
  const lines = text.split('\n');
  const header = lines[0] ?? '';
  const sp = header.indexOf(' ');
  const signature = sp < 0 ? '' : header.slice(sp + 1).trim();
  let block: SsaBlock | null = null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    let m = /^ {2}(b\d+):(?: <- (.*))?\s*$/.exec(line);
    if (m) {
      block = { id: m[1]!, kind: '', preds: (m[2] ?? '').split(/\s+/).filter(Boolean), succs: [], controls: [], aux: '', line: null, values: [], dead: false };
      phase.blocks.push(block);
      continue;
    }
    m = /^ {4}(\([^)]*\)) (v\d+) = (.*)$/.exec(line);
    if (m && block) {
      const mark = parseLineMark(m[1]!);
      const rest = parseValueRest(m[3]!);
      block.values.push({
        id: m[2]!,
        op: rest.op,
        type: rest.type,
        args: rest.args,
        aux: rest.aux,
        line: mark.line,
        stmt: mark.stmt,
        extra: rest.extra,
        dead: false,
        ...(rest.reg ? { reg: rest.reg } : {}),
      });
      continue;
    }
    if (/^ {4}\S/.test(line) && block && !line.trimStart().startsWith('(')) {
      const end = parseBlockEnd(line);
      block.kind = end.kind;
      block.aux = end.aux;
      block.controls = end.controls;
      block.succs = predictSuccs(end.succs, end.branch);
      if (end.branch) block.branch = end.branch;
      continue;
    }
    m = /^name (.*): \[(.*)\]\s*$/.exec(line);
    if (m) {
      phase.names.push({ slot: m[1]!, values: m[2]!.split(/\s+/).filter(Boolean) });
      continue;
    }
    if (problems.length < 5) problems.push(`line ${i + 1} not understood: ${line.slice(0, 120)}`);
  }
  if (phase.blocks.some((b) => !b.kind)) {
    phase.partial = true;
    problems.push('a block has no end line: the dump looks truncated');
  }
  return { phase, signature, body: lines.slice(1).join('\n'), problems };
}

/** genssa dump: "# /abs/file.go:7" rows, then " v10   \t00006 (+7) \tIMULQ\tBX, AX". */
function parseGenssaDump(text: string): SsaProgLine[] {
  const rows: SsaProgLine[] = [];
  let file: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (line.startsWith('# ')) {
      const pos = /^# (.*?):(\d+)$/.exec(line);
      if (pos) file = pos[1];
      rows.push({ line: null, stmt: '', text: line });
      continue;
    }
    const m = /^\s*(v\d+|b\d+)?\s*\t(\d+) (\([^)]*\))\s*\t(.*)$/.exec(line);
    if (!m) {
      rows.push({ line: null, stmt: '', text: line.trim() });
      continue;
    }
    const mark = parseLineMark(m[3]!);
    const row: SsaProgLine = { pc: Number(m[2]), line: mark.line, stmt: mark.stmt, text: m[4]!.trim() };
    if (m[1]?.startsWith('v')) row.value = m[1];
    if (m[1]?.startsWith('b')) row.block = m[1];
    if (file) row.file = file;
    rows.push(row);
  }
  return rows;
}
