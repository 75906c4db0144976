// Finds and ends a whole process tree. node-pty's kill() signals only the direct child, but a
// `go run` or `go test` console has grandchildren (compile, link, the built program) that must die too.
import { readdir, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** How long processes get to exit after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 2000;

async function parentMapLinux(): Promise<Map<number, number[]>> {
  const children = new Map<number, number[]>();
  const entries = await readdir('/proc');
  await Promise.all(
    entries.map(async (name) => {
      if (!/^\d+$/.test(name)) return;
      let stat: string;
      try {
        stat = await readFile(`/proc/${name}/stat`, 'utf8');
      } catch {
        return; // exited meanwhile
      }
      // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so cut at the last ')'.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(after[1]);
      const pid = Number(name);
      const list = children.get(ppid);
      if (list) list.push(pid);
      else children.set(ppid, [pid]);
    }),
  );
  return children;
}

async function parentMapPs(): Promise<Map<number, number[]>> {
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid=']);
  const children = new Map<number, number[]>();
  for (const line of stdout.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined || Number.isNaN(ppid)) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  return children;
}

/** Every descendant of pid (not pid itself), parents before children. */
export async function descendants(pid: number): Promise<number[]> {
  const children = process.platform === 'linux' ? await parentMapLinux() : await parentMapPs();
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/**
 * Ends pid, its process group and every descendant (also those that left the group):
 * SIGTERM first, SIGKILL for whatever is still alive after the grace period.
 * Resolves when all of them are gone (or after the SIGKILL round).
 */
export async function killTree(pid: number, graceMs = KILL_GRACE_MS): Promise<void> {
  const tree = [pid, ...(await descendants(pid).catch(() => []))];
  signal(-pid, 'SIGTERM'); // the pty child leads its own process group
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!tree.some(isAlive)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  // Late children may have been born during the grace period: collect them again.
  const late = await descendants(pid).catch(() => []);
  signal(-pid, 'SIGKILL');
  for (const p of [...tree, ...late]) signal(p, 'SIGKILL');
}
