// Faults: processes killed from outside, consoles closed mid-output, the connection dropped and the
// app quitting during a build. Afterwards no child of gopsy may be left, and the console says how
// its process ended (killed by a signal is not a clean exit).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { descendants, isAlive } from '../../src/main/services/processTree';
import type { ConsoleExit } from '../../src/shared/api';
import { copySample, removeTemp, waitUntil } from '../support/backend';
import { startTestHost, type TestHost } from './host';
import { recordTrial, saveTrials } from './trials';

let temp: string;
let project: string;
let th: TestHost;

beforeAll(async () => {
  ({ temp, project } = await copySample('faults'));
});
afterEach(async () => {
  await th?.close();
});
afterAll(async () => {
  await removeTemp(temp);
  saveTrials('faults');
});

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** A go build that keeps the compiler busy for a while: -a with an empty private cache. */
async function startBusyBuild(th: TestHost) {
  const { client, ws } = await th.connect();
  const exits = new Map<string, ConsoleExit>();
  client.on('console.exit', (e) => exits.set(e.id, e));
  const info = await client.call('console.open', { preset: 'shell', cols: 120, rows: 30 });
  const cache = path.join(temp, `gocache-${Date.now()}`);
  await client.call('console.input', { id: info.id, data: `GOCACHE=${cache} exec go build -a ./...\r` });
  // Wait until the compiler itself runs under go.
  const tree = await waitUntil(async () => {
    const pids = await descendants(info.pid);
    return pids.some((p) => comm(p) === 'compile') ? [info.pid, ...pids] : null;
  }, 'a compile process under go build');
  return { client, ws, info, exits, tree };
}

/** Not a zombie: a process that has exited but is not reaped yet cannot be killed any more. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function noneLeft(pids: number[]): Promise<boolean> {
  await waitUntil(() => !pids.some(isAlive), 'every process of the tree to end', 15_000).catch(() => {});
  return !pids.some(isAlive);
}

describe('faults during a build', () => {
  it('the go command killed from outside: its compilers die too, the console reports the signal', async () => {
    th = await startTestHost(project);
    const { info, exits, tree } = await startBusyBuild(th);
    process.kill(info.pid, 'SIGKILL');
    const exit = await waitUntil(() => exits.get(info.id), 'the console exit');
    const clean = await noneLeft(tree);
    recordTrial({
      area: 'faults',
      what: '`go build -a` in a console, the go process SIGKILLed from outside mid-compile',
      cases: 1,
      outcome: `${tree.length} processes in the tree; ${clean ? 'none left afterwards' : 'some left running'}; console exit: code ${exit.exitCode}, signal ${exit.signal ?? 'none'}, stopped=${exit.stopped}`,
      ok: clean && !exit.stopped && (exit.signal === 9 || exit.exitCode !== 0),
    });
    expect(clean).toBe(true);
    expect(exit.stopped).toBe(false);
    expect(exit.signal === 9 || exit.exitCode !== 0).toBe(true);
  });

  it('a compile process killed from outside: the build fails, nothing is left', async () => {
    th = await startTestHost(project);
    const { info, exits, tree } = await startBusyBuild(th);
    // A compile can finish between being seen and being signalled; keep killing the compilers that are
    // running until go gives up, so the trial does not depend on that race.
    let killed = 0;
    const exit = await waitUntil(
      async () => {
        for (const p of await descendants(info.pid).catch(() => [])) {
          if (comm(p) !== 'compile' || !running(p)) continue;
          try {
            process.kill(p, 'SIGKILL');
            killed++;
          } catch {
            /* gone meanwhile */
          }
        }
        return exits.get(info.id);
      },
      'the console exit',
      120_000,
    );
    const all = [...tree, ...(await descendants(info.pid).catch(() => []))];
    const clean = await noneLeft(all);
    recordTrial({
      area: 'faults',
      what: '`go build -a` in a console, its compile processes SIGKILLed mid-run',
      cases: killed,
      outcome: `go exited with code ${exit.exitCode}; ${clean ? 'no process left' : 'processes left'}`,
      ok: clean && exit.exitCode !== 0,
    });
    expect(exit.exitCode).not.toBe(0);
    expect(clean).toBe(true);
  });

  it('the user stops the console: the whole tree ends and the exit says stopped', async () => {
    th = await startTestHost(project);
    const { client, info, exits, tree } = await startBusyBuild(th);
    await client.call('console.stop', { id: info.id });
    const exit = await waitUntil(() => exits.get(info.id), 'the console exit');
    const clean = await noneLeft(tree);
    recordTrial({
      area: 'faults',
      what: 'Stop pressed during `go build -a`',
      cases: 1,
      outcome: `${clean ? 'no process left' : 'processes left'}; exit stopped=${exit.stopped}`,
      ok: clean && exit.stopped,
    });
    expect(clean).toBe(true);
    expect(exit.stopped).toBe(true);
  });

  it('the console is closed while it prints: nothing is left', async () => {
    th = await startTestHost(project);
    const { client } = await th.connect();
    const info = await client.call('console.open', { preset: 'shell', cols: 120, rows: 30 });
    await client.call('console.input', { id: info.id, data: 'yes gopsy | head -c 100000000\r' });
    const tree = await waitUntil(async () => {
      const pids = await descendants(info.pid);
      return pids.some((p) => comm(p) === 'yes') ? [info.pid, ...pids] : null;
    }, 'yes to run');
    await client.call('console.close', { id: info.id });
    const clean = await noneLeft(tree);
    recordTrial({ area: 'faults', what: 'A console closed while printing as fast as it can', cases: 1, outcome: clean ? 'no process left' : 'processes left', ok: clean });
    expect(clean).toBe(true);
  });

  it('the connection drops during a build: its consoles end', async () => {
    th = await startTestHost(project);
    const { ws, tree } = await startBusyBuild(th);
    ws.terminate();
    const clean = await noneLeft(tree);
    recordTrial({ area: 'faults', what: 'The page\'s WebSocket cut during `go build -a`', cases: 1, outcome: clean ? 'no process left' : 'processes left', ok: clean });
    expect(clean).toBe(true);
  });

  it('the app quits during a build: nothing is left', async () => {
    th = await startTestHost(project);
    const { tree } = await startBusyBuild(th);
    await th.backend.shutdown();
    const clean = await noneLeft(tree);
    recordTrial({ area: 'faults', what: 'Quit (backend shutdown) during `go build -a`', cases: 1, outcome: clean ? 'no process left' : 'processes left', ok: clean });
    expect(clean).toBe(true);
  });
});
