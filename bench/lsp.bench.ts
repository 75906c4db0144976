// Code navigation: time from opening a project to the first go-to-definition answer, and gopls's memory
// then, with gopsy (Backend, contract, LspService) against gopls driven directly by a minimal LSP client
// (spawn, initialize, didOpen, definition) in the same run, alternating, on real modules.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { realModuleDir } from '../scripts/real-module.mjs';
import { projectGopls } from '../scripts/test-tools.cjs';
import { JsonRpcConnection } from '../src/main/services/lsp/jsonRpc';
import { killTree } from '../src/main/services/processTree';
import { connectedBackend, makeTemp, removeTemp } from '../test/support/backend';
import { recordBench, type BenchRow } from './report';

const RUNS = 3;
const gopls = process.env.GOPSY_GOPLS || projectGopls() || 'gopls';
process.env.GOPSY_GOPLS = gopls; // the same binary for both sides

interface Target {
  name: string;
  dir: string;
  file: string;
  needle: string;
  offset: number;
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function position(t: Target) {
  const lines = (await readFile(path.join(t.dir, t.file), 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(t.needle));
  return { line, character: lines[line]!.indexOf(t.needle) + t.offset };
}

/** gopls alone: spawn, initialize, didOpen, definition; ms to the answer and gopls's RSS then. */
async function direct(t: Target): Promise<{ ms: number; rss: number; answer: string }> {
  const t0 = performance.now();
  const child = spawn(gopls, ['serve'], { cwd: t.dir, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
  const rpc = new JsonRpcConnection(child.stdout, child.stdin, (method, params) =>
    method === 'workspace/configuration' ? ((params as { items: unknown[] }).items ?? []).map(() => ({})) : null,
  );
  const rootUri = pathToFileURL(t.dir).href;
  await rpc.request('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'p' }], capabilities: {} });
  rpc.notify('initialized', {});
  const abs = path.join(t.dir, t.file);
  const uri = pathToFileURL(abs).href;
  rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: await readFile(abs, 'utf8') } });
  const defs = await rpc.request<Array<{ uri: string }>>('textDocument/definition', { textDocument: { uri }, position: await position(t) });
  const ms = performance.now() - t0;
  const rss = rssMiB(child.pid!);
  await killTree(child.pid!);
  return { ms, rss, answer: defs[0]!.uri };
}

/** gopsy: a Backend opens the folder, the renderer's contract call asks for the definition. */
async function viaGopsy(t: Target): Promise<{ ms: number; rss: number; answer: string }> {
  const storage = await makeTemp('bench-lsp');
  const t0 = performance.now();
  const { backend, api } = await connectedBackend(storage, t.dir);
  const defs = await api.call('lsp.definition', { path: t.file, position: await position(t) });
  const ms = performance.now() - t0;
  const rss = rssMiB(backend.lsp.pid!);
  await backend.shutdown();
  await removeTemp(storage);
  return { ms, rss, answer: defs[0]!.path };
}

function goplsModule(): string {
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', 'golang.org/x/tools/gopls@v0.23.0'], { encoding: 'utf8' })) as { Dir: string };
  execFileSync('go', ['mod', 'download'], { cwd: info.Dir, stdio: 'ignore' });
  return info.Dir;
}

it('answers the first definition about as soon as gopls alone, with the same memory', async () => {
  const targets: Target[] = [
    { name: 'go-internal (30 packages)', dir: realModuleDir(), file: 'semver/forward.go', needle: 'semver.IsValid(v)', offset: 'semver.'.length },
    { name: 'gopls v0.23.0 (its own module)', dir: goplsModule(), file: 'internal/golang/hover.go', needle: 'types.TypeString(', offset: 'types.'.length },
  ];
  const rows: BenchRow[] = [];
  for (const t of targets) {
    const d: Array<{ ms: number; rss: number }> = [];
    const g: Array<{ ms: number; rss: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first; gopls's file cache (~/.cache/gopls) is warm for both after the first pair.
      const pair = i % 2 ? [viaGopsy, direct] : [direct, viaGopsy];
      for (const run of pair) {
        const r = await run(t);
        expect(r.answer).toMatch(/\.go$/);
        (run === direct ? d : g).push(r);
      }
    }
    /** One row comparing the medians of a figure, gopsy over direct, against a limit on the ratio. */
    const row = (key: 'ms' | 'rss', name: string, labels: [string, string], unit: string, goal: string, limit: number, why: string): BenchRow => {
      const [dm, gm] = [median(d.map((x) => x[key])), median(g.map((x) => x[key]))];
      const list = (xs: typeof d) => xs.map((x) => x[key].toFixed(0)).join(', ');
      return {
        name,
        baseline: { label: labels[0], value: dm },
        measured: { label: labels[1], value: gm },
        unit,
        ratio: gm / dm,
        goal,
        met: gm / dm <= limit,
        notes: `${why}; medians of ${RUNS} alternating runs each; direct ${list(d)} ${unit}; gopsy ${list(g)} ${unit}`,
      };
    };
    rows.push(
      row(
        'ms',
        `lsp: open ${t.name} to the first go-to-definition answer`,
        ['gopls driven directly (minimal LSP client)', 'gopsy (open folder, lsp.definition over the contract)'],
        'ms',
        'at most 1.5× gopls alone (gopsy adds go env, the path rule and the contract)',
        1.5,
        "gopls's file cache (~/.cache/gopls) is warm for both sides after the first pair",
      ),
      row(
        'rss',
        `lsp: gopls's RSS after the first definition on ${t.name}`,
        ['gopls driven directly', 'gopls started by gopsy'],
        'MiB',
        'the same gopls doing the same work: within 1.2×',
        1.2,
        "RSS read from /proc when the answer came (it moves with gopls's garbage collections)",
      ),
    );
  }
  recordBench('lsp', rows);
});
