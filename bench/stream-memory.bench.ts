// Issue #19: peak memory growth of gopsy's backend while it reads a large streamed input, against the
// size of that input, measured in one run twice: on the machine as it is, and with a busy loop on every
// core (bench/busyCores.ts). The inputs are real ones of the current toolchain:
//  - the logopt remarks of `go build -a std` (bench/stdRemarks.ts), loaded as the Remarks view loads them
//    (remarks.load);
//  - the go command's -debug-trace of the same build, read as the Build view reads a run (build.run);
//  - GODEBUG traces: a real Go program printing gctrace + schedtrace/scheddetail as fast as the runtime
//    does, in a console of the project (console.open, the `go run` preset with a GODEBUG profile) whose
//    client acknowledges output as xterm does, late; its events are recorded into the session at the end.
// The backend is `gopsy serve` (the built CLI: npx electron-vite build), a fresh process for each
// measurement, spoken to over its WebSocket as the renderer does: its peak RSS is read from
// /proc/PID/status (VmHWM, reset just before each measurement), so this process's own noise is out.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { expect, test } from 'vitest';
import { projectKey, RUNS_DIR } from '../src/main/services/runs/runStore';
import { busyCores } from './busyCores';
import { recordBench, type BenchRow } from './report';
import { STD_TRACE, stdLogopt } from './stdRemarks';

const REPO = path.resolve(__dirname, '..');
const MB = 1e6;
/** How long the GODEBUG program runs (its own clock). */
const TRACE_SECONDS = 30;

function status(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(m[1]) * 1024;
}

/** Resets the process's peak RSS to its RSS of now (Linux ≥ 4.0); returns that RSS. */
function resetPeak(pid: number): number {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  return status(pid, 'VmRSS');
}

interface Host {
  pid: number;
  call(method: string, params: object): Promise<unknown>;
  onEvent(fn: (event: string, payload: unknown) => void): void;
  close(): Promise<void>;
}

/** `gopsy serve` (the built CLI: npx electron-vite build) on the project with its own storage. */
async function startHost(project: string, storage: string): Promise<Host> {
  const urlFile = path.join(storage, 'url');
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'bin/gopsy.js'), 'serve', project, '--url-file', urlFile, '--storage', storage], {
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!existsSync(urlFile) || !readFileSync(urlFile, 'utf8').includes('\n')) {
    if (exited) throw new Error('gopsy serve exited before it served');
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = new URL(readFileSync(urlFile, 'utf8').trim());
  const first = { port: Number(url.port), token: url.searchParams.get('tkn')! };
  const ws = new WebSocket(`ws://127.0.0.1:${first.port}/rpc`, {
    headers: { Cookie: `gopsy-tkn-${first.port}=${first.token}`, Origin: `http://127.0.0.1:${first.port}` },
  });
  await new Promise((r) => ws.once('open', r));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners: Array<(event: string, payload: unknown) => void> = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as { t: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string }; event?: string; payload?: unknown };
    if (m.t === 'res' && m.id !== undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok === false) p?.reject(new Error(m.error?.message));
      else p?.resolve(m.result);
    } else if (m.t === 'evt') for (const l of listeners) l(m.event!, m.payload);
  });
  let next = 1;
  return {
    pid: child.pid!,
    call: (method, params) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ t: 'req', id, method, params }));
      }),
    onEvent: (fn) => void listeners.push(fn),
    close: async () => {
      ws.close();
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
    },
  };
}

/** A Go program the runtime traces busily: goroutines that allocate (GC cycles) and block (G states). */
const PROGRAM = `package main

import (
	"sync"
	"time"
)

var sink [][]byte

func main() {
	end := time.Now().Add(${TRACE_SECONDS} * time.Second)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 400; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; time.Now().Before(end); i++ {
				b := make([]byte, 4096+g)
				mu.Lock()
				if len(sink) > 256 {
					sink = sink[:0]
				}
				sink = append(sink, b)
				mu.Unlock()
				if i%64 == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}(g)
	}
	wg.Wait()
}
`;
const GODEBUG = 'gctrace=1,schedtrace=10,scheddetail=1';

