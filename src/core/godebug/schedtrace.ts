// Parses schedtrace lines ("SCHED 302ms: gomaxprocs=2 ... runqueue=0 [ 0 0 ] schedticks=[ ... ]") and
// the P/M/G lines scheddetail=1 adds after each header. go1.19 lacks needspinning and schedticks.
import type { SchedDetailEvent, SchedEvent } from '../../shared/godebug';

const HEAD_RE = /^SCHED (\d+)ms: (.*)$/;
const DETAIL_RE = /^ {2}([PMG])(\d+): (.*)$/;
export const SCHED_START_RE = /SCHED \d+ms: gomaxprocs=/;

/** key=value pairs, where a value may be a bracketed list ("[ 1 2 ]") or "status=2(GC assist marking)". */
function fieldsOf(text: string): { fields: Record<string, string>; lists: Record<string, number[]>; bare: number[][] } {
  const fields: Record<string, string> = {};
  const lists: Record<string, number[]> = {};
  const bare: number[][] = [];
  const re = /(?:(\w+)=)?(\[[^\]]*\]|\S*\([^)]*\)|\S*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const [, key, value = ''] = m;
    if (value.startsWith('[')) {
      const nums = value.slice(1, -1).trim().split(/\s+/).filter(Boolean).map(Number);
      if (key) lists[key] = nums;
      else bare.push(nums);
      if (key) fields[key] = value;
    } else if (key) {
      fields[key] = value;
    }
  }
  return { fields, lists, bare };
}

const REQUIRED = ['gomaxprocs', 'idleprocs', 'threads', 'spinningthreads', 'idlethreads', 'runqueue'] as const;

export function parseSchedLine(line: string, seq: number): SchedEvent | null {
  const m = HEAD_RE.exec(line);
  if (!m) return null;
  const { fields, bare } = fieldsOf(m[2]!);
  const nums: Partial<Record<(typeof REQUIRED)[number], number>> = {};
  for (const k of REQUIRED) {
    const v = Number(fields[k]);
    if (fields[k] === undefined || !Number.isFinite(v)) return null;
    nums[k] = v;
  }
  const ev: SchedEvent = {
    kind: 'sched',
    seq,
    atMs: Number(m[1]),
    gomaxprocs: nums.gomaxprocs!,
    idleprocs: nums.idleprocs!,
    threads: nums.threads!,
    spinningthreads: nums.spinningthreads!,
    idlethreads: nums.idlethreads!,
    runqueue: nums.runqueue!,
    fields,
  };
  if (fields.needspinning !== undefined) ev.needspinning = Number(fields.needspinning);
  if (bare[0] && bare[0].every(Number.isFinite)) ev.localRunqueues = bare[0];
  return ev;
}

export function parseSchedDetailLine(line: string, seq: number): SchedDetailEvent | null {
  const m = DETAIL_RE.exec(line);
  if (!m) return null;
  const { fields } = fieldsOf(m[3]!);
  if (Object.keys(fields).length === 0) return null;
  return { kind: 'sched-detail', seq, entity: m[1] as 'P' | 'M' | 'G', id: Number(m[2]), fields };
}
