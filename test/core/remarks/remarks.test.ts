// Remarks parsers on real go1.26 output captured by scripts/fixtures-remarks.mjs: one build of the
// sample and one of encoding/json with -m=2, check_bce and -json=0 together, so both formats
// describe the same compile.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RemarkIndex, attributeFunctions, countByKind, parseRemarkText, parseWalkDump, remarksFromLogopt, type ParsedRemarks } from '../../../src/core/remarks';
import { byteColumnToUtf16 } from '../../../src/core/locations';
import type { Remark } from '../../../src/shared/remarks';

const dir = (name: string) => path.join(__dirname, '..', '..', 'fixtures', 'remarks', name);

function loadJson(name: string): ParsedRemarks {
  const root = path.join(dir(name), 'logopt');
  const files = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.json')).sort();
  const out: ParsedRemarks = { remarks: [], skipped: 0, warnings: [] };
  for (const f of files) {
    const r = remarksFromLogopt(readFileSync(path.join(root, f), 'utf8'), f);
    out.remarks.push(...r.remarks);
    out.skipped += r.skipped;
  }
  return out;
}
const loadText = (name: string) => parseRemarkText(readFileSync(path.join(dir(name), 'm2.txt'), 'utf8'));

/** A fact both formats report: kind and position (text paths are relative, logopt's absolute). */
const facts = (rs: Remark[], kinds: string[]) =>
  rs
    .filter((r) => kinds.includes(r.kind))
    .map((r) => `${r.kind} ${path.basename(r.file)}:${r.line}:${r.column}`)
    .sort();

describe('remarks from logopt and -m=2 text of the same build', () => {
  it('classifies the sample store package', () => {
    const json = loadJson('inventory').remarks.filter((r) => r.file.endsWith('/store/store.go') && r.package === 'example.com/inventory/store');
    const items = json.find((r) => r.kind === 'cannotInline' && r.line === 35)!;
    expect(items).toMatchObject({ reason: 'function too complex', cost: 100, budget: 80, column: 6 });
    const alloc = json.find((r) => r.kind === 'escape' && r.line === 36)!;
    expect(alloc.message).toBe('make([]Item, 0, len(s.items)) escapes to heap');
    expect(alloc.flow.map((s) => s.message)).toEqual([
      'flow: out ← &{storage for make([]Item, 0, len(s.items))}:',
      'from make([]Item, 0, len(s.items)) (spill)',
      'from out := make([]Item, 0, len(s.items)) (assign)',
      'flow: {storage for out} ← out:',
      'from out (interface-converted)',
    ]);
    expect(alloc.flow[4]).toMatchObject({ line: 40, column: 13 });
    // The message-less twin of every escape is dropped.
    expect(json.every((r) => r.message !== '')).toBe(true);
    expect(json.filter((r) => r.kind === 'boundsCheck').map((r) => r.column)).toEqual([50, 63]);
  });

  it('reads -m=2 text with its flow lines and function names', () => {
    const text = loadText('inventory').remarks.filter((r) => r.file === 'store/store.go');
    const alloc = text.find((r) => r.kind === 'escape' && r.line === 36)!;
    expect(alloc).toMatchObject({ function: '(*Store).Items', message: 'make([]Item, 0, len(s.items)) escapes to heap' });
    expect(alloc.flow.map((s) => `${s.message} @${s.line}:${s.column}`)).toEqual([
      'flow: out ← &{storage for make([]Item, 0, len(s.items))}: @36:13',
      'from make([]Item, 0, len(s.items)) (spill) @36:13',
      'from out := make([]Item, 0, len(s.items)) (assign) @36:6',
      'flow: {storage for out} ← out: @36:13',
      'from out (interface-converted) @40:13',
    ]);
    expect(text.find((r) => r.kind === 'cannotInline' && r.line === 54)).toMatchObject({ function: '(*Store).Filter', cost: 96, budget: 80 });
    expect(text.filter((r) => r.kind === 'inlinedCall').length).toBeGreaterThan(0);
    expect(text.filter((r) => r.kind === 'noescape').length).toBeGreaterThan(0);
  });

  for (const name of ['inventory', 'encoding-json']) {
    it(`agrees with itself: counts per kind of ${name} from JSON and from text`, () => {
      const json = loadJson(name);
      const text = loadText(name);
      expect(json.skipped).toBe(0);
      // Facts both formats report, position by position.
      for (const kinds of [['canInline'], ['cannotInline'], ['boundsCheck'], ['escape']]) {
        expect(facts(text.remarks, kinds), kinds[0]).toEqual(facts(json.remarks, kinds));
      }
      const jc = countByKind(json.remarks);
      const tc = countByKind(text.remarks);
      expect(jc.canInline).toBe(tc.canInline);
      expect(jc.boundsCheck).toBeGreaterThan(0);
    });
  }
});

