// Local processes a user may attach Delve to: this user's, with their command lines.
import { readdir, readFile, stat } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const MAX_PROCESSES = 2000;

export async function listProcesses(): Promise<Array<{ pid: number; command: string }>> {
  if (process.platform !== 'linux') {
    const { stdout } = await promisify(execFile)('ps', ['-U', String(process.getuid?.() ?? ''), '-o', 'pid=,command=']);
    return stdout
      .split('\n')
      .map((l) => /^\s*(\d+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ pid: Number(m[1]), command: m[2]! }))
      .slice(0, MAX_PROCESSES);
  }
  const uid = process.getuid?.();
  const out: Array<{ pid: number; command: string }> = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (uid !== undefined && (await stat(`/proc/${name}`)).uid !== uid) continue;
      const cmd = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
      if (cmd) out.push({ pid: Number(name), command: cmd.slice(0, 500) });
    } catch {
      /* exited meanwhile */
    }
    if (out.length >= MAX_PROCESSES) break;
  }
  return out;
}
