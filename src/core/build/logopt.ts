// Parses one file of the compiler's -json=0 (logopt) output: JSON Lines, a header
// {version, package, goos, goarch, gc_version, file} then LSP-shaped diagnostics whose positions are
// 1-based with byte columns.

export interface Remark {
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
  remarks: Remark[];
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

export function parseLogoptFile(text: string): LogoptFile {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const result: LogoptFile = { package: '', file: '', remarks: [], badLines: 0 };
  let bad = 0;
  lines.forEach((line, i) => {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      bad++;
      return;
    }
    if (!isObj(v)) return bad++, undefined;
    if (i === 0 && 'version' in v) {
      if (v.version !== 0) result.error = `Unknown logopt version ${String(v.version)} (gopsy reads version 0).`;
      result.package = typeof v.package === 'string' ? v.package : '';
      result.file = typeof v.file === 'string' ? v.file : '';
      if (typeof v.gc_version === 'string') result.gcVersion = v.gc_version;
      return;
    }
    const p = pos(v.range);
    if (!p || typeof v.code !== 'string') return bad++, undefined;
    const related = Array.isArray(v.relatedInformation) ? v.relatedInformation : [];
    result.remarks.push({
      ...p,
      code: v.code,
      message: typeof v.message === 'string' ? v.message : '',
      related: related.flatMap((r: unknown) => {
        const loc = isObj(r) && isObj(r.location) ? r.location : null;
        const rp = loc ? pos(loc.range) : null;
        if (!loc || !rp || !isObj(r)) return [];
        return [{ uri: typeof loc.uri === 'string' ? loc.uri : '', ...rp, message: typeof r.message === 'string' ? r.message : '' }];
      }),
    });
  });
  result.badLines = bad;
  if (!result.error && lines.length === 0) result.error = 'The remarks file is empty.';
  else if (!result.error && bad > 0) result.error = `${bad} lines of the remarks file could not be read.`;
  return result;
}