describe('functions, index and special views', () => {
  it('attributes logopt remarks to functions from the source', () => {
    const source = readFileSync(path.join(__dirname, '..', '..', '..', 'resources', 'samples', 'inventory', 'store', 'store.go'), 'utf8');
    const json = loadJson('inventory').remarks.filter((r) => r.file.endsWith('/store/store.go') && r.package === 'example.com/inventory/store');
    attributeFunctions(json, source);
    expect(json.find((r) => r.kind === 'escape' && r.line === 36)?.function).toBe('(*Store).Items');
    expect(json.find((r) => r.line === 16)?.function).toBe('Item.Total');
  });

  it('finds the functions that almost inlined, closest first', () => {
    const idx = new RemarkIndex(loadJson('encoding-json').remarks);
    const almost = idx.almostInlined(20);
    expect(almost.length).toBeGreaterThan(0);
    expect(almost.every((a) => a.cost > a.budget && a.cost <= a.budget * 1.2)).toBe(true);
    expect(almost.map((a) => a.overPercent)).toEqual([...almost.map((a) => a.overPercent)].sort((a, b) => a - b));
    expect(idx.heapAllocations('encoding/json').length).toBe(idx.counts.escape);
    const page = idx.page({ kinds: ['boundsCheck'], search: 'indent.go', limit: 5 });
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBe(page.counts.boundsCheck);
  });
});

describe('bad input', () => {
  it('skips and counts malformed JSON lines', () => {
    const good = readFileSync(path.join(dir('inventory'), 'logopt', 'example.com%2Finventory%2Fstore', 'store.json'), 'utf8').split('\n');
    const broken = [good[0], '{"range":', 'not json at all', good[1], '[1,2]', good[2]].join('\n');
    const r = remarksFromLogopt(broken, 'store.json');
    expect(r.remarks).toHaveLength(2);
    expect(r.skipped).toBe(3);
    expect(r.warnings).toEqual(['store.json: 3 malformed lines skipped.']);
    expect(remarksFromLogopt('', 'empty.json').warnings[0]).toContain('empty');
  });

  it('counts text lines that are not remarks', () => {
    const r = parseRemarkText('# example.com/x\nx.go:3:6: can inline F with cost 2 as: func() {  }\ngarbage here\n');
    expect(r.remarks).toHaveLength(1);
    expect(r.skipped).toBe(1);
  });
});

describe('byte columns with non-ASCII source', () => {
  it('maps a compiler byte column to UTF-16 for Monaco', () => {
    // The compiler counts UTF-8 bytes: "é" is 2 bytes but 1 UTF-16 unit, "𝄞" 4 bytes but 2 units.
    const line = '\ts := "é𝄞é"; x := make([]byte, n)';
    const byteColumn = Buffer.byteLength(line.slice(0, line.indexOf('make'))) + 1;
    expect(byteColumn).toBe(line.indexOf('make') + 1 + 1 + 2 + 1);
    expect(byteColumnToUtf16(line, byteColumn)).toBe(line.indexOf('make') + 1);
  });
});

describe('-W dump', () => {
  it('splits the IR before and after walk per function, with source lines', () => {
    // Real go1.26 `go build -gcflags=./store=-W ./store` output (head).
    const text = [
      '# example.com/inventory/store',
      '',
      'before walk Item.Total',
      '.   RETURN tc(1) # store.go:16:32',
      '.   RETURN-Results',
      '.   .   MUL int64 tc(1) # store.go:16:53',
      'after walk Item.Total',
      '.   RETURN tc(1) # store.go:16:32',
    ].join('\n');
    const s = parseWalkDump(text);
    expect(s.map((x) => `${x.stage} ${x.function} ${x.lines.length}`)).toEqual(['before walk Item.Total 3', 'after walk Item.Total 1']);
    expect(s[0]!.lines.map((l) => l.line)).toEqual([16, null, 16]);
  });
});
