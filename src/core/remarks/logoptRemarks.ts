// Remarks from logopt files (-gcflags=-json=0,file://DIR): kinds, inline costs and the escape flow
// (relatedInformation "escflow:" lines, inline sites). Lines in the compiler's exact shape take the
// fast path of logoptScan.ts, which checks the whole line at load but leaves the flow in the text
// until a view asks for it (withFlow); any other line is read by JSON.parse with the build capture's
// rules. Both give the same remarks (test/core/remarks/logoptFastPath.test.ts holds them to that).
import { logoptFileError, readLogoptLine, type LogoptDiagnostic } from '../build/logoptFile';
import type { FlowStep, Remark } from '../../shared/remarks';
import { classifyCode } from './classify';
import { DiagnosticScanner, type DiagnosticSink, type RelatedSink } from './logoptScan';

export interface ParsedRemarks<R = Remark> {
  remarks: R[];
  /** Lines skipped because they were not JSON / not a diagnostic / not a position. */
  skipped: number;
  warnings: string[];
}

/** The relatedInformation of a line the fast path accepted (so known to be well-formed), not yet read. */
export interface PendingFlow {
  readonly source: FlowSource;
  /** The line's index in its file, where it starts in the text, and where its relatedInformation does. */
  readonly line: number;
  readonly start: number;
  readonly at: number;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * One line of a logopt file, read again when a view asks for its flow: the service reads it from the
 * file on disk (the core does no I/O), so a loaded run keeps no copy of its files in memory.
 */
export interface LineSource {
  line(index: number): string;
}

/**
 * What pending flows are read from: the text of a logopt file, its UTF-8 bytes (of which only the
 * asked-for line is decoded again; bytes take half the memory of text with any non-ASCII in it), or
 * a LineSource that keeps neither.
 */
export class FlowSource {
  // Private fields: a pending flow that reached a transport by mistake does not carry the file along.
  readonly #from: { scanner: DiagnosticScanner } | { bytes: Uint8Array } | { lines: LineSource };
  #lineStarts: number[] | null = null;

  constructor(from: { scanner: DiagnosticScanner } | { bytes: Uint8Array } | { lines: LineSource }) {
    this.#from = from;
  }

