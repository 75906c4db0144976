// The instructions panel's rows and jump arrows, from a real answer's shape (objdump of the asmlines
// sample through the core selection), and how an editor selection becomes lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { funcRanges, selectLines } from '../../../src/core/binary/linesAsm';
import { parseObjdump, projectFileResolver } from '../../../src/core/binary/objdump';
import type { LinesAsm } from '../../../src/shared/contract/linesAsm';
import type { Remark } from '../../../src/shared/remarks';
import { asmRows, jumpArrows, MAX_LANES, originText, selectionLines } from '../../../src/renderer/src/panels/editor/linesAsmModel';
import { FIXTURE_ROOT, fixture } from '../../core/fixtures';

const SAMPLE = path.join(__dirname, '../../../resources/samples/asmlines');
const text = readFileSync(path.join(SAMPLE, 'shapes/shapes.go'), 'utf8');
const file = `${FIXTURE_ROOT}/shapes/shapes.go`;
const files = new Map([['shapes.go', [file]], ['clamp.go', [`${FIXTURE_ROOT}/shapes/clamp.go`]], ['main.go', [`${FIXTURE_ROOT}/main.go`]]]);
const fns = parseObjdump(fixture('linesAsm/objdump.txt'), projectFileResolver(files));

function answer(from: number, to: number, remarks: Remark[] = []): LinesAsm {
  const blocks = selectLines(fns, { file, from, to, ranges: funcRanges(text), display: (f) => f.replace(`${FIXTURE_ROOT}/`, '') });
  const source = text.split('\n').slice(from - 1, to);
  return { path: 'shapes/shapes.go', from, to, source, origin: { kind: 'binary', runId: 'r1', binary: 'asmlines', commandLine: 'go build' }, blocks, remarks, notes: [] };
}

const remark = (line: number, kind: Remark['kind'], message: string): Remark => ({ kind, code: kind, file, line, column: 1, message, flow: [], source: 'json' });

describe('asmRows', () => {
  it('puts each function, its source lines and instructions in order, remarks once per function', () => {
    const rows = asmRows(answer(51, 57, [remark(54, 'boundsCheck', 'x'), remark(52, 'other', 'on a line without code')]));
    expect(rows[0]).toMatchObject({ kind: 'remark', line: 52 });
    const fnRows = rows.filter((r) => r.kind === 'function').map((r) => r.kind === 'function' && r.block.function);
    expect(fnRows).toEqual(expect.arrayContaining(['example.com/asmlines/shapes.Total', 'main.main']));
    const src = rows.find((r) => r.kind === 'source' && r.line === 54);
    expect(src).toMatchObject({ text: '\t\tt += r.Area() + clamp(r.W)' });
    // Line 54's remark appears in Total only (main.main holds an inlined copy).
    expect(rows.filter((r) => r.kind === 'remark' && r.line === 54)).toHaveLength(1);
  });
});

describe('jumpArrows', () => {
  it('draws jumps to rows of the same function, in lanes that do not overlap', () => {
    const rows = asmRows(answer(51, 57));
    const arrows = jumpArrows(rows);
    expect(arrows.length).toBeGreaterThan(0);
    for (const a of arrows) {
      const from = rows[a.from]!;
      const to = rows[a.to]!;
      expect(from.kind === 'insn' && to.kind === 'insn' && from.block === to.block && from.insn.jump === to.insn.address).toBe(true);
      expect(a.lane).toBeLessThan(MAX_LANES);
    }
    for (const a of arrows) {
      for (const b of arrows) {
        if (a === b || a.lane !== b.lane || a.lane === MAX_LANES - 1) continue;
        const overlap = Math.min(a.from, a.to) <= Math.max(b.from, b.to) && Math.min(b.from, b.to) <= Math.max(a.from, a.to);
        expect(overlap).toBe(false);
      }
    }
  });
});

describe('selectionLines', () => {
  it('widens a cursor and drops a last line selected only up to its start', () => {
    expect(selectionLines({ startLine: 40, startColumn: 3, endLine: 40, endColumn: 3 })).toEqual({ from: 40, to: 40, widen: true });
    expect(selectionLines({ startLine: 52, startColumn: 1, endLine: 55, endColumn: 1 })).toEqual({ from: 52, to: 54, widen: false });
    expect(selectionLines({ startLine: 52, startColumn: 2, endLine: 52, endColumn: 9 })).toEqual({ from: 52, to: 52, widen: false });
  });
});

describe('originText', () => {
  it('says which binary or command', () => {
    expect(originText(answer(51, 57))).toBe('asmlines, kept by run r1 (go build)');
    expect(originText({ ...answer(51, 57), origin: { kind: 'compile', commandLine: 'go build -gcflags=p=-S -o /dev/null ./p' } })).toBe('compiled for this view: go build -gcflags=p=-S -o /dev/null ./p');
  });
});
