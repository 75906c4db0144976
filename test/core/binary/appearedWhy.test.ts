// Why the symbols that appeared in a size diff are there, on the linker's -dumpdep graph of a real build
// (scripts/fixtures-dumpdep.mjs): the same root, length and culprits as the whole chain, only for symbols
// that appeared and that the graph names, and no more than the limit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { parseDumpDep } from '../../../src/core/binary/reachability';
import { whyInGraph } from '../../../src/core/binary/whyInBinary';
import { appearedReasons } from '../../../src/core/binary/appearedWhy';

const [graph] = parseDumpDep(gunzipSync(readFileSync(path.join(__dirname, '../../fixtures/dumpdep/reflectmethod.txt.gz'))).toString('utf8'));
const g = graph!;

const row = (name: string, before: number, after: number) => ({ name, before, after });

test('an appeared symbol gets the root, the length and the culprits of its chain', () => {
  const reasons = appearedReasons(g, [row('main.T.Unused', 0, 64), row('main.main', 100, 120), row('main.gone', 50, 0), row('not.in.graph', 0, 8)]);
  const full = whyInGraph(g, 'main.T.Unused');
  if (!full.ok) throw new Error(full.message);
  expect([...reasons.keys()]).toEqual(['main.T.Unused']);
  expect(reasons.get('main.T.Unused')).toEqual({ root: full.why.root, steps: full.why.chain.length, culprits: full.why.culprits.map((c) => c.kind) });
  expect(reasons.get('main.T.Unused')!.culprits).toContain('reflect-method');
});

test('only the first `limit` appeared symbols (the biggest changes come first) are explained', () => {
  const named = g.names.filter((n) => n.startsWith('main.') || n.startsWith('reflect.')).slice(0, 30);
  const reasons = appearedReasons(g, named.map((n) => row(n, 0, 10)), 5);
  expect([...reasons.keys()]).toEqual(named.slice(0, 5));
});
