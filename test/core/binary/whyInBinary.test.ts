// The linker's -dumpdep graph of real builds (scripts/fixtures-dumpdep.mjs): chains from a root, the
// culprits on them, and targets that are not in the binary.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { graphForBinary, parseDumpDep, ReachGraphReader, splitFlags } from '../../../src/core/binary/reachability';
import { whyInGraph } from '../../../src/core/binary/whyInBinary';

const fixture = (name: string) => gunzipSync(readFileSync(path.join(__dirname, '../../fixtures/dumpdep', name))).toString('utf8');

/** Every `from -> to` line of the fixture, flags removed, as the linker printed them. */
function edges(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(' -> ');
    if (i >= 0) out.add(`${splitFlags(line.slice(0, i)).name} -> ${splitFlags(line.slice(i + 4)).name}`);
  }
  return out;
}

test('reflect.Value.MethodByName keeps an exported method nothing calls, and the chain says so', () => {
  const text = fixture('reflectmethod.txt.gz');
  const [g] = parseDumpDep(text);
  expect(g!.binaryPackage).toBe('example.com/reflectmethod');
  const why = whyInGraph(g!, 'main.T.Unused');
  if (!why.ok) throw new Error(why.message);
  expect(why.why.root).toBe('_rt0_amd64_linux');
  expect(why.why.chain.at(-1)).toEqual({ from: 'type:main.T', to: 'main.T.Unused' });
  expect(why.why.chain.map((s) => s.to)).toContain('main.main');
  // Every step is an edge the linker printed.
  const printed = edges(text);
  for (const s of why.why.chain) expect(printed.has(`${s.from} -> ${s.to}`)).toBe(true);
  const kinds = why.why.culprits.map((c) => c.kind);
  expect(kinds).toContain('reflect-method');
  expect(kinds).toContain('interface-method');
  expect(kinds).not.toContain('linkname'); // runtime.main_main·f → main.main is every program's, not a culprit
  expect(why.why.culprits.find((c) => c.kind === 'reflect-method')!.symbol).toBe('main.main');
  // A package the program uses: the chain to its code from the entry point, not to its initialiser.
  const pkg = whyInGraph(g!, 'reflect');
  expect(pkg.ok && pkg.why.root).toBe('_rt0_amd64_linux');
  expect(pkg.ok && pkg.why.chain.map((s) => s.to)).toContain('main.main');
});

test('a package kept only by its init: the chain runs from go:main.inittasks through its init', () => {
  const text = fixture('initkept.txt.gz');
  const [g] = parseDumpDep(text);
  const why = whyInGraph(g!, 'example.com/initkept/plugin');
  if (!why.ok) throw new Error(why.message);
  expect(why.why.kind).toBe('package');
  expect(why.why.root).toBe('go:main.inittasks');
  expect(why.why.chain).toEqual([{ from: 'go:main.inittasks', to: 'example.com/initkept/plugin..inittask' }]);
  expect(why.why.culprits.some((c) => c.kind === 'init')).toBe(true);
  const init = whyInGraph(g!, 'example.com/initkept/plugin.init.0');
  expect(init.ok && init.why.chain.map((s) => s.to)).toEqual(['example.com/initkept/plugin..inittask', 'example.com/initkept/plugin.init.0']);
  const printed = edges(text);
  for (const s of why.why.chain) expect(printed.has(`${s.from} -> ${s.to}`)).toBe(true);
  // The exported function nothing calls was dropped.
  const gone = whyInGraph(g!, 'example.com/initkept/plugin.Unused');
  expect(gone.ok).toBe(false);
  if (!gone.ok) expect(gone.message).toMatch(/is not in the binary/);
});

test('a short name finds the only symbol ending in it; an ambiguous one lists the candidates', () => {
  const [g] = parseDumpDep(fixture('reflectmethod.txt.gz'));
  const one = whyInGraph(g!, 'T.Unused');
  expect(one.ok && one.why.symbol).toBe('main.T.Unused');
  const many = whyInGraph(g!, 'Hello');
  expect(many.ok).toBe(false);
  if (!many.ok) expect(many.message).toMatch(/main\.T\.Hello/);
});

test('lines read one at a time give the same graph as the whole text; a second header starts another binary', () => {
  const text = fixture('initkept.txt.gz');
  const r = new ReachGraphReader();
  for (const line of (text + '# example.com/other\n_ -> main.main\n').split('\n')) r.line(line);
  const gs = r.graphs();
  expect(gs).toHaveLength(2);
  expect(gs[0]!.names.length).toBe(parseDumpDep(text)[0]!.names.length);
  expect(graphForBinary(gs, 'other')).toBe(gs[1]);
  expect(graphForBinary(gs, 'initkept')).toBe(gs[0]);
  const v2 = parseDumpDep('# example.com/tool/v2\n_ -> main.main\n# example.com/other\n_ -> main.main\n');
  expect(graphForBinary(v2, 'tool')).toBe(v2[0]);
});

test('a name marked twice (helper symbols share names) keeps its first parent: no circle', () => {
  const [g] = parseDumpDep('# p\n_ -> main.main\nmain.main -> a.F\na.F -> gclocals·x\ngclocals·x -> b.G\nb.G -> gclocals·x\n');
  const why = whyInGraph(g!, 'b.G');
  expect(why.ok && why.why.chain.map((s) => s.to)).toEqual(['a.F', 'gclocals·x', 'b.G']);
});

test('fmt before reflect, an itab and a reference to another package’s unexported function are named', () => {
  const [g] = parseDumpDep(
    [
      '# p',
      '_ -> main.main',
      'main.main -> fmt.Println',
      'fmt.Println -> reflect.TypeOf',
      'main.main -> go:itab.*os.File,io.Writer',
      'go:itab.*os.File,io.Writer -> os.(*File).Write',
      'main.main -> example.com/a.F',
      'example.com/a.F -> example.com/b.hidden',
    ].join('\n'),
  );
  const kinds = (t: string) => {
    const w = whyInGraph(g!, t);
    return w.ok ? w.why.culprits.map((c) => c.kind) : [];
  };
  expect(kinds('reflect.TypeOf')).toEqual(['fmt-reflection']);
  expect(kinds('os.(*File).Write')).toEqual(['itab']);
  expect(kinds('example.com/b.hidden')).toEqual(['linkname']);
});
