// Remarks of a real "Optimisation details" capture on a temp copy of the sample, with one extra file
// whose remarks sit after non-ASCII text (byte columns), through the service and the CLI's loader.
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byteColumnToUtf16 } from '../../../src/core/locations';
import type { RemarksSummary } from '../../../src/shared/remarks';
import { RunService } from '../../../src/main/services/runs/runService';
import { RemarksService } from '../../../src/main/services/remarks/remarksService';
import { loadRemarks } from '../../../src/main/services/remarks/loadRemarks';
import { SOURCE_HASHES } from '../../../src/main/services/remarks/sourceHashes';
import { remarkJson } from '../../../src/cli/remarks';
import { copySample, makeTemp, removeTemp } from '../../support/backend';

const UTF8_GO = `package store

var sink any

// Box allocates after non-ASCII text on the same line: the compiler's column counts bytes.
func Box(n int) { label := "é𝄞"; sink = label; sink = make([]byte, n) }
`;

let temp: string;
let project: string;
let storage: string;
let runs: RunService;
let service: RemarksService;
let summary: RemarksSummary;

beforeAll(async () => {
  ({ temp, project } = await copySample('remarks'));
  await writeFile(path.join(project, 'store', 'utf8.go'), UTF8_GO);
  storage = await makeTemp('remarks-storage');
  runs = new RunService(storage);
  service = new RemarksService(runs);
  summary = await service.capture(project);
}, 600_000);
afterAll(async () => {
  await runs?.cancelAll();
  await removeTemp(temp);
  await removeTemp(storage);
});

describe('remarks of a captured run', () => {
  test('loads, counts and lists the project files', async () => {
    expect(summary.skipped).toBe(0);
    expect(summary.warnings).toEqual([]);
    expect(summary.origin).toContain('-json=0');
    expect(summary.counts.escape).toBeGreaterThan(0);
    expect(summary.counts.canInline).toBeGreaterThan(0);
    expect(summary.files.map((f) => f.path)).toEqual(expect.arrayContaining(['store/store.go', 'store/utf8.go', 'main.go']));
    expect(summary.files.filter((f) => f.stale)).toEqual([]);
    // The newest run with remarks is found without naming it.
    expect((await service.load(project))?.runId).toBe(summary.runId);
  });

  test('byte columns after non-ASCII text map to the right UTF-16 column', async () => {
    const { remarks } = await service.forFile(project, summary.runId, 'store/utf8.go');
    const make = remarks.find((r) => r.message === 'make([]byte, n) escapes to heap')!;
    expect(make).toMatchObject({ kind: 'escape', function: 'Box', line: 6 });
    const text = UTF8_GO.split('\n')[5]!;
    // gc places a make call at its opening parenthesis.
    const at = text.indexOf('([]byte');
    expect(make.column).toBe(Buffer.byteLength(text.slice(0, at)) + 1);
    expect(make.column).not.toBe(at + 1);
    expect(text.slice(byteColumnToUtf16(text, make.column) - 1).startsWith('([]byte')).toBe(true);
  });

  test('pages, filters and the special views', async () => {
    const idx = await service.index(project, summary.runId);
    const page = idx.page({ path: 'store/store.go', kinds: ['cannotInline'] });
    expect(page.rows.map((r) => r.function).sort()).toEqual(['(*Store).Filter', '(*Store).Items']);
    expect(idx.heapAllocations('example.com/inventory/store').some((r) => r.path === 'store/store.go' && r.line === 36)).toBe(true);
    const almost = idx.almostInlined(20);
    expect(almost.find((a) => a.remark.function === '(*Store).Filter')).toMatchObject({ cost: 96, budget: 80, overPercent: 20 });
  });

  test('a file changed after the run is stale', async () => {
    const file = path.join(project, 'store', 'store.go');
    await writeFile(file, (await readFile(file, 'utf8')) + '\n// edited\n');
    const future = new Date(Date.now() + 5_000);
    await utimes(file, future, future);
    expect((await service.forFile(project, summary.runId, 'store/store.go')).stale).toBe(true);
  });

  test('staleness is by content: a touch is not stale, an edit that keeps an old mtime is', async () => {
    const main = path.join(project, 'main.go');
    const future = new Date(Date.now() + 5_000);
    await utimes(main, future, future);
    expect((await service.forFile(project, summary.runId, 'main.go')).stale).toBe(false);

    // An edit in the same second as the run: its mtime says nothing, its content does.
    const utf8 = path.join(project, 'store', 'utf8.go');
    await writeFile(utf8, UTF8_GO.replace('make([]byte, n)', 'make([]byte, n+1)'));
    const started = new Date(Date.parse((await runs.store.readManifest(project, summary.runId)).startedAt) - 1_000);
    await utimes(utf8, started, started);
    expect((await service.forFile(project, summary.runId, 'store/utf8.go')).stale).toBe(true);
    const files = (await service.load(project, summary.runId))!.files;
    expect(files.filter((f) => f.stale).map((f) => f.path)).toEqual(expect.arrayContaining(['store/utf8.go']));
    expect(files.find((f) => f.path === 'main.go')?.stale).toBe(false);

    // A run without recorded hashes (captured before they existed) falls back to the mtime rule.
    await rm(path.join(runs.store.runDir(project, summary.runId), SOURCE_HASHES));
    const fresh = new RemarksService(runs);
    expect((await fresh.forFile(project, summary.runId, 'main.go')).stale).toBe(true);
    expect((await fresh.forFile(project, summary.runId, 'store/utf8.go')).stale).toBe(false);
  });

  test('the CLI loader reads the run directory with the JSON fields scripts rely on', async () => {
    const loaded = await loadRemarks(runs.store.runDir(project, summary.runId), project);
    expect(loaded.remarks.length).toBe(summary.total);
    const row = remarkJson(loaded.remarks.find((r) => r.file.endsWith('store/utf8.go') && r.kind === 'escape')!);
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['kind', 'file', 'line', 'column', 'function', 'message']));
    expect(row.function).toBe('Box');
  });
});
