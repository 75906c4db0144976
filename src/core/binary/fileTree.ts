// The size tree of the whole file: modules → packages → their biggest symbols, their pclntab share and
// their type data, beside one "(not attributed)" branch per section remainder. Its root is the file size.
import type { SizeNode } from '../../shared/contract/binaryTypes';
import type { FileBytes } from '../../shared/contract/binaryBytes';

export const NOT_ATTRIBUTED = '(not attributed)';

const bySize = (a: SizeNode, b: SizeNode) => b.size - a.size;

/** `symbolTree`: nm's breakdown (binary → module → package → symbol), whose symbol leaves are reused. */
export function buildFileTree(bytes: FileBytes, symbolTree: SizeNode, root: string): SizeNode {
  const leavesOf = new Map<string, SizeNode[]>();
  for (const m of symbolTree.children ?? []) for (const p of m.children ?? []) leavesOf.set(p.name, (p.children ?? []).filter((c) => c.kind === 'symbol'));
  const modules = new Map<string, SizeNode[]>();
  for (const p of bytes.packages) {
    const children: SizeNode[] = [];
    // Symbol leaves as long as they fit in the package's symbol bytes (clipping can make it smaller than nm's sum).
    let left = p.symbolBytes;
    for (const leaf of leavesOf.get(p.package) ?? []) {
      if (leaf.size > left) break;
      children.push({ name: leaf.name, kind: 'symbol', size: leaf.size });
      left -= leaf.size;
    }
    if (left > 0) children.push({ name: children.length ? '(smaller symbols)' : '(symbols)', kind: 'rest', size: left });
    if (p.pclntabBytes > 0) children.push({ name: '(pclntab: names, line tables, funcdata)', kind: 'rest', size: p.pclntabBytes });
    if (p.otherBytes > 0) children.push({ name: '(type descriptors and itabs)', kind: 'rest', size: p.otherBytes });
    const list = modules.get(p.module) ?? [];
    list.push({ name: p.package, kind: 'package', size: p.total, children: children.sort(bySize) });
    modules.set(p.module, list);
  }
  const kids: SizeNode[] = [...modules].map(([name, list]) => ({ name, kind: 'module', size: list.reduce((n, c) => n + c.size, 0), children: list.sort(bySize) }));
  if (bytes.unattributed > 0) {
    kids.push({
      name: NOT_ATTRIBUTED,
      kind: 'module',
      size: bytes.unattributed,
      children: bytes.unattributedParts.map((u) => ({ name: `${u.name}: ${u.why}`, kind: 'rest', size: u.size })),
    });
  }
  return { name: root, kind: 'root', size: bytes.fileSize, children: kids.sort(bySize) };
}

/**
 * The top line, the same in the view and the CLI: `file size = attributed to N packages + not attributed`,
 * with the biggest unattributed parts named.
 */
export function fileBytesHeadline(b: FileBytes, size: (n: number) => string): string {
  const parts = b.unattributedParts.slice(0, 3).map((u) => `${u.name} ${size(u.size)}`);
  const more = b.unattributedParts.length > 3 ? `, ${b.unattributedParts.length - 3} more` : '';
  return (
    `${size(b.fileSize)} file = ${size(b.attributed)} attributed to ${b.packages.length} packages + ${size(b.unattributed)} not attributed` +
    (parts.length ? ` (${parts.join(', ')}${more})` : '')
  );
}
