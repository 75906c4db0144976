// Decides what a save puts in a bundle (session files, project sources, which text gets redacted)
// and measures it for the preview the user confirms, with the same rules the writer applies.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import type { SavePreview } from '../../../shared/contract/bundle';
import type { ToolchainInfo, WorkspaceState } from '../../../shared/api';
import { kindOf } from '../../../core/bundle/kinds';
import { SSA_FOLDER } from '../../../core/bundle/ssaLayout';
import { RUNS_FOLDER } from '../../../shared/runLayout';
import { toolchainFingerprint } from '../../../core/bundle/fingerprint';
import type { RedactionRecord } from '../../../core/bundle/manifest';
import type { ManifestHeader, PlannedEntry } from './bundleWriter';
import { LineRedactor } from './lineRedactor';
import { listProjectSources } from './projectSources';
import { DirectoryStore } from './sessionStore';
import { filesUnder, type FolderContent } from './sessionContent';

export interface SaveChoice {
  includeSources: boolean;
  excludeSources: string[];
  /** Keys of collected items (a run, a GODEBUG capture, the debugger state) to leave out. */
  excludeItems?: string[];
}

/** What a session holds, wherever it lives: the live session or a headless capture. */
export interface SessionContent {
  project: { root: string; name: string; modulePath?: string; goVersion?: string };
  /** The live session's folder (session.json, notes.json, layout.json, events/). */
  sessionDir?: string;
  /** Entries already in memory (a capture's session.json). */
  extra?: PlannedEntry[];
  /** Folders collected into the session: the project's build runs and SSA captures. */
  folders: FolderContent[];
  /** The debugger's breakpoints and configurations for the project, if any. */
  debuggerState?: Buffer | null;
}

/** One thing the save collected that the user may leave out as a whole. */
export interface PlanItem {
  key: string;
  label: string;
  kind: string;
  included: boolean;
  entries: PlannedEntry[];
}

export interface SavePlan {
  entries: PlannedEntry[];
  items: PlanItem[];
  header: ManifestHeader;
}

/**
 * Artefacts whose text may carry an environment: console transcripts, -x logs, run manifests, events,
 * debug configurations, and SSA captures (their go output and ssa.html, as for a run's ssa/).
 */
const mayCarrySecrets = (p: string) => p.startsWith(`${RUNS_FOLDER}/`) || p.startsWith('events/') || p.startsWith('debugger/') || p.startsWith(`${SSA_FOLDER}/`);

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

/** "GODEBUG events: go run . (GODEBUG=gctrace=1)" from an events file's header line. */
async function eventsLabel(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const first = buf.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    const h = JSON.parse(first) as { title?: unknown; godebug?: unknown; count?: unknown };
    if (typeof h.title === 'string' && typeof h.godebug === 'string') {
      return `GODEBUG events: ${h.title} (GODEBUG=${h.godebug}${typeof h.count === 'number' ? `, ${h.count} events` : ''})`;
    }
  } catch {
    /* not one of ours, or damaged: the file name says enough */
  } finally {
    await fh.close();
  }
  return `GODEBUG events: ${path.basename(file)}`;
}

export const DEBUGGER_ENTRY = 'debugger/state.json';

export async function planSave(content: SessionContent, toolchain: ToolchainInfo | null, choice: SaveChoice): Promise<SavePlan> {
  const entries: PlannedEntry[] = [];
  const items: PlanItem[] = [];
  const taken = new Set<string>();
  const excludedItems = new Set(choice.excludeItems ?? []);
  const add = (e: PlannedEntry) => {
    if (taken.has(e.path)) return;
    taken.add(e.path);
    entries.push(e);
  };
  const addItem = (key: string, label: string, kind: string, es: PlannedEntry[]) => {
    const included = !excludedItems.has(key);
    items.push({ key, label, kind, included, entries: es });
    if (included) es.forEach(add);
  };
  const fileEntry = async (p: string, file: string): Promise<PlannedEntry> => ({
    path: p,
    kind: kindOf(p),
    from: { file },
    redact: mayCarrySecrets(p) && (await looksLikeText(file)),
  });

  if (choice.includeSources) {
    const excluded = new Set(choice.excludeSources);
    for (const s of await listProjectSources(content.project.root)) {
      if (excluded.has(s.path)) continue;
      add({ path: `sources/${s.path}`, kind: 'source', from: { file: s.abs }, redact: false });
    }
  }
  for (const e of content.extra ?? []) add(e);
  if (content.sessionDir) {
    for (const e of await new DirectoryStore(content.sessionDir).list()) {
      if (taken.has(e.path) || e.kind === 'source') continue;
      const file = path.join(content.sessionDir, e.path);
      const pe = await fileEntry(e.path, file);
      if (e.path.startsWith('events/')) addItem(e.path, await eventsLabel(file), 'events', [pe]);
      else add(pe);
    }
  }
  for (const f of content.folders) {
    const es: PlannedEntry[] = [];
    for (const x of await filesUnder(f.dir, f.prefix, f.keep)) es.push(await fileEntry(x.path, x.file));
    if (es.length) addItem(f.key, f.label, f.kind, es);
  }
  if (content.debuggerState) {
    addItem(DEBUGGER_ENTRY, 'debugger: breakpoints, logpoints and launch configurations', 'debugger', [
      { path: DEBUGGER_ENTRY, kind: 'debugger', from: { bytes: content.debuggerState }, redact: true },
    ]);
  }

  const fp = toolchain?.ok ? toolchainFingerprint({ ...toolchain }) : null;
  const p = content.project;
  const header: ManifestHeader = {
    project: { name: p.name, ...(p.modulePath ? { modulePath: p.modulePath } : {}), ...(p.goVersion ? { goVersion: p.goVersion } : {}) },
    toolchain: fp?.fingerprint ?? null,
    redactions: fp?.redactions ?? [],
  };
  return { entries, items, header };
}

/** The project part of a session's content from an open workspace. */
export function projectOf(workspace: WorkspaceState): SessionContent['project'] {
  return {
    root: workspace.root,
    name: workspace.name,
    ...(workspace.goMod?.path ? { modulePath: workspace.goMod.path } : {}),
    ...(workspace.goMod?.goVersion ? { goVersion: workspace.goMod.goVersion } : {}),
  };
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
    if (e.redact) {
      const r = new LineRedactor();
      const from = 'file' in e.from ? createReadStream(e.from.file) : Readable.from([e.from.bytes]);
      await pipeline(from, r, new Writable({ write: (_c, _e, cb) => cb() }));
      for (const h of r.hits) redactions.push({ where: e.path, name: h.name, count: h.count });
    }
  }
  const items: SavePreview['items'] = [];
  for (const it of plan.items) {
    let bytes = 0;
    for (const e of it.entries) bytes += await sizeOf(e);
    items.push({ key: it.key, label: it.label, kind: it.kind, included: it.included, files: it.entries.length, bytes });
  }
  const safeName = projectName.replace(/[^A-Za-z0-9._-]+/g, '-') || 'session';
  return {
    kinds: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    totalBytes,
    sources,
    redactions,
    items,
    defaultFileName: `${safeName}-${new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-')}.gopsy`,
  };
}
