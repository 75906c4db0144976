// Dynamic dependencies of a binary (Linux, glibc): `ldd BIN`, and — only when the user confirmed it,
// since it executes the program — one run of the binary with LD_DEBUG=libs, no arguments, stdin closed,
// stopped after a timeout. The program runs in its own process group so that the group (anything it
// started) is killed when the run ends.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import type { DynamicDeps, LoaderTrace } from '../../../shared/contract/binary';
import { parseLdd } from '../../../core/binary/ldd';
import { parseLdDebug } from '../../../core/binary/ldDebug';
import { childEnv } from '../go/run';

const LDD_TIMEOUT_MS = 30_000;
export const TRACE_TIMEOUT_MS = 10_000;
/** Output kept from the traced program: the loader's lines come first, a chatty program is cut. */
const MAX_OUTPUT = 4 << 20;

export function dynamicDeps(binary: string): Promise<DynamicDeps> {
  if (process.platform !== 'linux') {
    return Promise.resolve({ available: false, message: 'Dynamic dependencies are read with ldd, on Linux only.', static: false, libraries: [] });
  }
  return new Promise((resolve) => {
    execFile('ldd', [binary], { timeout: LDD_TIMEOUT_MS, encoding: 'utf8', env: childEnv() }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ available: false, message: 'ldd is not installed (it comes with the C library: libc-bin on Debian and Ubuntu).', static: false, libraries: [] });
        return;
      }
      if (err && typeof err.code !== 'number') {
        resolve({ available: false, message: `ldd did not finish: ${err.message}`, static: false, libraries: [] });
        return;
      }
      const parsed = parseLdd(stdout + '\n' + stderr);
      // ldd exits 1 for a static binary; any other failure is shown as ldd said it.
      if (err && !parsed.static) {
        resolve({ available: false, message: `ldd failed: ${(stderr || stdout).trim().slice(0, 500)}`, static: false, libraries: [] });
        return;
      }
      resolve({ available: true, ...parsed });
    });
  });
}

export function traceLoader(binary: string, cwd: string, libraryPath?: string, timeoutMs = TRACE_TIMEOUT_MS): Promise<LoaderTrace> {
  const env = childEnv({ LD_DEBUG: 'libs', ...(libraryPath ? { LD_LIBRARY_PATH: libraryPath } : {}) });
  const commandLine = `${libraryPath ? `LD_LIBRARY_PATH=${libraryPath} ` : ''}LD_DEBUG=libs ./${path.basename(binary)}`;
  return new Promise((resolve) => {
    const child = spawn(binary, [], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ commandLine, exitCode: -1, timedOut: false, searches: [], loaderError: `could not start the program: ${err.message}`, output: '' });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(); // whatever the program left running
      const parsed = parseLdDebug(stderr);
      const output = [stdout.trimEnd(), parsed.otherOutput.trimEnd()].filter(Boolean).join('\n').slice(0, 20_000);
      resolve({
        commandLine,
        exitCode: code ?? -1,
        ...(signal ? { signal } : {}),
        timedOut,
        searches: parsed.searches,
        ...(parsed.loaderError ? { loaderError: parsed.loaderError } : {}),
        output,
      });
    });
  });
}
