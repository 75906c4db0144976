// The go command's -debug-trace as the Build view reads it: parsed a chunk at a time as it comes off the
// disk (the same spans and problems as the whole text, however it is cut), so a big build's trace is
// never in memory whole: the backend's peak RSS grew 4× the trace of `go build -a std` when it was.
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../../src/shared/build';
import { BuildTraceReader, parseBuildTrace } from '../../../src/core/build';
import { loadRunDetail, readBuildTrace } from '../../../src/main/services/runs/runDetail';
import { fixture } from '../../core/fixtures';
import { makeTemp, removeTemp } from '../../support/backend';
import { heldBytes, peakRss } from '../../support/memory';

/** `go build -a -p 2 net/http` and the sample's build, captured by scripts/regenerate-fixtures.mjs. */
const TRACES = ['build/nethttp-p2.trace.json', 'build/pass.trace.json'].map((f) => fixture(f));

function chunked(text: string, size: number) {
  const r = new BuildTraceReader();
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
  return r.end();
}

let temp: string;
beforeAll(async () => {
  temp = await makeTemp('trace-read');
});
afterAll(() => removeTemp(temp));

describe('BuildTraceReader', () => {
  it('gives the spans and problems of the whole text however the text is cut', () => {
    const cut = TRACES[0]!.slice(0, Math.floor(TRACES[0]!.length / 2));
    const lines = TRACES[1]!.split('\n');
    const damaged = [...lines.slice(0, 5), '{"name":"Executing action (build x)",', ...lines.slice(5)].join(
      '\n',
    );
    for (const text of [
      ...TRACES,
      TRACES[0]!.replace(/\n/g, '\r\n'),
      cut,
      damaged,
      '',
      '  \n',
      '{"not":"a trace"}',
    ]) {
      const whole = parseBuildTrace(text);
      for (const size of [1, 7, 4096, 65_536]) expect(chunked(text, size)).toEqual(whole);
    }
    expect(parseBuildTrace(TRACES[0]!).spans.length).toBeGreaterThan(100);
    expect(parseBuildTrace(TRACES[0]!).error).toBeUndefined();
    expect(parseBuildTrace(cut).truncated).toBe(true);
    expect(parseBuildTrace(damaged).error).toBe('1 lines of the trace are not JSON and were skipped.');
  });
});

describe.runIf(process.platform === 'linux')('a run with a big -debug-trace', () => {
  it("is read without holding the file: the backend's peak RSS grows less than half its size over what the answer holds", async () => {
    // The net/http trace's events laid end to end up to 64 MB: a trace the size of a very big build's.
    const events = TRACES[0]!.trim().slice(1, -1).trim();
    const dir = path.join(temp, 'run');
    await mkdir(dir, { recursive: true });
    const file = await open(path.join(dir, 'trace.json'), 'w');
    let size = 0;
    await file.write('[\n');
    for (let first = true; size < 64e6; first = false)
      size += (await file.write((first ? '' : '\n,') + events.replace(/^,/, ''))).bytesWritten;
    await file.write('\n]\n');
    await file.close();
    // The build's action graph too, as a real run has it: the timeline's lanes then come from the trace.
    await writeFile(path.join(dir, 'actiongraph.json'), fixture('build/nethttp-p2.actiongraph.json'));
    const capture = {
      commands: false,
      work: false,
      actionGraph: true,
      trace: true,
      phases: false,
      remarks: false,
      rebuildReasons: false,
      compileCost: false,
    };
    const manifest = {
      version: 1,
      id: '20260101-000000-000000',
      project: temp,
      profile: { name: 'trace', target: 'build', packages: ['net/http'], capture },
      command: { argv: [], env: {}, shellLine: '', cwd: temp },
      status: 'succeeded',
      startedAt: '2026-01-01T00:00:00.000Z',
      artefacts: ['trace.json', 'actiongraph.json'],
    } as unknown as RunManifest;
    const graphOnly = await loadRunDetail(dir, {
      ...manifest,
      profile: { ...manifest.profile, capture: { ...capture, trace: false } },
    });
    const heapBefore = heldBytes();
    const before = peakRss(true);
    const read = await readBuildTrace(dir, []);
    const growth = peakRss() - before;
    // What the answer itself holds (a span per action: this trace is all actions, repeated), after GC.
    const answer = heldBytes() - heapBefore;
    expect(read?.error).toBeUndefined();
    // Read whole, the text and its lines came on top of the answer (1.5× the file); read in chunks, only
    // the garbage of parsing does.
    expect(growth - answer).toBeLessThan(size / 2);
    const detail = await loadRunDetail(dir, manifest);
    expect(detail.problems).toEqual([]);
    expect(detail.timeline?.laneSource).toBe('trace');
    expect(graphOnly.timeline?.laneSource).toBe('actiongraph');
    await rm(dir, { recursive: true, force: true });
  });
});
