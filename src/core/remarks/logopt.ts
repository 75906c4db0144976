// Remarks from logopt files (-gcflags=-json=0,file://DIR): reuses the build capture's parser and adds
// kinds, inline costs and the escape flow (relatedInformation "escflow:" lines, inline sites).
import { parseLogoptFile } from '../build/logopt';
import type { FlowStep, Remark } from '../../shared/remarks';
import { classifyCode } from './classify';

export interface ParsedRemarks {
  remarks: Remark[];
  /** Lines skipped because they were not JSON / not a diagnostic / not a position. */
  skipped: number;
  warnings: string[];
}

const fileOfUri = (uri: string): string => {
  if (!uri.startsWith('file://')) return uri;
  try {
    return decodeURIComponent(uri.slice('file://'.length));
  } catch {
    return uri.slice('file://'.length);
  }
};

export function remarksFromLogopt(text: string, name = 'logopt file'): ParsedRemarks {
  const parsed = parseLogoptFile(text);
  const remarks: Remark[] = [];
  for (const r of parsed.remarks) {
    const c = classifyCode(r.code, r.message);
    if (!c) continue;
    const flow: FlowStep[] = r.related.map((x) => ({
      file: fileOfUri(x.uri),
      line: x.line,
      column: x.column,
      message: x.message.replace(/^escflow:\s*/, '').replace(/^inlineLoc$/, 'inlined here'),
    }));
    remarks.push({
      ...c,
      code: r.code,
      file: parsed.file,
      line: r.line,
      column: r.column,
      message: r.message || r.code,
      flow,
      source: 'json',
      ...(parsed.package ? { package: parsed.package } : {}),
    });
  }
  const warnings = parsed.error && parsed.badLines === 0 ? [`${name}: ${parsed.error}`] : [];
  if (parsed.badLines > 0) warnings.push(`${name}: ${parsed.badLines} malformed lines skipped.`);
  return { remarks, skipped: parsed.badLines, warnings };
}
