// CPU contention for the benches: one busy-loop process per core, started and stopped by the bench (a
// user's laptop compiling beside gopsy).
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';

export interface Busy {
  stop(): Promise<void>;
}

export function busyCores(n = os.cpus().length): Busy {
  const kids: ChildProcess[] = [];
  for (let i = 0; i < n; i++) kids.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return {
    stop: () =>
      Promise.all(
        kids.map(
          (k) =>
            new Promise<void>((resolve) => {
              if (k.exitCode !== null || k.signalCode !== null) return resolve();
              k.once('exit', () => resolve());
              k.kill('SIGKILL');
            }),
        ),
      ).then(() => undefined),
  };
}
