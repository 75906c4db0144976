// Reads `go mod graph`: one `from to` edge per line, nodes `path@version` (the main module has no
// version; `go@1.22` and `toolchain@go1.22` are the go and toolchain lines). Minimal version selection
// picks, per module path, the highest version anywhere in the graph.
import type { ModGraphEdge } from '../../shared/contract/binaryTypes';

export function parseModGraph(text: string): ModGraphEdge[] {
  const out: ModGraphEdge[] = [];
  for (const line of text.split('\n')) {
    const [from, to, extra] = line.trim().split(/\s+/);
    if (from && to && extra === undefined) out.push({ from, to });
  }
  return out;
}

export function splitNode(node: string): { path: string; version?: string } {
  const at = node.lastIndexOf('@');
  return at > 0 ? { path: node.slice(0, at), version: node.slice(at + 1) } : { path: node };
}

/** Semantic version order (vMAJOR.MINOR.PATCH[-pre][+build]); a pre-release sorts before its release. */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([^+]*))?/.exec(v);
    return m ? { nums: [m[1], m[2], m[3]].map((n) => Number(n ?? 0)), pre: m[4] } : { nums: [0, 0, 0], pre: v };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! - y.nums[i]!;
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  const xs = x.pre.split('.');
  const ys = y.pre.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const p = xs[i];
    const q = ys[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** Module path → selected version (the highest one in the graph); the main module and go/toolchain excluded. */
export function selectedVersions(edges: ModGraphEdge[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of edges) {
    for (const node of [e.from, e.to]) {
      const { path, version } = splitNode(node);
      if (!version || path === 'go' || path === 'toolchain') continue;
      const cur = out.get(path);
      if (!cur || compareSemver(version, cur) > 0) out.set(path, version);
    }
  }
  return out;
}
