// Lists what gopsy keeps in its storage (per project: build runs and SSA captures; shared: replayed
// bundle runs, analysis binaries, received bundles, leftovers of function listings; and the rest as
// areas) and deletes items, each atomically (renamed aside, then removed), never one in use.
// Shared by the workbench (storage.* calls, the limits after each run) and `gopsy storage`.
import { randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RunManifest } from '../../../shared/build';
import { NotesFile } from '../../../shared/contract/bundle';
import {
  DEFAULT_STORAGE_LIMITS,
  perProjectLimitsText,
  type DeleteOutcome,
  type ProjectStorage,
  type StorageArea,
  type StorageItem,
  type StorageLimits,
  type StorageRef,
  type StorageReport,
} from '../../../shared/contract/storage';
import { GopsyError } from '../../../shared/rpc';
import { formatBytes } from '../../../shared/format';
import { ARTEFACTS } from '../../../shared/runFolder';
import { PROJECT_KEY, projectKey, RUNS_DIR } from '../runs/runStore';
import { BINARIES_DIR, BINARY_ACTION_GRAPH, BINARY_ID } from '../binary/binaryService';
import { BUNDLE_KEY, BUNDLE_RUNS_DIR } from '../bundles/runCache';
import { RECEIVED_DIR, RECEIVED_NAME } from '../bundles/uploads';
import { NOTES_FILE, SESSION_FILE, SESSIONS_DIR, SessionFile } from '../bundles/liveSessions';
import { RUN_ID } from '../../../shared/runFolder';
import { SSA_CAPTURE_ID, SSA_DIR, SSA_GOCACHE, SSA_KEY, SSA_LISTINGS, SSA_TEMP, SSA_TEMP_ID, SSA_WRAPPER, ssaCaptureTime, ssaProjectKey } from '../ssa/layout';
import { FolderSizes, measureFolder } from './folderSize';
import { IN_USE_DIR, othersInUse, useKey, type InUseMap } from './inUse';

/**
 * A folder that holds nothing finished yet is left alone this long: an SSA capture or function listing
 * may still be building into it (their builds stop after 15 minutes), or a build for analysis (10).
 */
const UNDER_WAY_MS = 16 * 60 * 1000;
/** Folders renamed aside for deletion start with this; a crash mid-removal leaves one, removed on the next listing. */
const DELETING = '.deleting-';

/** Where an item lives, checked against its kind's pattern: a ref from a client never names another folder. */
function itemPath(storageDir: string, ref: StorageRef): string {
  const bad = () => new GopsyError('bad-item', `Not a ${ref.kind} in gopsy's storage: ${ref.id}`);
  switch (ref.kind) {
    case 'run':
      if (!RUN_ID.test(ref.id) || !ref.project || !PROJECT_KEY.test(ref.project)) throw bad();
      return path.join(storageDir, RUNS_DIR, ref.project, ref.id);
    case 'ssa':
      if (!SSA_CAPTURE_ID.test(ref.id) || !ref.project || !SSA_KEY.test(ref.project)) throw bad();
      return path.join(storageDir, SSA_DIR, ref.project, ref.id);
    case 'ssa-temp':
      if (!SSA_TEMP_ID.test(ref.id)) throw bad();
      return path.join(storageDir, SSA_DIR, SSA_TEMP, ref.id);
    case 'ssa-cache':
      if (ref.id !== SSA_GOCACHE) throw bad();
      return path.join(storageDir, SSA_DIR, SSA_GOCACHE);
    case 'bundle-run':
      if (!BUNDLE_KEY.test(ref.id)) throw bad();
      return path.join(storageDir, BUNDLE_RUNS_DIR, ref.id);
    case 'binary':
      if (!BINARY_ID.test(ref.id)) throw bad();
      return path.join(storageDir, BINARIES_DIR, ref.id);
    case 'received':
      if (!RECEIVED_NAME.test(ref.id)) throw bad();
      return path.join(storageDir, RECEIVED_DIR, ref.id);
  }
}

export interface LiveUse {
  /** What this backend has in use now (`kind:id` → why). */
  inUse(): InUseMap;
  /** Where this backend tells others about it (not read back as another's). */
  ledgerFile?: string;
}

