// The compiler's CPU profile (-gcflags=PKG=-cpuprofile: pprof's profile.proto, gzip removed by the
// caller) aggregated into a flame graph tree and a flat/cum table. Not re-exported from ./index: the
// renderer imports that index, and the decoder is only needed where run directories are read.
import { Profile } from 'pprof-format';
import type { CompilerProfile, FlameNode, TopFunction } from '../../shared/build';

/** Frames below this share of the total are dropped from the tree (a compile has thousands of leaves). */
const MIN_SHARE = 0.001;
const TOP = 50;

const num = (v: number | bigint) => Number(v);

/** Which value of a sample is CPU time: the `cpu` sample type if present, else the last one. */
function valueIndex(p: Profile): number {
  const str = p.stringTable.strings;
  const i = p.sampleType.findIndex((t) => str[num(t.type)] === 'cpu');
  return i >= 0 ? i : p.sampleType.length - 1;
}

/** Each location's frames root-first: pprof lists inlined callees first and their caller last. */
function locationFrames(p: Profile): Map<number, string[]> {
  const str = p.stringTable.strings;
  const fnName = new Map(p.function.map((f) => [num(f.id), str[num(f.name)] || '(unknown)']));
  return new Map(p.location.map((l) => [num(l.id), l.line.map((ln) => fnName.get(num(ln.functionId)) ?? '(unknown)').reverse()]));
}

interface MutableNode {
  name: string;
  self: number;
  total: number;
  children: Map<string, MutableNode>;
}

const node = (name: string): MutableNode => ({ name, self: 0, total: 0, children: new Map() });

function freeze(n: MutableNode, min: number): FlameNode {
  const children = [...n.children.values()].filter((c) => c.total >= min).sort((a, b) => b.total - a.total);
  return { name: n.name, self: n.self, total: n.total, children: children.map((c) => freeze(c, min)) };
}

/** Decodes a raw (not gzipped) profile.proto and aggregates it. Throws on bytes that are not a profile. */
export function compilerProfile(raw: Uint8Array, pkg: string): CompilerProfile {
  const p = Profile.decode(raw);
  if (p.sampleType.length === 0) throw new Error('not a CPU profile (no sample types)');
  const vi = valueIndex(p);
  const frames = locationFrames(p);
  const root = node('(all)');
  const flat = new Map<string, number>();
  const cum = new Map<string, number>();
  for (const s of p.sample) {
    const v = num(s.value[vi] ?? 0);
    if (v === 0) continue;
    // Stacks are leaf-first in the proto; the tree is built from the root.
    const stack = [...s.locationId].reverse().flatMap((id) => frames.get(num(id)) ?? ['(unknown)']);
    root.total += v;
    let at = root;
    for (const name of stack) {
      let next = at.children.get(name);
      if (!next) at.children.set(name, (next = node(name)));
      next.total += v;
      at = next;
    }
    at.self += v;
    const leaf = stack[stack.length - 1];
    if (leaf) flat.set(leaf, (flat.get(leaf) ?? 0) + v);
    // A recursive function counts once per sample in its cumulative time.
    for (const name of new Set(stack)) cum.set(name, (cum.get(name) ?? 0) + v);
  }
  const top: TopFunction[] = [...cum.entries()]
    .map(([name, c]) => ({ name, flat: flat.get(name) ?? 0, cum: c }))
    .sort((a, b) => b.flat - a.flat || b.cum - a.cum)
    .slice(0, TOP);
  return { package: pkg, totalNs: root.total, samples: p.sample.length, root: freeze(root, root.total * MIN_SHARE), top };
}
