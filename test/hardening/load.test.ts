// Load: many consoles printing as fast as they can at once. Every character must arrive, in order
// (checked by a hash of what the client received against the file that was printed), while the
// backend's memory stays bounded by flow control.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ACK_CHUNK_CHARS as ACK_CHUNK } from '../../src/shared/console';
import { copySample, removeTemp } from '../support/backend';
import { startTestHost, type TestHost } from './host';
import { recordTrial, saveTrials } from './trials';

const CONSOLES = 20;
/** 1 MB each in npm test; npm run test:hardening sets 10. */
const MB_EACH = Number(process.env.GOPSY_LOAD_MB ?? 1);

/**
 * Hashes what a console printed between the markers, as it arrives, so the client keeps no copy
 * (the process's memory figure is then the backend's, not the test's).
 */
class StreamCheck {
  private head = '';
  private carry = '';
  private inBody = false;
  private readonly hash = createHash('sha256');
  private tail = '';
  private done = false;

  push(data: string): void {
    let s = (this.carry + data).replace(/\r\n/g, '\n');
    this.carry = '';
    if (s.endsWith('\r')) {
      this.carry = '\r';
      s = s.slice(0, -1);
    }
    if (!this.inBody) {
      this.head += s;
      const at = this.head.indexOf('@@BEGIN\n');
      if (at < 0) return;
      this.inBody = true;
      s = this.head.slice(at + 8);
      this.head = '';
    }
    if (this.done) return;
    // Hold back a few characters so an end marker split across chunks is still found.
    s = this.tail + s;
    const end = s.indexOf('@@END');
    if (end >= 0) {
      this.hash.update(s.slice(0, end));
      this.tail = '';
      this.done = true;
      return;
    }
    const keep = 8;
    this.hash.update(s.slice(0, Math.max(0, s.length - keep)));
    this.tail = s.slice(Math.max(0, s.length - keep));
  }

  /** The hash of the body; empty when the end marker never came. */
  digest(): string {
    return this.done ? this.hash.digest('hex') : '';
  }
}

let temp: string;
let project: string;
let th: TestHost;

beforeAll(async () => {
  ({ temp, project } = await copySample('load'));
  th = await startTestHost(project);
});
afterAll(async () => {
  await th?.close();
  await removeTemp(temp);
  saveTrials('load');
});

describe('consoles under load', () => {
  it(`${CONSOLES} consoles × ${MB_EACH} MB each arrive complete and in order`, async () => {
    // Lines of base64, different per console, so a mix-up between consoles would show.
    const files: string[] = [];
    for (let i = 0; i < CONSOLES; i++) {
      const f = path.join(temp, `out${i}.txt`);
      const fd = openSync(f, 'w');
      for (let k = 0; k < MB_EACH * 8; k++) writeSync(fd, randomBytes(98_304).toString('base64').replace(/(.{100})/g, '$1\n') + '\n');
      closeSync(fd);
      files.push(f);
    }
    const { client } = await th.connect();
    const received = new Map<string, StreamCheck>();
    const exited = new Map<string, number>();
    const unacked = new Map<string, number>();
    client.on('console.data', ({ id, data }) => {
      received.get(id)?.push(data);
      const n = (unacked.get(id) ?? 0) + data.length;
      if (n >= ACK_CHUNK) {
        void client.call('console.ack', { id, chars: n });
        unacked.set(id, 0);
      } else unacked.set(id, n);
    });
    const allExited = new Promise<void>((resolve) =>
      client.on('console.exit', ({ id, exitCode }) => {
        exited.set(id, exitCode);
        if (exited.size === CONSOLES) resolve();
      }),
    );

    const rss0 = process.memoryUsage().rss;
    let peakRss = rss0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();

    const ids: string[] = [];
    for (const f of files) {
      const info = await client.call('console.open', { preset: 'shell', cols: 200, rows: 50 });
      received.set(info.id, new StreamCheck());
      ids.push(info.id);
      // Markers around the payload let the check ignore the shell's prompt and echo.
      await client.call('console.input', { id: info.id, data: `stty -echo; echo @@BEGIN; cat '${f}'; echo @@END; exit\r` });
    }
    await allExited;
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    loop.disable();

    let intact = 0;
    for (let i = 0; i < CONSOLES; i++) {
      const want = createHash('sha256').update(readFileSync(files[i]!, 'utf8')).digest('hex');
      if (received.get(ids[i]!)!.digest() === want) intact++;
    }
    const growthMb = (peakRss - rss0) / 2 ** 20;
    const maxStallMs = loop.max / 1e6;
    recordTrial({
      area: 'load',
      what: `${CONSOLES} consoles at once, each printing ${MB_EACH} MB as fast as it can, through the browser host with acks`,
      cases: CONSOLES,
      outcome: `${intact}/${CONSOLES} streams arrived complete and in order (sha256); ${(CONSOLES * MB_EACH / seconds).toFixed(1)} MB/s in all; backend peak RSS growth ${growthMb.toFixed(0)} MiB; longest event-loop stall of the backend ${maxStallMs.toFixed(0)} ms`,
      ok: intact === CONSOLES,
    });
    expect(intact).toBe(CONSOLES);
    expect([...exited.values()].every((c) => c === 0)).toBe(true);
  });
});
