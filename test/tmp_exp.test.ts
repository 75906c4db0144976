import { test } from 'vitest';
import * as pty from 'node-pty';
import { openSync, closeSync, constants } from 'node:fs';
import { childEnv } from '../src/main/services/goCommand';

for (const hold of [false, true]) test(`utf raw hold=${hold}`, async () => {
  const line = 'héllo ✓ 世界 🦫';
  const results: string[] = [];
  for (let k = 0; k < 40; k++) {
    const p = pty.spawn('bash', ['-c', `for i in $(seq 1 3000); do printf '%s\\n' '${line}'; done`], { cwd: '/tmp', env: childEnv(), cols: 120, rows: 30, encoding: 'utf8' });
    let fd = -1;
    if (hold) fd = openSync((p as any).ptsName, constants.O_RDWR | constants.O_NOCTTY);
    let out = ''; const t0 = Date.now(); const ev: string[] = [];
    p.onData((d) => { out += d; });
    (p as any)._socket.on('end', () => ev.push(`end@${Date.now()-t0}:${out.length}`));
    (p as any)._socket.on('close', () => ev.push(`close@${Date.now()-t0}:${out.length}`));
    (p as any)._socket.on('error', (e: any) => ev.push(`err ${e.code}@${Date.now()-t0}:${out.length}`));
    await new Promise<void>((r) => p.onExit(() => { ev.push(`exit@${Date.now()-t0}:${out.length}`); r(); }));
    if (fd >= 0) closeSync(fd);
    await new Promise((r) => setTimeout(r, 100));
    ev.push(`final:${out.length}`);
    if (out.length !== 45000) results.push(ev.join(' '));
  }
  console.log('hold', hold, 'bad', results.length, results.slice(0, 5));
});