/** Lays out a finished run of the project in gopsy's storage whose artefacts are `files` (linked). */
function fakeRun(storage: string, project: string, id: string, capture: Record<string, boolean>, files: Record<string, string>): void {
  const dir = path.join(storage, RUNS_DIR, projectKey(project), id);
  mkdirSync(dir, { recursive: true });
  for (const [name, target] of Object.entries(files)) symlinkSync(target, path.join(dir, name));
  const all = { commands: false, work: false, actionGraph: false, trace: false, phases: false, remarks: false, rebuildReasons: false, compileCost: false, ...capture };
  const manifest = {
    version: 1,
    id,
    project,
    profile: { name: 'bench', target: 'build', packages: ['std'], capture: all },
    command: { argv: ['go', 'build', '-a', 'std'], env: {}, shellLine: 'go build -a std', cwd: project },
    status: 'succeeded',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    endedAt: new Date().toISOString(),
    exitCode: 0,
    artefacts: Object.keys(files),
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

interface Measured {
  input: number;
  growth: number;
  detail: string;
}

interface Run {
  host: Host;
  storage: string;
  /** RSS when the measurement started. */
  start: number;
}

/** What a follow-up in the same backend measured: a note, or a row of its own. */
type Again = (run: Run) => Promise<string | { what: string; measured: Measured }>;

/** One measurement on a fresh backend: the peak RSS growth of its process while `work` runs. */
async function measure(project: string, work: (run: Run) => Promise<{ input: number; detail: string }>, again?: Again): Promise<Measured & { extra?: { what: string; measured: Measured } }> {
  const storage = mkdtempSync(path.join(os.tmpdir(), 'gopsy-bench-storage-'));
  fakeRun(storage, project, REMARKS_RUN, { remarks: true }, { logopt: stdLogopt() });
  fakeRun(storage, project, TRACE_RUN, { trace: true }, { 'trace.json': STD_TRACE });
  const host = await startHost(project, storage);
  try {
    await new Promise((r) => setTimeout(r, 500)); // the folder's own start-up work settles
    const run = { host, storage, start: resetPeak(host.pid) };
    const { input, detail } = await work(run);
    const growth = Math.max(0, status(host.pid, 'VmHWM') - run.start);
    // Then in the same process, measured on its own: the same work again, or what follows it.
    const next = again ? await again({ ...run, start: resetPeak(host.pid) }) : '';
    if (typeof next === 'string') return { input, growth, detail: next ? `${detail}; ${next}` : detail };
    return { input, growth, detail, extra: next };
  } finally {
    await host.close();
    rmSync(storage, { recursive: true, force: true });
  }
}

const REMARKS_RUN = '20260101-000000-aaaaaa';
const TRACE_RUN = '20260101-000000-bbbbbb';
const mbOf = (n: number) => (n / MB).toFixed(1);

const remarksLoad = async ({ host }: Run) => {
  const dir = stdLogopt();
  const input = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
  const summary = (await host.call('remarks.load', { runId: REMARKS_RUN })) as { total: number };
  expect(summary.total).toBeGreaterThan(100_000);
  return { input, detail: `${summary.total} remarks` };
};

const traceLoad = async ({ host }: Run) => {
  const detail = (await host.call('build.run', { id: TRACE_RUN })) as { problems: unknown[] };
  expect(detail.problems).toEqual([]);
  return { input: statSync(STD_TRACE).size, detail: `${readFileSync(STD_TRACE, 'utf8').split('\n').length - 1} trace lines` };
};

const traceAgain = async ({ host, start }: Run) => {
  await host.call('build.run', { id: TRACE_RUN });
  const growth = status(host.pid, 'VmHWM') - start;
  // A 10-line trace's first read grows the backend 0.3 MB: what the first big read adds is V8 growing
  // its young generation, which a backend that has parsed anything big before has already done.
  return `read again by the same backend: ${mbOf(growth)} MB (${(growth / statSync(STD_TRACE).size).toFixed(2)}×: the first read in a fresh backend also grows V8's young generation)`;
};

/** The program in a traced console; the client acks late (after a timer), as a busy renderer would. */
const godebugConsole = async ({ host, storage, start }: Run) => {
  let chars = 0;
  let beforeOutput = 0;
  let events = 0;
  let id = '';
  let unacked = 0;
  const done = new Promise<void>((resolve) => {
    host.onEvent((event, payload) => {
      if (event === 'console.data') {
        const d = (payload as { data: string }).data;
        // The go command has built the program and the trace begins: what the console took so far.
        if (chars === 0) beforeOutput = status(host.pid, 'VmHWM') - start;
        chars += d.length;
        unacked += d.length;
        if (unacked >= 5_000) {
          const n = unacked;
          unacked = 0;
          setTimeout(() => void host.call('console.ack', { id, chars: n }), 5);
        }
      } else if (event === 'godebug.events') events += (payload as { events: unknown[] }).events.length;
      else if (event === 'console.exit') resolve();
    });
  });
  const info = (await host.call('console.open', { preset: 'run', cols: 200, rows: 50, godebug: { GODEBUG } })) as { id: string };
  id = info.id;
  await done;
  // The session records the console's events when it ends: wait for its file.
  const recorded = () => readdirSync(storage, { recursive: true }).map(String).find((f) => /\/events\/[^/]+\.jsonl$/.test(f));
  const t0 = Date.now();
  while (!recorded() && Date.now() - t0 < 5 * 60_000) await new Promise((r) => setTimeout(r, 100));
  const file = recorded();
  expect(file).toBeDefined();
  const recordedMb = mbOf(statSync(path.join(storage, file!)).size);
  return { input: chars, detail: `${events} events pushed to the client, ${recordedMb} MB of them recorded into the session; peak growth before the program's first output (console, go run building it): ${mbOf(beforeOutput)} MB` };
};

/**
 * The capture the console recorded, saved into a bundle, then opened in a fresh backend and replayed as
 * the Runtime view replays one (bundle.godebugEvents): only the replay is measured.
 */
const godebugReplay: Again = async ({ host, storage }) => {
  const file = path.join(storage, 'replay.gopsy');
  await host.call('session.save', { includeSources: false, excludeSources: [], path: file });
  const replayStorage = mkdtempSync(path.join(os.tmpdir(), 'gopsy-bench-storage-'));
  for (const d of ['project', 'storage']) mkdirSync(path.join(replayStorage, d));
  const fresh = await startHost(path.join(replayStorage, 'project'), path.join(replayStorage, 'storage'));
  try {
    const bundle = (await fresh.call('bundle.open', { path: file })) as { id: string };
    const captures = (await fresh.call('bundle.godebugCaptures', { id: bundle.id })) as Array<{ path: string; size: number }>;
    expect(captures).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    const start = resetPeak(fresh.pid);
    const got = (await fresh.call('bundle.godebugEvents', { id: bundle.id, path: captures[0]!.path })) as { events: unknown[]; skipped: number };
    const growth = Math.max(0, status(fresh.pid, 'VmHWM') - start);
    expect(got.skipped).toBe(0);
    return {
      what: 'the same GODEBUG capture saved in a bundle (events/*.jsonl), replayed (bundle.godebugEvents)',
      measured: { input: captures[0]!.size, growth, detail: `${got.events.length} events, sent to the client in one answer; a fresh gopsy serve that opened the bundle` },
    };
  } finally {
    await fresh.close();
    rmSync(replayStorage, { recursive: true, force: true });
  }
};

test('peak memory growth of the backend reading large streamed inputs, quiet and with every core busy', async () => {
  stdLogopt();
  const project = mkdtempSync(path.join(os.tmpdir(), 'gopsy-bench-streams-'));
  writeFileSync(path.join(project, 'go.mod'), 'module example.com/tracebench\n\ngo 1.22\n');
  writeFileSync(path.join(project, 'main.go'), PROGRAM);
  // Measured on this machine before the fixes of this bench's change (same inputs, same bench).
  const kinds = [
    {
      key: 'remarks',
      what: 'the logopt remarks of go build -a std, loaded (remarks.load)',
      work: remarksLoad,
      before: 'unchanged by this change (0.72× quiet, 0.65× busy before it)',
      bound: 'holds its bound under CPU contention: the files are read at most 16 ahead of the parser (loadRemarks), each dropped once parsed, so a slowed parser never has more waiting',
    },
    {
      key: 'trace',
      what: "the go command's -debug-trace of go build -a std, read (build.run)",
      work: traceLoad,
      again: traceAgain,
      before: 'before this change (read whole, then split into lines): 3.88× quiet, 3.94× busy',
      bound: 'holds its bound under CPU contention once the backend has parsed anything big (read again: about 1×); the file stream waits for the parser (64 KiB at a time); over 2× only on a fresh backend, by a few MB of V8 young generation on this small (3.7 MB) trace',
    },
    {
      key: 'godebug',
      what: `GODEBUG=${GODEBUG} of a Go program through a console (go run, ${TRACE_SECONDS} s), events recorded`,
      work: godebugConsole,
      again: godebugReplay,
      before: 'before this change (every event kept as an object, the session file made as one string), the same bench: 634 MB for 31.7 MB (20.0×) quiet, 495 MB for 25.7 MB (19.3×) busy',
      bound: 'holds its bound under CPU contention: the console pauses the pty above 100,000 unacknowledged characters (the client acks 5 ms late here), so a slowed backend or client makes the program wait instead of filling memory; the session keeps the output deflated, not the events',
      extraBound:
        "holds its bound under CPU contention: the entry is read through the line parser and each event goes straight into the answer's JSON (64 KiB parts, sent as fragments of one WebSocket message), so the backend holds the answer, about the entry's size; before this change (every event kept as an object, the answer serialised whole), measured then in the backend that had recorded the capture: 4.55× quiet, 4.64× busy",
    },
  ];
  const rows: BenchRow[] = [];
  try {
    const results: Record<string, { quiet: Awaited<ReturnType<typeof measure>>; busy: Awaited<ReturnType<typeof measure>> }> = {};
    for (const k of kinds) {
      const quiet = await measure(project, k.work, k.again);
      // The same again with a busy loop on every core (a machine compiling beside gopsy).
      const busy = busyCores();
      const loaded = await measure(project, k.work, k.again).finally(() => busy.stop());
      results[k.key] = { quiet, busy: loaded };
    }
    const when = `with a busy loop on each of the ${os.cpus().length} cores`;
    const load = `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores at the end of the run`;
    const row = (what: string, m: Measured, label: string, notes: string): BenchRow => ({
      name: `streams: peak backend memory growth, ${what} (${(m.input / MB).toFixed(1)} MB), ${label}`,
      baseline: { label: 'input size', value: Number((m.input / MB).toFixed(1)) },
      measured: { label: 'backend process peak RSS growth', value: Number((m.growth / MB).toFixed(1)) },
      unit: 'MB',
      ratio: Number((m.growth / m.input).toFixed(2)),
      goal: '≤ 2× the input size',
      met: m.growth <= 2 * m.input,
      notes: `${m.detail}; ${notes}; ${load}`,
    });
    for (const k of kinds) {
      const { quiet, busy } = results[k.key]!;
      const how = 'a fresh gopsy serve each time, spoken to over its WebSocket, peak RSS from /proc (VmHWM reset just before)';
      rows.push(row(k.what, quiet, 'quiet', `${how}; ${k.bound}; ${k.before}`), row(k.what, busy, when, `${how}; ${k.bound}; ${k.before}`));
      if (quiet.extra && busy.extra && k.extraBound) {
        rows.push(row(quiet.extra.what, quiet.extra.measured, 'quiet', k.extraBound), row(busy.extra.what, busy.extra.measured, when, k.extraBound));
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  recordBench('stream-memory', rows);
});
