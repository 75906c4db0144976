// What "Why is this in my binary?" costs. Recording: the same `go build -o DIR/` of a real program's
// main package(s) with the shared (warm) cache, so the link is what runs, with and without
// -ldflags=-dumpdep, interleaved rounds, wall and CPU ratios (go-internal's five commands, and gopls).
// Reading: the recorded graph of gopls streamed through the console splitter (its one `go build -json`
// event) against JSON.parse of that event, and parsed into the interned graph with two chains found
// against reading its lines alone, with the memory the graph holds against the file's size.
import { spawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { DumpDepLineSplitter } from '../src/core/build';
import { ReachGraphReader } from '../src/core/binary/reachability';
import { whyInGraph } from '../src/core/binary/whyInBinary';
import { realModuleDir } from '../scripts/real-module.mjs';
import { recordBench, type BenchRow } from './report';

const ROUNDS = 3;

/** A full garbage collection, for the memory figure (vitest's workers are not started with --expose-gc). */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const GOPLS = { path: 'golang.org/x/tools/gopls', version: 'v0.23.0' };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** CPU ms (user + system) of this process's waited-for children (the go command, its compiles and links). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

function go(dir: string, args: string[]): Promise<{ ms: number; cpuMs: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const cpu0 = childrenCpuMs();
    let stdout = '';
    let stderr = '';
    const child = spawn('go', args, { cwd: dir, env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, cpuMs: childrenCpuMs() - cpu0, stdout, stderr }) : reject(new Error(`go ${args.join(' ')}: exit ${code}\n${stderr.slice(-2000)}`))));
  });
}

