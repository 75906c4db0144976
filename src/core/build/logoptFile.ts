// Parses one file of the compiler's -json=0 (logopt) output: JSON Lines, a header
// {version, package, goos, goarch, gc_version, file} then LSP-shaped diagnostics whose positions are
// 1-based with byte columns.

/** One diagnostic of the file: a compiler remark as logopt writes it (LSP-shaped). */
export interface LogoptDiagnostic {
  line: number;
  /** 1-based byte column. */
  column: number;
  code: string;
  message: string;
  related: Array<{ uri: string; line: number; column: number; message: string }>;
}

export interface LogoptFile {
  package: string;
  file: string;
  gcVersion?: string;
  remarks: LogoptDiagnostic[];
  /** Lines that were not JSON or not a diagnostic (skipped, counted). */
  badLines: number;
  error?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const pos = (r: unknown): { line: number; column: number } | null => {
  const start = isObj(r) && isObj(r.start) ? r.start : null;
  if (!start || typeof start.line !== 'number' || typeof start.character !== 'number') return null;
  return { line: start.line, column: start.character };
};

export interface LogoptHeader {
  version: unknown;
  package: string;
  file: string;
  gcVersion?: string;
}

/**
 * One non-blank line: the header (only when it is the file's first line), a diagnostic, or null when
 * it is not JSON / not a diagnostic with a position (a malformed line).
 */
export function readLogoptLine(line: string, first: boolean): { header: LogoptHeader } | { remark: LogoptDiagnostic } | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObj(v)) return null;
  if (first && 'version' in v) {
    const header: LogoptHeader = { version: v.version, package: typeof v.package === 'string' ? v.package : '', file: typeof v.file === 'string' ? v.file : '' };
    if (typeof v.gc_version === 'string') header.gcVersion = v.gc_version;
    return { header };
  }
  const p = pos(v.range);
  if (!p || typeof v.code !== 'string') return null;
  const related = Array.isArray(v.relatedInformation) ? v.relatedInformation : [];
  return {
    remark: {
      ...p,
      code: v.code,
      message: typeof v.message === 'string' ? v.message : '',
      related: related.flatMap((r: unknown) => {
        const loc = isObj(r) && isObj(r.location) ? r.location : null;
        const rp = loc ? pos(loc.range) : null;
        if (!loc || !rp || !isObj(r)) return [];
        return [{ uri: typeof loc.uri === 'string' ? loc.uri : '', ...rp, message: typeof r.message === 'string' ? r.message : '' }];
      }),
    },
  };
}

/** The problem to report for a file, from its header version, its malformed lines and its size. */
export function logoptFileError(version: unknown, badLines: number, nonBlankLines: number): string | undefined {
  if (version !== undefined && version !== 0) return `Unknown logopt version ${String(version)} (gopsy reads version 0).`;
  if (nonBlankLines === 0) return 'The remarks file is empty.';
  if (badLines > 0) return `${badLines} lines of the remarks file could not be read.`;
  return undefined;
}

export function parseLogoptFile(text: string): LogoptFile {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const result: LogoptFile = { package: '', file: '', remarks: [], badLines: 0 };
  let version: unknown;
  lines.forEach((line, i) => {
    const read = readLogoptLine(line, i === 0);
    if (!read) result.badLines++;
    else if ('remark' in read) result.remarks.push(read.remark);
    else {
      ({ version, package: result.package, file: result.file } = read.header);
      if (read.header.gcVersion !== undefined) result.gcVersion = read.header.gcVersion;
    }
  });
  const error = logoptFileError(version, result.badLines, lines.length);
  if (error) result.error = error;
  return result;
}