  read(p: PendingFlow, sink: RelatedSink): void {
    if ('scanner' in this.#from) return this.#from.scanner.readRelated(p.at, sink);
    if ('lines' in this.#from) return new DiagnosticScanner(this.#from.lines.line(p.line)).readRelated(p.at - p.start, sink);
    const bytes = this.#from.bytes;
    const starts = (this.#lineStarts ??= lineStarts(bytes));
    const line = utf8.decode(bytes.subarray(starts[p.line], (starts[p.line + 1] ?? bytes.length + 1) - 1));
    new DiagnosticScanner(line).readRelated(p.at - p.start, sink);
  }
}

function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

/** A remark whose escape flow may still be pending; withFlow gives the full Remark. */
export type LazyRemark = Omit<Remark, 'flow'> & { flow: FlowStep[] | PendingFlow };

export interface LogoptOptions {
  /** Read lines in the compiler's exact shape without JSON.parse (default true; false for tests). */
  fastPath?: boolean;
  /** Where pending flows read their line later, instead of keeping the input (its lines, by index). */
  lines?: LineSource;
}

// A std build repeats a few thousand URIs in ~1.3M flow steps: decode each once.
const decoded = new Map<string, string>();
const fileOfUri = (uri: string): string => {
  let file = decoded.get(uri);
  if (file !== undefined) return file;
  file = uri.startsWith('file://') ? uri.slice('file://'.length) : uri;
  try {
    file = decodeURIComponent(file);
  } catch {
    // keep the raw path
  }
  if (decoded.size > 50_000) decoded.clear();
  decoded.set(uri, file);
  return file;
};

const stepMessage = (m: string): string =>
  m.startsWith('escflow:') ? m.slice('escflow:'.length).trim() : m === 'inlineLoc' ? 'inlined here' : m;

/** Reads the flow of a remark in place (once) and returns it as a full Remark. */
export function withFlow(r: LazyRemark): Remark {
  if (!Array.isArray(r.flow)) {
    const flow: FlowStep[] = [];
    let lastUri = '';
    let lastFile = '';
    r.flow.source.read(r.flow, (uri, line, column, message) => {
      if (uri !== lastUri) [lastUri, lastFile] = [uri, fileOfUri(uri)];
      flow.push({ file: lastFile, line, column, message: stepMessage(message) });
    });
    r.flow = flow;
  }
  return r as Remark;
}

const flowStep = (r: LogoptDiagnostic['related'][number]): FlowStep => ({
  file: fileOfUri(r.uri),
  line: r.line,
  column: r.column,
  message: stepMessage(r.message),
});

/** Builds the remarks of one file from its diagnostics, whichever path read them. */
class RemarkBuilder implements DiagnosticSink {
  readonly remarks: LazyRemark[] = [];
  file = '';
  package = '';
  /** The line being read: its index and where it starts. */
  lineIndex = 0;
  lineStart = 0;

  constructor(private readonly source: FlowSource | null) {}

  diagnostic(line: number, column: number, code: string, message: string, relatedAt: number): void {
    const flow =
      relatedAt >= 0
        ? { source: this.source!, line: this.lineIndex, start: this.lineStart, at: relatedAt }
        : [];
    this.add(line, column, code, message, flow);
  }

  parsed(d: LogoptDiagnostic): void {
    this.add(d.line, d.column, d.code, d.message, d.related.map(flowStep));
  }

  private add(line: number, column: number, code: string, message: string, flow: LazyRemark['flow']): void {
    const c = classifyCode(code, message);
    if (!c) return; // the message-less twin of an escape
    const remark: LazyRemark = {
      kind: c.kind,
      code,
      file: this.file,
      line,
      column,
      message: message || code,
      flow,
      source: 'json',
    };
    if (c.reason !== undefined) remark.reason = c.reason;
    if (c.cost !== undefined) remark.cost = c.cost;
    if (c.budget !== undefined) remark.budget = c.budget;
    if (this.package) remark.package = this.package;
    this.remarks.push(remark);
  }
}

/**
 * The remarks of one logopt file, their flows read when asked for (withFlow). Given the file's bytes,
 * the flows are read from them later and the decoded text is not kept.
 */
export function readLogopt(
  input: string | Uint8Array,
  name = 'logopt file',
  options: LogoptOptions = {},
): ParsedRemarks<LazyRemark> {
  const text = typeof input === 'string' ? input : utf8.decode(input);
  const scanner = options.fastPath === false ? null : new DiagnosticScanner(text);
  const out = new RemarkBuilder(
    scanner && new FlowSource(options.lines ? { lines: options.lines } : typeof input === 'string' ? { scanner } : { bytes: input }),
  );
  let version: unknown;
  let bad = 0;
  let nonBlank = 0;
  for (let start = 0, index = 0; start <= text.length; index++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    out.lineIndex = index;
    out.lineStart = start;
    if (scanner?.read(start, end, out)) nonBlank++;
    else {
      const line = text.slice(start, end);
      if (line.trim() !== '') {
        const read = readLogoptLine(line, nonBlank++ === 0);
        if (!read) bad++;
        else if ('remark' in read) out.parsed(read.remark);
        else ({ version, package: out.package, file: out.file } = read.header);
      }
    }
    start = end + 1;
  }
  const error = logoptFileError(version, bad, nonBlank);
  const warnings = error && bad === 0 ? [`${name}: ${error}`] : [];
  if (bad > 0) warnings.push(`${name}: ${bad} malformed lines skipped.`);
  return { remarks: out.remarks, skipped: bad, warnings };
}

/** The remarks of one logopt file with their flows read. */
export function remarksFromLogopt(
  text: string,
  name = 'logopt file',
  options: LogoptOptions = {},
): ParsedRemarks {
  const parsed = readLogopt(text, name, options);
  return { ...parsed, remarks: parsed.remarks.map(withFlow) };
}