/** Interleaved builds into a fresh output folder each time (so the link always runs), plain and with -dumpdep. */
async function recordingCost(label: string, dir: string, pkgs: string[]): Promise<{ rows: BenchRow[]; json: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'gopsy-bench-dumpdep-'));
  const build = (n: number, extra: string[]) => ['build', '-json', ...extra, '-o', path.join(out, String(n)) + path.sep, ...pkgs];
  try {
    await go(dir, build(0, [])); // compiles what the cache lacks
    await go(dir, build(1, ['-ldflags=-dumpdep']));
    const plain: Array<{ ms: number; cpuMs: number }> = [];
    const dep: Array<{ ms: number; cpuMs: number }> = [];
    let json = '';
    for (let r = 0; r < ROUNDS; r++) {
      plain.push(await go(dir, build(10 + r, [])));
      const d = await go(dir, build(20 + r, ['-ldflags=-dumpdep']));
      dep.push(d);
      json = d.stdout;
    }
    const lines = json.split('\\n').length;
    const ratio = (k: 'ms' | 'cpuMs') => median(dep.map((d, i) => d[k] / plain[i]![k]));
    const row = (k: 'ms' | 'cpuMs', what: string): BenchRow => ({
      name: `binary answers: -ldflags=-dumpdep (${lines} lines, ${(json.length / 1e6).toFixed(1)} MB) on the build of ${label} that keeps the binary, ${what}`,
      baseline: { label: `go build -o DIR/ (warm cache: the link runs), ${what} (median)`, value: Math.round(median(plain.map((p) => p[k]))) },
      measured: { label: `the same with -ldflags=-dumpdep, ${what} (median)`, value: Math.round(median(dep.map((d) => d[k]))) },
      unit: 'ms',
      ratio: ratio(k),
      goal: 'small beside the build (it is on by default when the binary is kept)',
      met: ratio(k) <= 1.5,
      notes: `median of ${ROUNDS} interleaved pairs; the linker prints one line per symbol it keeps`,
    });
    return { rows: [row('ms', 'wall'), row('cpuMs', 'CPU')], json };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

test('recording the linker reachability graph: go-internal and gopls', async () => {
  const internal = await recordingCost('go-internal (5 commands)', realModuleDir(), ['./...']);
  const gopls = await recordingCost('gopls', realModuleDir(GOPLS), ['.']);
  recordBench('dumpdep-record', [...internal.rows, ...gopls.rows]);
});

test('reading the linker reachability graph of gopls', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'gopsy-bench-dumpdep-'));
  const gopls = await go(realModuleDir(GOPLS), ['build', '-json', '-ldflags=-dumpdep', '-o', out + path.sep, '.']).finally(() => rm(out, { recursive: true, force: true }));

  // The console splitter over gopls' one build-output event, in 64 KiB chunks, against JSON.parse of it.
  const event = gopls.stdout.split('\n').find((l) => l.includes('-\\u003e'))!;
  const split = () => {
    const splitter = new DumpDepLineSplitter('dumpdep.txt');
    let text = '';
    for (let i = 0; i < event.length; i += 65536) text += splitter.push(event.slice(i, i + 65536)).dep;
    return text + splitter.push('\r\n').dep + splitter.flush().dep;
  };
  // Alternating rounds, medians: the machine is shared and one run swings with its neighbours.
  const parseRuns: number[] = [];
  const splitRuns: number[] = [];
  let decoded = '';
  let dep = '';
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    decoded = (JSON.parse(event) as { Output: string }).Output;
    parseRuns.push(performance.now() - t);
    t = performance.now();
    dep = split();
    splitRuns.push(performance.now() - t);
  }
  const parseMs = median(parseRuns);
  const splitMs = median(splitRuns);
  expect(dep.length).toBeGreaterThan(decoded.length * 0.9);

  // The file as a run keeps it, read line by line: lines only, then into the graph with two chains.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-bench-dumpdep-file-'));
  const file = path.join(dir, 'dumpdep.txt');
  await writeFile(file, dep);
  const lines = () => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const readGraph = async () => {
    const reader = new ReachGraphReader();
    for await (const line of lines()) reader.line(line);
    const graph = reader.graphs()[0]!;
    return { graph, sym: whyInGraph(graph, 'golang.org/x/tools/gopls/internal/protocol.(*Range).Empty'), pkg: whyInGraph(graph, 'go/types') };
  };
  try {
    // Memory first, before the timed rounds leave their garbage.
    gc();
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const { graph, sym, pkg } = await readGraph();
    gc();
    gc();
    const held = process.memoryUsage().heapUsed - heap0;
    const readRuns: number[] = [];
    const graphRuns: number[] = [];
    let n = 0;
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      n = 0;
      for await (const _line of lines()) n++;
      readRuns.push(performance.now() - t);
      t = performance.now();
      await readGraph();
      graphRuns.push(performance.now() - t);
    }
    const readMs = median(readRuns);
    const graphMs = median(graphRuns);
    expect(pkg.ok).toBe(true);
    expect(graph.names.length).toBeGreaterThan(100_000);
    const rows: BenchRow[] = [
      {
        name: `binary answers: split gopls' -dumpdep out of its go build -json event (${(event.length / 1e6).toFixed(1)} MB, 64 KiB chunks) vs JSON.parse of the event`,
        baseline: { label: 'JSON.parse of the whole event line', value: Math.round(parseMs) },
        measured: { label: 'DumpDepLineSplitter, streaming', value: Math.round(splitMs) },
        unit: 'ms',
        ratio: splitMs / parseMs,
        goal: 'streams (never holds the event whole) at a few times JSON.parse at most',
        notes: `median of ${ROUNDS} alternating rounds`,
        met: splitMs / parseMs <= 5,
      },
      {
        name: `binary answers: gopls' graph (${n} lines, ${graph.names.length} symbols) read into ids + a symbol and a package chain vs reading its lines alone`,
        baseline: { label: 'readline over dumpdep.txt', value: Math.round(readMs) },
        measured: { label: 'readline + ReachGraphReader + 2 chains', value: Math.round(graphMs) },
        unit: 'ms',
        ratio: graphMs / readMs,
        goal: 'a few times the reading at most',
        met: graphMs / readMs <= 4,
        notes: `median of ${ROUNDS} alternating rounds; ${sym.ok ? 'symbol chain of ' + sym.why.chain.length + ' steps' : 'symbol not kept'}; package go/types through ${pkg.ok ? pkg.why.symbol : '-'}`,
      },
      {
        name: "binary answers: memory the gopls graph holds (heap after GC) vs dumpdep.txt's size",
        baseline: { label: 'dumpdep.txt', value: Math.round(dep.length / 1024) },
        measured: { label: 'heap held by the graph', value: Math.round(held / 1024) },
        unit: 'KiB',
        ratio: held / dep.length,
        goal: 'at most 2× the file (one string per symbol, ids per edge)',
        met: held < 2 * dep.length,
        notes: `heap used after a full GC, before reading and with the graph held (${graph.names.length} symbols)`,
      },
    ];
    recordBench('dumpdep-read', rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
