// PtyProcess with real node-pty: go builds in the sample, UTF-8, whole-tree stop and flow control.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { descendants, isAlive } from '../../src/main/services/processTree';
import { BATCH_MAX_CHARS, HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS } from '../../src/shared/console';
import { PtyProcess, hasExited, type PtyExit } from '../../src/main/services/ptyProcess';
import { childEnv } from '../../src/main/services/go/run';
import { copySample, removeTemp, waitUntil } from '../support/backend';

/** The most one read of the pty delivers (libuv reads a tty in chunks of 64 KiB); chars <= bytes. */
const PTY_READ_CHARS = 64 * 1024;

interface Running {
  proc: PtyProcess;
  /** Everything received so far. */
  output: () => string;
  exit: Promise<PtyExit>;
}

const started: PtyProcess[] = [];

/** Starts a pty and records its output; acks at once unless `autoAck` is false. */
function start(file: string, args: string[], cwd: string, autoAck = true): Running {
  const proc = new PtyProcess({
    file,
    args,
    cwd,
    env: childEnv({ TERM: 'xterm-256color' }),
    cols: 120,
    rows: 30,
  });
  started.push(proc);
  const chunks: string[] = [];
  proc.onData((d) => {
    chunks.push(d);
    if (autoAck) proc.ack(d.length);
  });
  const exit = new Promise<PtyExit>((resolve) => proc.onExit(resolve));
  return { proc, output: () => chunks.join(''), exit };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Deterministic printable text: base64 of a sha256 counter stream, in 76-character lines. */
function seededText(bytes: number, seed: string): string {
  const blocks: Buffer[] = [];
  let len = 0;
  for (let i = 0; len < bytes; i++) {
    const b = createHash('sha256').update(`${seed}:${i}`).digest();
    blocks.push(b);
    len += b.length;
  }
  const b64 = Buffer.concat(blocks).subarray(0, bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\n') + '\n';
}

describe('PtyProcess', () => {
  let temp: string;
  let project: string;

  beforeAll(async () => {
    ({ temp, project } = await copySample('pty'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.dispose()));
  });
  afterAll(() => removeTemp(temp));

  it('runs go build ./... to success', async () => {
    const r = start('go', ['build', './...'], project);
    const exit = await r.exit;
    expect(exit.exitCode, r.output()).toBe(0);
    expect(exit.stopped).toBe(false);
    expect(r.proc.running).toBe(false);
  });

  it('reports a failing build with its location', async () => {
    const r = start('go', ['build', '-tags', 'gopsy_broken', './...'], project);
    const exit = await r.exit;
    expect(exit.exitCode).not.toBe(0);
    expect(exit.stopped).toBe(false);
    expect(r.output()).toContain('broken/typeerror.go:11:9');
  });

  it('keeps multi-byte UTF-8 whole', async () => {
    // Many repetitions so that reads split somewhere inside a character at least once.
    const line = 'héllo ✓ 世界 🦫';
    const r = start('bash', ['-c', `for i in $(seq 1 3000); do printf '%s\\n' '${line}'; done`], project);
    const exit = await r.exit;
    expect(exit.exitCode).toBe(0);
    const lines = r.output().split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3000);
    expect(new Set(lines)).toEqual(new Set([line]));
    expect(r.output()).not.toContain('\uFFFD');
  });

  it('delivers the whole output of programs that exit right after printing it', async () => {
    // On Linux the pty used to lose the tail of such output now and then (node-pty#72): run it often.
    const script = 'for i in $(seq 1 2000); do printf "line %04d of fast output\\n" $i; done';
    const expected = Array.from(
      { length: 2000 },
      (_, i) => `line ${String(i + 1).padStart(4, '0')} of fast output\r\n`,
    ).join('');
    for (let round = 0; round < 6; round++) {
      const runs = Array.from({ length: 4 }, () => start('bash', ['-c', script], project));
      for (const r of runs) {
        expect((await r.exit).exitCode).toBe(0);
        const out = r.output();
        expect(out.length, `round ${round}: ${JSON.stringify(out.slice(-80))}`).toBe(expected.length);
        expect(out).toBe(expected);
        // The end was known from the mark written after the exit, not from node-pty's 200 ms timeout.
        if (process.platform === 'linux') expect(r.proc.endedByMark).toBe(true);
      }
    }
  });

  it('passes on output that looks like the end mark, and keeps a partial one at the very end', async () => {
    // A whole mark with another nonce in the middle, and the start of one as the last bytes: the start
    // is held back while it might be the mark and given out when the pty ends.
    const fake = '\x1b]7331;GOPSY-END-0123456789ABCDEF\x07';
    const script = `for i in $(seq 1 500); do printf 'line %d\\n' $i; done; printf '${fake}middle\\n'; printf '\\033]7331;GOPSY-END-01'`;
    for (let round = 0; round < 5; round++) {
      const r = start('bash', ['-c', script], project);
      expect((await r.exit).exitCode).toBe(0);
      const expected = Array.from({ length: 500 }, (_, i) => `line ${i + 1}\r\n`).join('') + `${fake}middle\r\n` + '\x1b]7331;GOPSY-END-01';
      expect(r.output()).toBe(expected);
    }
  });

  it('reports the exit of a process whose output was stopped (^S) without blocking', async () => {
    // With the tty's output stopped the end mark cannot be written (the slave is held non-blocking,
    // so the write fails at once instead of blocking gopsy's main thread): node-pty's timeout ends it.
    const r = start('sleep', ['0.5'], project);
    r.proc.write('\x13');
    const exit = await r.exit;
    expect(exit.exitCode).toBe(0);
    expect(r.proc.endedByMark).toBe(false);
    expect(r.output()).toBe('');
  });

  it('hasExited tells a running process from one that has gone', async () => {
    expect(hasExited(process.pid)).toBe(false);
    const r = start('sleep', ['0.2'], project);
    expect(hasExited(r.proc.pid)).toBe(false);
    await r.exit;
    expect(hasExited(r.proc.pid)).toBe(true);
  });

  it('stop() ends the whole process tree of go run', async () => {
    const r = start('go', ['run', '.', '-wait', '10m'], project);
    await waitUntil(() => r.output().includes('waiting'), '"waiting" from the sample program');
    const tree = await descendants(r.proc.pid);
    // go run → the built program (maybe with a shell in between): at least one grandchild to kill
    expect(tree.length).toBeGreaterThanOrEqual(1);
    expect(tree.every(isAlive)).toBe(true);

    await r.proc.stop();
    const exit = await r.exit;
    expect(exit.stopped).toBe(true);
    expect(isAlive(r.proc.pid)).toBe(false);
    expect(tree.filter(isAlive)).toEqual([]);
  });

  describe('flow control', () => {
    let dataFile: string;
    let expected: string;

    beforeAll(async () => {
      expected = seededText(3_750_000, 'gopsy-flow'); // 5 MB of base64 text
      dataFile = path.join(temp, 'flow.txt');
      await writeFile(dataFile, expected);
    });

    it('pauses a fast producer and delivers every byte once acknowledged', async () => {
      expect(expected.length).toBeGreaterThan(5_000_000);
      const r = start('cat', [dataFile], project, false);
      await waitUntil(() => r.proc.isPaused, 'the pty to pause');
      // Let the pty settle: output read before the pause took effect is still arriving.
      let last = -1;
      await waitUntil(
        () => {
          const settled = r.output().length === last;
          last = r.output().length;
          return settled;
        },
        'output to stop while paused',
        30_000,
        200,
      );
      expect(r.proc.isPaused).toBe(true);
      expect(r.proc.running).toBe(true);
      expect(r.proc.unacknowledged).toBe(r.output().length);
      expect(r.proc.unacknowledged).toBeGreaterThan(HIGH_WATERMARK_CHARS);
      // At most one pty read more than the watermark (plus a batch in flight).
      expect(r.proc.unacknowledged).toBeLessThan(HIGH_WATERMARK_CHARS + PTY_READ_CHARS + BATCH_MAX_CHARS);
      expect(r.output().length).toBeLessThan(expected.length / 2);

      // Now a consumer that acks everything it gets, a little later, like xterm's write callback.
      let acked = 0;
      let maxUnacked = r.proc.unacknowledged;
      const ackAll = () => {
        const total = r.output().length;
        maxUnacked = Math.max(maxUnacked, r.proc.unacknowledged);
        r.proc.ack(total - acked);
        acked = total;
      };
      const timer = setInterval(ackAll, 2);
      const exit = await r.exit.finally(() => clearInterval(timer));
      ackAll();

      expect(exit).toEqual({ exitCode: 0, stopped: false });
      const out = r.output();
      const lines = expected.split('\n').length - 1;
      expect(out.length).toBe(expected.length + lines); // the pty turns each \n into \r\n
      expect(sha256(out.replace(/\r/g, ''))).toBe(sha256(expected));
      expect(maxUnacked).toBeLessThan(HIGH_WATERMARK_CHARS + PTY_READ_CHARS + BATCH_MAX_CHARS);
      expect(r.proc.unacknowledged).toBe(0);
      expect(r.proc.isPaused).toBe(false);
    });

    it('loses nothing when the program ends while its output is paused', async () => {
      // About 105,000 characters through the pty (the pause comes near their end), a moment for the
      // pause to take hold, then some 6,000 more that fit in the kernel's pty buffer: the program
      // finishes while the rest of its output still waits unread in the pty.
      const head = seededText(76_800, 'gopsy-head');
      const tail = seededText(4_500, 'gopsy-tail');
      await writeFile(path.join(temp, 'head.txt'), head);
      await writeFile(path.join(temp, 'tail.txt'), tail);
      const r = start('bash', ['-c', 'cat head.txt; sleep 0.5; cat tail.txt'], temp, false);
      await waitUntil(() => r.proc.isPaused, 'the pty to pause');
      await waitUntil(() => !isAlive(r.proc.pid), 'the program to finish');
      // A slow consumer: longer than node-pty waits for the rest of the output after an exit (200 ms).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      let acked = 0;
      const timer = setInterval(() => {
        const total = r.output().length;
        r.proc.ack(total - acked);
        acked = total;
      }, 5);
      const exit = await r.exit.finally(() => clearInterval(timer));
      expect(exit.exitCode).toBe(0);
      const out = r.output().replace(/\r/g, '');
      expect(out.length).toBe(head.length + tail.length);
      expect(sha256(out)).toBe(sha256(head + tail));
    });

    it('resumes only below the low watermark', async () => {
      const r = start('cat', [dataFile], project, false);
      await waitUntil(() => r.proc.isPaused, 'the pty to pause');
      const unacked = r.proc.unacknowledged;
      r.proc.ack(unacked - LOW_WATERMARK_CHARS); // exactly at the low watermark: still paused
      expect(r.proc.isPaused).toBe(true);
      r.proc.ack(1);
      expect(r.proc.isPaused).toBe(false);
      expect(r.proc.unacknowledged).toBe(LOW_WATERMARK_CHARS - 1);
      r.proc.ack(10 * HIGH_WATERMARK_CHARS); // over-acking never goes negative
      expect(r.proc.unacknowledged).toBeGreaterThanOrEqual(0);
    });
  });
});