export interface StorageServiceOptions {
  live?: LiveUse;
  limits?: () => Promise<StorageLimits>;
  /** The open project's root (listed first). */
  current?: () => string | undefined;
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

async function mtimeIso(p: string): Promise<string> {
  const st = await stat(p).catch(() => null);
  return new Date(st?.mtimeMs ?? 0).toISOString();
}

export class StorageService {
  private readonly sizes = new FolderSizes();
  /** Deletions and limit passes one at a time: two passes must not pick the same items. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly storageDir: string,
    private readonly opts: StorageServiceOptions = {},
  ) {}

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Everything in use: this process, other gopsy processes on the storage, and runs that session notes point at. */
  async inUse(): Promise<InUseMap> {
    const out = await othersInUse(this.storageDir, this.opts.live?.ledgerFile);
    for (const [k, why] of this.opts.live?.inUse() ?? []) out.set(k, why);
    for (const [id, why] of await this.sessionRuns()) if (!out.has(useKey('run', id))) out.set(useKey('run', id), why);
    return out;
  }

  /** Runs a session's notes or bookmarks are attached to (a note on a build action): the session refers to them. */
  private async sessionRuns(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const dir = path.join(this.storageDir, SESSIONS_DIR);
    for (const id of await subdirs(dir)) {
      const notes = NotesFile.safeParse(await readFile(path.join(dir, id, NOTES_FILE), 'utf8').then(JSON.parse, () => null));
      if (!notes.success) continue;
      for (const n of [...notes.data.notes, ...notes.data.bookmarks]) {
        if (n.anchor.type === 'action' && n.anchor.run) out.set(n.anchor.run, 'a note of the session is attached to it');
      }
    }
    return out;
  }

  /** Project roots known from sessions and run manifests, by runs key and by SSA key. */
  private async knownRoots(): Promise<Map<string, string>> {
    const roots = new Map<string, string>();
    const add = (root: string) => {
      roots.set(projectKey(root), root);
      roots.set(ssaProjectKey(root), root);
    };
    const cur = this.opts.current?.();
    if (cur) add(cur);
    const dir = path.join(this.storageDir, SESSIONS_DIR);
    for (const id of await subdirs(dir)) {
      const s = SessionFile.safeParse(await readFile(path.join(dir, id, SESSION_FILE), 'utf8').then(JSON.parse, () => null));
      if (s.success) add(s.data.projectRoot);
    }
    return roots;
  }

  private async runItem(key: string, id: string, inUse: InUseMap): Promise<{ item: StorageItem; root?: string }> {
    const dir = path.join(this.storageDir, RUNS_DIR, key, id);
    const manifestFile = path.join(dir, ARTEFACTS.manifest);
    const mst = await stat(manifestFile).catch(() => null);
    const parsed = RunManifest.safeParse(await readFile(manifestFile, 'utf8').then(JSON.parse, () => null));
    const m = parsed.success ? parsed.data : null;
    // A finished run does not change: its size is measured once (keyed by its manifest's mtime).
    const size = await this.sizes.of(dir, m && m.status !== 'running' && mst ? `${mst.mtimeMs}` : undefined);
    const createdAt = m?.startedAt ?? runIdTime(id);
    const status = m?.status === 'running' && !inUse.has(useKey('run', id)) ? 'killed' : m?.status;
    const item: StorageItem = {
      kind: 'run',
      id,
      project: key,
      label: m ? `${m.profile.name}, ${status}` : 'a run whose manifest is missing or damaged',
      bytes: size.bytes,
      files: size.files,
      createdAt,
    };
    const why = inUse.get(useKey('run', id));
    if (why) item.inUse = why;
    return { item, ...(m ? { root: m.project } : {}) };
  }

  private async ssaItem(key: string, id: string, inUse: InUseMap, now: number): Promise<StorageItem> {
    const dir = path.join(this.storageDir, SSA_DIR, key, id);
    const size = await this.sizes.of(dir);
    const names = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).map(String).sort();
    // GOSSADIR writes <import path>.<func>,<n>.html; the text dumps are <func>_<nn>__<pass>.dump.
    const html = names.find((n) => n.endsWith('.html'));
    const dump = names.find((n) => n.endsWith('.dump'));
    const result = html ? html.replace(/,\d+\.html$/, '').replace(/\.html$/, '') : dump ? path.basename(dump).replace(/_\d+__[^/]*\.dump$/, '') : null;
    const made = ssaCaptureTime(id)?.getTime() ?? (await stat(dir).catch(() => null))?.mtimeMs ?? 0;
    const item: StorageItem = {
      kind: 'ssa',
      id,
      project: key,
      label: result ?? 'a capture without SSA output (it failed)',
      bytes: size.bytes,
      files: size.files,
      createdAt: new Date(made).toISOString(),
    };
    const why = inUse.get(useKey('ssa', id)) ?? (!result && now - made < UNDER_WAY_MS ? 'being captured' : undefined);
    if (why) item.inUse = why;
    return item;
  }

