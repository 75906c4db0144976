// Runs the built `gopsy` command (bin/gopsy.js, after `npx electron-vite build`) as a user would.
import { execFile } from 'node:child_process';
import path from 'node:path';

export const GOPSY_BIN = path.resolve(__dirname, '../../bin/gopsy.js');

/** Its exit code, stdout and stderr; never rejects (a failed command is a result to check). */
export function gopsy(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [GOPSY_BIN, ...args], { cwd, timeout: 180_000, maxBuffer: 256 << 20 }, (error, out, err) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, out, err });
    });
  });
}
