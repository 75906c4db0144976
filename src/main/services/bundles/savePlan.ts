// Decides what a save puts in a bundle (session files, project sources, which text gets redacted)
// and measures it for the preview the user confirms, with the same rules the writer applies.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import type { SavePreview } from '../../../shared/contract/bundle';
import type { ToolchainInfo, WorkspaceState } from '../../../shared/api';
import { kindOf } from '../../../core/bundle/kinds';
import { toolchainFingerprint } from '../../../core/bundle/fingerprint';
import type { RedactionRecord } from '../../../core/bundle/manifest';
import type { ManifestHeader, PlannedEntry } from './bundleWriter';
import { LineRedactor } from './lineRedactor';
import { listProjectSources } from './projectSources';
import type { LiveSession } from './sessions';

export interface SaveChoice {
  includeSources: boolean;
  excludeSources: string[];
}

export interface SavePlan {
  entries: PlannedEntry[];
  header: ManifestHeader;
}

/** Artefacts whose text may carry an environment: console transcripts, -x logs, run manifests, events. */
const mayCarrySecrets = (p: string) => p.startsWith('runs/') || p.startsWith('events/');

async function looksLikeText(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return !buf.subarray(0, bytesRead).includes(0);
  } finally {
    await fh.close();
  }
}

export async function planSave(
  session: LiveSession,
  workspace: WorkspaceState,
  toolchain: ToolchainInfo | null,
  choice: SaveChoice,
): Promise<SavePlan> {
  const entries: PlannedEntry[] = [];
  const taken = new Set<string>();
  if (choice.includeSources) {
    const excluded = new Set(choice.excludeSources);
    for (const s of await listProjectSources(workspace.root)) {
      if (excluded.has(s.path)) continue;
      const p = `sources/${s.path}`;
      entries.push({ path: p, kind: 'source', from: { file: s.abs }, redact: false });
      taken.add(p);
    }
  }
  for (const e of await session.store.list()) {
    if (taken.has(e.path) || (e.kind === 'source' && !choice.includeSources)) continue;
    const file = path.join(session.dir, e.path);
    const redact = mayCarrySecrets(e.path) && (await looksLikeText(file));
    entries.push({ path: e.path, kind: kindOf(e.path), from: { file }, redact });
  }
  const fp = toolchain?.ok ? toolchainFingerprint({ ...toolchain }) : null;
  const header: ManifestHeader = {
    project: {
      name: workspace.name,
      ...(workspace.goMod?.path ? { modulePath: workspace.goMod.path } : {}),
      ...(workspace.goMod?.goVersion ? { goVersion: workspace.goMod.goVersion } : {}),
    },
    toolchain: fp?.fingerprint ?? null,
    redactions: fp?.redactions ?? [],
  };
  return { entries, header };
}

/** Sizes per kind, the sources and every redaction the save would make: read, never written. */
export async function previewSave(plan: SavePlan, sizeOf: (e: PlannedEntry) => Promise<number>, projectName: string): Promise<SavePreview> {
  const kinds = new Map<string, { kind: string; count: number; bytes: number }>();
  const sources: SavePreview['sources'] = [];
  const redactions: RedactionRecord[] = [...plan.header.redactions];
  let totalBytes = 0;
  for (const e of plan.entries) {
    const size = await sizeOf(e);
    const k = kinds.get(e.kind) ?? { kind: e.kind, count: 0, bytes: 0 };
    k.count++;
    k.bytes += size;
    kinds.set(e.kind, k);
    totalBytes += size;
    if (e.kind === 'source') sources.push({ path: e.path.slice('sources/'.length), size });
    if (e.redact && 'file' in e.from) {
      const r = new LineRedactor();
      await pipeline(createReadStream(e.from.file), r, new Writable({ write: (_c, _e, cb) => cb() }));
      for (const h of r.hits) redactions.push({ where: e.path, name: h.name, count: h.count });
    }
  }
  const safeName = projectName.replace(/[^A-Za-z0-9._-]+/g, '-') || 'session';
  return {
    kinds: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    totalBytes,
    sources,
    redactions,
    defaultFileName: `${safeName}-${new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-')}.gopsy`,
  };
}
