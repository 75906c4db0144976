// A loaded run keeps each logopt file's line offsets, not its bytes: escape flows are read back from
// the files on disk when asked. On real logopt output of the toolchain (test/fixtures/remarks, from
// scripts/fixtures-*), every flow read that way equals the flow of a parse that keeps the text.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remarksFromLogopt, withFlow } from '../../../src/core/remarks';
import { loadRemarks } from '../../../src/main/services/remarks/loadRemarks';

const FIXTURE = path.resolve(__dirname, '../../fixtures/remarks/encoding-json');
let temp: string;

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'gopsy-diskflows-'));
  await cp(FIXTURE, temp, { recursive: true });
});
afterAll(() => rm(temp, { recursive: true, force: true }));

async function logoptFiles(dir: string): Promise<string[]> {
  return (await readdir(path.join(dir, 'logopt'), { recursive: true })).map(String).filter((f) => f.endsWith('.json')).sort();
}

describe('escape flows read back from disk', () => {
  it('equal the flows of a parse that keeps the text, remark by remark', async () => {
    const loaded = await loadRemarks(temp, temp, async () => '');
    const eager = [];
    for (const f of await logoptFiles(temp)) eager.push(...remarksFromLogopt(await readFile(path.join(temp, 'logopt', f), 'utf8'), f).remarks);
    expect(loaded.remarks.length).toBe(eager.length);
    const flows = loaded.remarks.map((r) => withFlow(r).flow);
    expect(flows.reduce((n, f) => n + f.length, 0)).toBeGreaterThan(100);
    expect(flows).toEqual(eager.map((r) => r.flow));
  });

  it('are not kept in memory: once the files are gone, asking says so', async () => {
    const dir = path.join(temp, 'gone');
    await cp(FIXTURE, dir, { recursive: true });
    const loaded = await loadRemarks(dir, dir, async () => '');
    const pending = loaded.remarks.find((r) => !Array.isArray(r.flow))!;
    await rm(path.join(dir, 'logopt'), { recursive: true });
    expect(() => withFlow(pending)).toThrow(/remark files are gone/);
  });
});
