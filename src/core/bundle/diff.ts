// Compares two bundle manifests entry by entry: added, removed and changed (by sha256), per kind.
// The rich comparisons (per-function SSA, remarks, timing) come when those artefacts exist.
import type { BundleManifest, ManifestEntry } from './manifest';

export interface EntryChange {
  path: string;
  kind: string;
  sizeA: number;
  sizeB: number;
}

export interface KindDiff {
  kind: string;
  added: ManifestEntry[];
  removed: ManifestEntry[];
  changed: EntryChange[];
  unchanged: number;
  /** Bytes in B minus bytes in A, over this kind's entries. */
  sizeDelta: number;
}

export interface ManifestDiff {
  kinds: KindDiff[];
  toolchain: { name: string; a: string | undefined; b: string | undefined }[];
  identical: boolean;
}

export function diffManifests(a: BundleManifest, b: BundleManifest): ManifestDiff {
  const byPathA = new Map(a.entries.map((e) => [e.path, e]));
  const byPathB = new Map(b.entries.map((e) => [e.path, e]));
  const kinds = new Map<string, KindDiff>();
  const kindDiff = (kind: string) => {
    let d = kinds.get(kind);
    if (!d) kinds.set(kind, (d = { kind, added: [], removed: [], changed: [], unchanged: 0, sizeDelta: 0 }));
    return d;
  };
  for (const ea of a.entries) {
    const eb = byPathB.get(ea.path);
    const d = kindDiff(ea.kind);
    if (!eb) {
      d.removed.push(ea);
      d.sizeDelta -= ea.size;
    } else if (eb.sha256 !== ea.sha256) {
      d.changed.push({ path: ea.path, kind: ea.kind, sizeA: ea.size, sizeB: eb.size });
      d.sizeDelta += eb.size - ea.size;
    } else d.unchanged++;
  }
  for (const eb of b.entries) {
    if (byPathA.has(eb.path)) continue;
    const d = kindDiff(eb.kind);
    d.added.push(eb);
    d.sizeDelta += eb.size;
  }
  const fieldsA = flatToolchain(a);
  const fieldsB = flatToolchain(b);
  const toolchain = [...new Set([...Object.keys(fieldsA), ...Object.keys(fieldsB)])]
    .sort()
    .filter((k) => fieldsA[k] !== fieldsB[k])
    .map((name) => ({ name, a: fieldsA[name], b: fieldsB[name] }));
  const list = [...kinds.values()].sort((x, y) => x.kind.localeCompare(y.kind));
  return {
    kinds: list,
    toolchain,
    identical: toolchain.length === 0 && list.every((d) => !d.added.length && !d.removed.length && !d.changed.length),
  };
}

function flatToolchain(m: BundleManifest): Record<string, string> {
  const t = m.toolchain;
  if (!t) return {};
  const out: Record<string, string> = { ...t.env };
  if (t.goVersion) out['go version'] = t.goVersion;
  return out;
}
