// Binds the storage service to the contract (storage.*) and applies the limits after each build run
// ends. One service per backend; each window says what its views show (storage.showing), which keeps it.
import type { Handlers } from '../../../shared/rpc';
import type { DeleteOutcome, Showing } from '../../../shared/contract/storage';
import { remarksServiceOf } from '../remarks/handlers';
import type { Backend, ConnectionContext } from '../backend';
import { runServiceOf } from '../runs/handlers';
import { contentKey } from '../bundles/runCache';
import { isInside } from '../paths';
import { InUseLedger, useKey, type InUseMap } from './inUse';
import { StorageService } from './storageService';
import { RECEIVED_DIR } from '../bundles/uploads';
import { RUNS_DIR } from '../runs/runStore';
import { RUN_ID } from '../../../shared/runFolder';
import path from 'node:path';

const VIEW_NAMES: Record<string, string> = { build: 'Build', remarks: 'Remarks', compare: 'Compare', binary: 'Binary', ssa: 'SSA' };

interface BackendStorage {
  service: StorageService;
  /** Per window, per view: what it shows. */
  shown: Map<object, Map<string, Showing>>;
  ledger: InUseLedger;
}

const services = new WeakMap<Backend, BackendStorage>();

function liveInUse(backend: Backend, shown: BackendStorage['shown']): InUseMap {
  const out: InUseMap = new Map();
  const runs = runServiceOf(backend);
  for (const id of runs.running) out.set(useKey('run', id), 'the build is running');
  for (const views of shown.values()) {
    for (const s of views.values()) {
      const where = `shown in the ${VIEW_NAMES[s.view] ?? s.view} view`;
      for (const id of s.runs) if (!out.has(useKey('run', id))) out.set(useKey('run', id), where);
      for (const id of s.ssa) if (!out.has(useKey('ssa', id))) out.set(useKey('ssa', id), where);
    }
  }
  for (const b of backend.bundles.openBundles()) {
    const name = path.basename(b.file);
    out.set(useKey('bundle-run', contentKey(b.reader)), `${name} is open`);
    if (path.dirname(b.file) === path.join(backend.storageDir, RECEIVED_DIR)) out.set(useKey('received', name), 'it is open');
  }
  for (const b of backend.binaries.list()) out.set(useKey('binary', b.id), 'loaded in the Binary view');
  // A run's kept binary loaded in the Binary view: disassembly reads it from the run's folder.
  const runsDir = path.join(backend.storageDir, RUNS_DIR);
  for (const file of backend.binaries.loadedFiles()) {
    const rel = path.relative(runsDir, file).split(path.sep);
    if (isInside(runsDir, file) && rel.length >= 3 && RUN_ID.test(rel[1]!)) out.set(useKey('run', rel[1]!), 'its binary is loaded in the Binary view');
  }
  return out;
}

/** Tells every window what went, and drops what was loaded from deleted runs. */
function announce(backend: Backend, reason: 'user' | 'limits', res: DeleteOutcome, why?: string): void {
  if (res.deleted.length === 0) return;
  const remarks = remarksServiceOf(backend);
  for (const i of res.deleted) if (i.kind === 'run') remarks.forget(i.id);
  backend.broadcast('storage.deleted', { reason, items: res.deleted, freedBytes: res.freedBytes, ...(why ? { why } : {}) });
}

export function storageOf(backend: Backend): BackendStorage {
  let s = services.get(backend);
  if (s) return s;
  const shown: BackendStorage['shown'] = new Map();
  const ledger = new InUseLedger(backend.storageDir, () => liveInUse(backend, shown));
  const service = new StorageService(backend.storageDir, {
    live: { inUse: () => liveInUse(backend, shown), ledgerFile: ledger.file },
    limits: () => backend.settings.storageLimits(),
    current: () => backend.current?.root,
  });
  s = { service, shown, ledger };
  services.set(backend, s);
  // After each run ends: the limits, oldest first; the run that just ended is never the one to go.
  const unsubscribe = runServiceOf(backend).subscribe({
    output: () => {},
    status: (summary) => {
      ledger.changed();
      if (summary.status === 'running') return;
      void backend.settings
        .storageLimits()
        .then((limits) => service.applyLimits(limits, new Map([[useKey('run', summary.id), 'it just ended']])))
        .then((res) => {
          if (res.deleted.length === 0) return;
          announce(backend, 'limits', res, res.why.join('; '));
        })
        .catch((err: Error) => console.error(`gopsy: storage limits: ${err.message}`));
    },
  });
  backend.onShutdown(async () => {
    unsubscribe();
    await ledger.close();
  });
  return s;
}

export function storageHandlers(ctx: ConnectionContext) {
  const { backend } = ctx;
  const { service, shown, ledger } = storageOf(backend);
  const conn = {};
  ctx.onClose(() => {
    shown.delete(conn);
    ledger.changed();
  });
  return {
    'storage.report': () => service.report(),
    'storage.delete': async ({ items }) => {
      const res = await service.delete(items);
      announce(backend, 'user', res);
      return res;
    },
    'storage.prune': async ({ keep, kinds }) => {
      const res = await service.prune(backend.requireWorkspace().root, keep, kinds);
      announce(backend, 'user', res);
      return res;
    },
    'storage.limits': () => backend.settings.storageLimits(),
    'storage.setLimits': (limits) => backend.settings.setStorageLimits(limits),
    'storage.showing': (s) => {
      let views = shown.get(conn);
      if (!views) shown.set(conn, (views = new Map()));
      if (s.runs.length === 0 && s.ssa.length === 0) views.delete(s.view);
      else views.set(s.view, s);
      ledger.changed();
      return null;
    },
  } satisfies Partial<Handlers>;
}

