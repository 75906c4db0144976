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

// A std build repeats a few thousand URIs in ~100k flow steps: decode each once.
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

const stepMessage = (m: string): string => (m.startsWith('escflow:') ? m.slice('escflow:'.length).trim() : m === 'inlineLoc' ? 'inlined here' : m);

export function remarksFromLogopt(text: string, name = 'logopt file'): ParsedRemarks {
  const parsed = parseLogoptFile(text);
  const remarks: Remark[] = [];
  // Plain loops and one object per remark: a std build has >100k remarks and ~10 flow steps each.
  for (const r of parsed.remarks) {
    const c = classifyCode(r.code, r.message);
    if (!c) continue;
    const flow: FlowStep[] = new Array<FlowStep>(r.related.length);
    for (let i = 0; i < r.related.length; i++) {
      const x = r.related[i]!;
      flow[i] = { file: fileOfUri(x.uri), line: x.line, column: x.column, message: stepMessage(x.message) };
    }
    const remark: Remark = { kind: c.kind, code: r.code, file: parsed.file, line: r.line, column: r.column, message: r.message || r.code, flow, source: 'json' };
    if (c.reason !== undefined) remark.reason = c.reason;
    if (c.cost !== undefined) remark.cost = c.cost;
    if (c.budget !== undefined) remark.budget = c.budget;
    if (parsed.package) remark.package = parsed.package;
    remarks.push(remark);
  }
  const warnings = parsed.error && parsed.badLines === 0 ? [`${name}: ${parsed.error}`] : [];
  if (parsed.badLines > 0) warnings.push(`${name}: ${parsed.badLines} malformed lines skipped.`);
  return { remarks, skipped: parsed.badLines, warnings };
}