  async report(): Promise<StorageReport> {
    await this.sweep();
    const inUse = await this.inUse();
    const roots = await this.knownRoots();
    const now = Date.now();
    const projects = new Map<string, ProjectStorage>();
    const project = (key: string): ProjectStorage => {
      let p = projects.get(key);
      if (!p) projects.set(key, (p = { key, name: '', runs: [], ssa: [], bytes: 0 }));
      return p;
    };
    for (const key of (await subdirs(path.join(this.storageDir, RUNS_DIR))).filter((k) => PROJECT_KEY.test(k))) {
      const ids = (await subdirs(path.join(this.storageDir, RUNS_DIR, key))).filter((n) => RUN_ID.test(n));
      for (const id of ids) {
        const { item, root } = await this.runItem(key, id, inUse);
        const p = project(key);
        p.runs.push(item);
        if (root && !p.root && projectKey(root) === key) p.root = root;
      }
    }
    // SSA captures belong to the project whose runs key starts with their key (both are the root's sha256).
    for (const key of (await subdirs(path.join(this.storageDir, SSA_DIR))).filter((k) => SSA_KEY.test(k))) {
      const owner = [...projects.keys()].find((k) => k.startsWith(key)) ?? (roots.has(key) ? projectKey(roots.get(key)!) : key);
      const ids = (await subdirs(path.join(this.storageDir, SSA_DIR, key))).filter((n) => SSA_CAPTURE_ID.test(n));
      for (const id of ids) project(owner).ssa.push(await this.ssaItem(key, id, inUse, now));
    }
    const currentRoot = this.opts.current?.();
    const currentKey = currentRoot ? projectKey(currentRoot) : undefined;
    for (const p of projects.values()) {
      p.root ??= roots.get(p.key);
      p.name = p.root ? path.basename(p.root) : `unknown project ${p.key}`;
      const byNewest = (a: StorageItem, b: StorageItem) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
      p.runs.sort(byNewest);
      p.ssa.sort(byNewest);
      const all = [...p.runs, ...p.ssa];
      p.bytes = all.reduce((n, i) => n + i.bytes, 0);
      const times = all.map((i) => i.createdAt).sort();
      if (times.length > 0) {
        p.oldest = times[0];
        p.newest = times[times.length - 1];
      }
    }
    if (currentRoot && currentKey && !projects.has(currentKey)) {
      projects.set(currentKey, { key: currentKey, root: currentRoot, name: path.basename(currentRoot), runs: [], ssa: [], bytes: 0 });
    }
    const list = [...projects.values()].sort(
      (a, b) => Number(b.key === currentKey) - Number(a.key === currentKey) || (b.newest ?? '').localeCompare(a.newest ?? ''),
    );
    const shared = await this.sharedItems(inUse, now);
    const areas = await this.areas();
    const totalBytes = list.reduce((n, p) => n + p.bytes, 0) + shared.reduce((n, i) => n + i.bytes, 0) + areas.reduce((n, a) => n + a.bytes, 0);
    return {
      dir: this.storageDir,
      ...(currentKey ? { current: currentKey } : {}),
      projects: list,
      shared,
      areas,
      totalBytes,
      limits: (await this.opts.limits?.()) ?? DEFAULT_STORAGE_LIMITS,
    };
  }

