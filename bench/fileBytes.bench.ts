// What attributing every byte costs: reading a real binary's sections and pclntab and attributing them
// (go-internal's testscript, ~10 MB, built here), against `go tool nm -size` on the same file, which
// the Binary view runs anyway. Median of interleaved rounds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { realModuleDir } from '../scripts/real-module.mjs';
import { readSections } from '../src/main/services/binary/analyseBinary';
import { readFileBytes } from '../src/main/services/binary/fileBytes';
import { goToolNm } from '../src/main/services/go/tool';
import { recordBench, timeIt } from './report';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('sections + pclntab read and attributed vs go tool nm -size, go-internal testscript', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-bench-bytes-'));
  try {
    const bin = path.join(tmp, 'testscript');
    execFileSync('go', ['build', '-o', bin, './cmd/testscript'], { cwd: realModuleDir(), env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' } });
    const size = statSync(bin).size;
    const nm = await goToolNm(bin, { cwd: tmp }); // warms the page cache and the tool build
    const nmMs: number[] = [];
    const ownMs: number[] = [];
    let functions = 0;
    for (let i = 0; i < ROUNDS; i++) {
      nmMs.push(await timeIt(() => goToolNm(bin, { cwd: tmp })));
      ownMs.push(
        await timeIt(async () => {
          const { sections } = await readSections(bin);
          const b = await readFileBytes(bin, size, sections, nm.symbols, null);
          expect(b.attributed + b.unattributed).toBe(size);
          functions = b.pclntab?.functions ?? 0;
        }),
      );
    }
    const [base, own] = [median(nmMs), median(ownMs)];
    recordBench('file-bytes', [
      {
        name: `binary: every byte attributed (sections + pclntab of ${functions} functions, ${(size / 2 ** 20).toFixed(1)} MiB testscript) vs go tool nm -size on the same file`,
        baseline: { label: 'go tool nm -size -sort size (median)', value: Math.round(base) },
        measured: { label: 'read sections + pclntab, attribute (median)', value: Math.round(own) },
        unit: 'ms',
        ratio: own / base,
        goal: 'under nm, which the view runs anyway',
        met: own < base,
        notes: `median of ${ROUNDS} interleaved rounds; nm's parsed symbols are an input of the attribution, not re-read; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      },
    ]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
