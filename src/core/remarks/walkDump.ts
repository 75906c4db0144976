// The compiler's -W output: "before walk F" / "after walk F" (and with -W=2 more stages), each
// followed by the function's type-checked IR, one node per line ending in "# file.go:line:col".
export interface WalkSection {
  /** "before walk", "after walk", "before escape", ... */
  stage: string;
  function: string;
  lines: Array<{ text: string; line: number | null }>;
}

const HEADER = /^(before|after) ([a-z-]+(?: [a-z-]+)*?) (\S.*)$/;
const STAGES = new Set(['walk', 'devirtualize-and-inline', 'escape', 'order']);

export function parseWalkDump(text: string): WalkSection[] {
  const out: WalkSection[] = [];
  let cur: WalkSection | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const h = HEADER.exec(line);
    if (h && STAGES.has(h[2]!)) {
      cur = { stage: `${h[1]} ${h[2]}`, function: h[3]!, lines: [] };
      out.push(cur);
      continue;
    }
    if (!cur || line.startsWith('# ') || line === '') {
      if (line.startsWith('# ')) cur = null; // the next package's output
      continue;
    }
    const pos = /# [^:#\s]+:(\d+)(?::\d+)?$/.exec(line);
    cur.lines.push({ text: line, line: pos ? Number(pos[1]) : null });
  }
  return out;
}