  private async sharedItems(inUse: InUseMap, now: number): Promise<StorageItem[]> {
    const out: StorageItem[] = [];
    const ssaRecent = await this.ssaStarts();
    const add = async (kind: StorageItem['kind'], id: string, label: string, createdAt: string, underWay = false) => {
      const p = itemPath(this.storageDir, { kind, id });
      const size = await this.sizes.of(p);
      const why = inUse.get(useKey(kind, id)) ?? (underWay ? 'being written' : undefined);
      out.push({ kind, id, label, bytes: size.bytes, files: size.files, createdAt, ...(why ? { inUse: why } : {}) });
    };
    for (const id of (await subdirs(path.join(this.storageDir, BUNDLE_RUNS_DIR))).filter((k) => BUNDLE_KEY.test(k))) {
      const at = await mtimeIso(path.join(this.storageDir, BUNDLE_RUNS_DIR, id));
      await add('bundle-run', id, 'build runs of a bundle, extracted to replay them', at);
    }
    for (const id of (await subdirs(path.join(this.storageDir, BINARIES_DIR))).filter((k) => BINARY_ID.test(k))) {
      const dir = path.join(this.storageDir, BINARIES_DIR, id);
      const made = parseInt(BINARY_ID.exec(id)![1]!, 36);
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n !== BINARY_ACTION_GRAPH);
      await add('binary', id, names[0] ? `binary built for analysis: ${names[0]}` : 'a build for analysis without a binary', new Date(made).toISOString(), !names[0] && now - made < UNDER_WAY_MS);
    }
    for (const id of (await subdirs(path.join(this.storageDir, SSA_DIR, SSA_TEMP))).filter((k) => SSA_TEMP_ID.test(k))) {
      const at = await mtimeIso(path.join(this.storageDir, SSA_DIR, SSA_TEMP, id));
      await add('ssa-temp', id, "a package's function list for the SSA view (temporary)", at, now - Date.parse(at) < UNDER_WAY_MS);
    }
    // The SSA view's GOCACHE: clearing it is safe only while no SSA build runs (none started lately).
    const ssaRoot = path.join(this.storageDir, SSA_DIR);
    if (await stat(path.join(ssaRoot, SSA_GOCACHE)).catch(() => null)) {
      const recent = [...ssaRecent.values()].some((t) => now - t < UNDER_WAY_MS);
      await add('ssa-cache', SSA_GOCACHE, "the SSA view's own Go build cache (dependencies stay compiled between captures; the next capture rebuilds them)", await mtimeIso(path.join(ssaRoot, SSA_GOCACHE)), false);
      if (recent) out[out.length - 1]!.inUse = 'an SSA capture or function list was started in the last 16 minutes';
    }
    for (const name of await readdir(path.join(this.storageDir, RECEIVED_DIR)).catch(() => [] as string[])) {
      if (!RECEIVED_NAME.test(name)) continue;
      await add('received', name, 'a bundle dropped onto the browser window', await mtimeIso(path.join(this.storageDir, RECEIVED_DIR, name)));
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** When each SSA capture and function listing folder was made (their builds use the SSA GOCACHE). */
  private async ssaStarts(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const root = path.join(this.storageDir, SSA_DIR);
    for (const key of await subdirs(root)) {
      if (key === SSA_TEMP) {
        for (const id of await subdirs(path.join(root, key))) out.set(`${key}/${id}`, (await stat(path.join(root, key, id)).catch(() => null))?.mtimeMs ?? 0);
      } else if (SSA_KEY.test(key)) {
        for (const id of await subdirs(path.join(root, key))) {
          out.set(`${key}/${id}`, ssaCaptureTime(id)?.getTime() ?? (await stat(path.join(root, key, id)).catch(() => null))?.mtimeMs ?? 0);
        }
      }
    }
    return out;
  }

  /**
   * Everything else in storage, by folder or file, so that the listing adds up to what is on disk: the
   * sessions, profiles and settings, and whatever a folder holds besides the items listed above (files
   * another part of gopsy may add later are counted, not hidden).
   */
  private async areas(): Promise<StorageArea[]> {
    const notes: Record<string, string> = {
      [SESSIONS_DIR]: 'the live sessions: notes, layout and GODEBUG captures',
      'compare-tmp': 'temporary files of comparisons',
      profiles: 'saved build profiles',
      debug: "the debugger's breakpoints and launch configurations",
      'settings.json': 'recent folders and the storage limits',
      'godebug-profiles.json': 'GODEBUG profiles',
      [IN_USE_DIR]: 'what each running gopsy has in use',
    };
    const out: StorageArea[] = [];
    const area = async (rel: string, note: string) => {
      const size = await measureFolder(path.join(this.storageDir, rel));
      if (size.files > 0) out.push({ name: rel, path: path.join(this.storageDir, rel), bytes: size.bytes, files: size.files, note });
    };
    // Per folder, the names its items use; anything else in it is counted as an area of its own.
    const itemNames: Record<string, (name: string) => boolean> = {
      [RUNS_DIR]: (n) => PROJECT_KEY.test(n),
      [SSA_DIR]: (n) => SSA_KEY.test(n) || n === SSA_GOCACHE || n === SSA_TEMP,
      [BUNDLE_RUNS_DIR]: (n) => BUNDLE_KEY.test(n),
      [BINARIES_DIR]: (n) => BINARY_ID.test(n),
      [RECEIVED_DIR]: (n) => RECEIVED_NAME.test(n),
    };
    for (const name of (await readdir(this.storageDir).catch(() => [] as string[])).sort()) {
      const isItem = itemNames[name];
      if (!isItem) {
        await area(name, notes[name] ?? 'other files gopsy keeps');
        continue;
      }
      for (const inner of (await readdir(path.join(this.storageDir, name)).catch(() => [] as string[])).sort()) {
        if (!isItem(inner) && !inner.startsWith(DELETING)) await area(path.join(name, inner), name === SSA_DIR && inner === SSA_WRAPPER ? "the SSA view's compiler wrapper" : 'other files gopsy keeps');
      }
    }
    // Inside a project's runs and SSA folders: what is not a run or a capture.
    for (const dir of [RUNS_DIR, SSA_DIR]) {
      for (const key of (await subdirs(path.join(this.storageDir, dir))).filter((k) => PROJECT_KEY.test(k) || SSA_KEY.test(k))) {
        for (const inner of await readdir(path.join(this.storageDir, dir, key)).catch(() => [] as string[])) {
          if (RUN_ID.test(inner) || SSA_CAPTURE_ID.test(inner) || inner.startsWith(DELETING)) continue;
          const note = dir === SSA_DIR && inner === SSA_LISTINGS ? "the SSA view's kept function listings (made again when needed)" : 'other files gopsy keeps for this project';
          await area(path.join(dir, key, inner), note);
        }
      }
    }
    return out;
  }

  /** Removes folders a crash left renamed aside, and ledgers of gone processes (othersInUse). */
  private async sweep(): Promise<void> {
    const parents = [
      ...(await subdirs(path.join(this.storageDir, RUNS_DIR))).map((k) => path.join(this.storageDir, RUNS_DIR, k)),
      ...(await subdirs(path.join(this.storageDir, SSA_DIR))).map((k) => path.join(this.storageDir, SSA_DIR, k)),
      path.join(this.storageDir, BUNDLE_RUNS_DIR),
      path.join(this.storageDir, BINARIES_DIR),
      path.join(this.storageDir, RECEIVED_DIR),
    ];
    for (const p of parents) {
      for (const name of await readdir(p).catch(() => [] as string[])) {
        if (name.startsWith(DELETING)) await rm(path.join(p, name), { recursive: true, force: true }).catch(() => {});
      }
    }
  }

  /** Deletes the items (each one atomically); in-use ones are kept with the reason. */
  delete(refs: StorageRef[], protect: InUseMap = new Map()): Promise<DeleteOutcome> {
    return this.serial(() => this.deleteNow(refs, protect));
  }

  private async deleteNow(refs: StorageRef[], protect: InUseMap): Promise<DeleteOutcome> {
    const out: DeleteOutcome = { deleted: [], kept: [], freedBytes: 0 };
    const inUse = await this.inUse();
    for (const [k, why] of protect) inUse.set(k, why);
    const now = Date.now();
    for (const ref of refs) {
      let target: string;
      try {
        target = itemPath(this.storageDir, ref);
      } catch (err) {
        out.kept.push({ ref, reason: (err as Error).message });
        continue;
      }
      const st = await lstat(target).catch(() => null);
      if (!st) {
        out.kept.push({ ref, reason: 'it is not in storage (any more)' });
        continue;
      }
      const item = await this.describe(ref, inUse, now);
      if (item.inUse) {
        out.kept.push({ ref, reason: `in use: ${item.inUse}` });
        continue;
      }
      // One rename takes the item out of every listing at once; the removal after it may take a while.
      const aside = path.join(path.dirname(target), `${DELETING}${ref.id}-${randomBytes(4).toString('hex')}`);
      try {
        await rename(target, aside);
      } catch (err) {
        out.kept.push({ ref, reason: `could not delete it: ${(err as Error).message}` });
        continue;
      }
      this.sizes.forget(target);
      await rm(aside, { recursive: true, force: true }).catch(() => {});
      out.deleted.push(item);
      out.freedBytes += item.bytes;
    }
    return out;
  }

  private async describe(ref: StorageRef, inUse: InUseMap, now: number): Promise<StorageItem> {
    if (ref.kind === 'run') return (await this.runItem(ref.project!, ref.id, inUse)).item;
    if (ref.kind === 'ssa') return this.ssaItem(ref.project!, ref.id, inUse, now);
    const items = await this.sharedItems(inUse, now);
    const found = items.find((i) => i.kind === ref.kind && i.id === ref.id);
    if (!found) throw new GopsyError('bad-item', `No ${ref.kind} ${ref.id} in storage.`);
    return found;
  }

  /** Deletes all but the newest `keep` runs and/or SSA captures of one project (by its root). */
  prune(root: string, keep: number, kinds: Array<'run' | 'ssa'>): Promise<DeleteOutcome> {
    return this.serial(async () => {
      const refs = chooseForPrune(await this.report(), root, keep, kinds).map(refOf);
      return this.deleteNow(refs, new Map());
    });
  }

  /** What prune would delete now (in-use items included: deleting keeps them). */
  async pruneCandidates(root: string, keep: number, kinds: Array<'run' | 'ssa'>): Promise<StorageItem[]> {
    return chooseForPrune(await this.report(), root, keep, kinds);
  }

  /**
   * The limits: per project, runs and SSA captures beyond the newest N; then, oldest first over every
   * project, whatever takes the storage over its size. `protect` adds items to keep (the run that just ended).
   */
  applyLimits(limits: StorageLimits, protect: InUseMap = new Map()): Promise<DeleteOutcome & { why: string[] }> {
    return this.serial(async () => {
      const chosen = chooseForLimits(await this.report(), limits, protect);
      return { ...(await this.deleteNow(chosen.items.map(refOf), protect)), why: chosen.why };
    });
  }

  /** What applyLimits would delete now. */
  async limitCandidates(limits: StorageLimits): Promise<StorageItem[]> {
    return chooseForLimits(await this.report(), limits, new Map()).items;
  }
}

/** A project's runs and/or SSA captures beyond the newest `keep` (the lists are newest first). */
function chooseForPrune(report: StorageReport, root: string, keep: number, kinds: Array<'run' | 'ssa'>): StorageItem[] {
  const p = report.projects.find((x) => x.key === projectKey(root));
  if (!p) return [];
  return [...(kinds.includes('run') ? p.runs.slice(keep) : []), ...(kinds.includes('ssa') ? p.ssa.slice(keep) : [])];
}

function chooseForLimits(report: StorageReport, limits: StorageLimits, protect: InUseMap): { items: StorageItem[]; why: string[] } {
  const why: string[] = [];
  const items: StorageItem[] = [];
  const chosen = new Set<string>();
  const take = (i: StorageItem) => {
    const k = useKey(i.kind, i.id);
    if (i.inUse || protect.has(k) || chosen.has(k)) return false;
    chosen.add(k);
    items.push(i);
    return true;
  };
  let over = 0;
  for (const p of report.projects) {
    if (limits.keepRuns > 0) for (const r of p.runs.slice(limits.keepRuns)) if (take(r)) over++;
    if (limits.keepSsa > 0) for (const c of p.ssa.slice(limits.keepSsa)) if (take(c)) over++;
  }
  if (over > 0) why.push(`keep the ${perProjectLimitsText(limits)}`);
  if (limits.maxBytes > 0) {
    // Caches and leftovers count too (the SSA view's GOCACHE is often the largest item): they go first when older.
    const counted = [...report.projects.flatMap((p) => [...p.runs, ...p.ssa]), ...report.shared.filter((i) => i.kind !== 'bundle-run' && i.kind !== 'received')];
    let total = counted.filter((i) => !chosen.has(useKey(i.kind, i.id))).reduce((n, i) => n + i.bytes, 0);
    const before = total;
    for (const i of counted.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      if (total <= limits.maxBytes) break;
      if (take(i)) total -= i.bytes;
    }
    if (total < before) why.push(`keep runs, SSA captures, analysis binaries and the SSA build cache under ${formatBytes(limits.maxBytes)} in all`);
  }
  return { items, why };
}

export function refOf(i: StorageItem): StorageRef {
  return { kind: i.kind, id: i.id, ...(i.project ? { project: i.project } : {}) };
}

function runIdTime(id: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : new Date(0).toISOString();
}

