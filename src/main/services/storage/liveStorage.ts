// The storage service of a running backend: what its windows show and what it has in use (kept from
// deletion, and told to other gopsy processes through the in-use ledger), and the limits applied after
// each build run ends. Deletions are told to every window.
import path from 'node:path';
import type { EventName, EventPayload } from '../../../shared/api';
import type { DeleteOutcome, Showing } from '../../../shared/contract/storage';
import type { BinaryService } from '../binary/binaryService';
import type { BundleService } from '../bundles/bundleService';
import { contentKey } from '../bundles/runCache';
import type { RemarksService } from '../remarks/remarksService';
import type { RunService } from '../runs/runService';
import { RUNS_DIR } from '../runs/runStore';
import { RUN_ID } from '../../../shared/runFolder';
import { RECEIVED_DIR } from '../bundles/uploads';
import { isInside } from '../paths';
import type { SettingsStore } from '../settings';
import { InUseLedger, useKey, type InUseMap } from './inUse';
import { StorageService } from './storageService';

const VIEW_NAMES: Record<string, string> = { build: 'Build', remarks: 'Remarks', compare: 'Compare', binary: 'Binary', ssa: 'SSA' };

/** What the live storage looks at: the backend's other services. */
export interface LiveStorageDeps {
  storageDir: string;
  runs: RunService;
  remarks: RemarksService;
  bundles: BundleService;
  binaries: BinaryService;
  settings: SettingsStore;
  /** The open project's root, if any. */
  current(): string | undefined;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export class LiveStorage {
  readonly service: StorageService;
  /** Per window, per view: what it shows. */
  readonly shown = new Map<object, Map<string, Showing>>();
  readonly ledger: InUseLedger;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: LiveStorageDeps) {
    this.ledger = new InUseLedger(deps.storageDir, () => this.inUse());
    this.service = new StorageService(deps.storageDir, {
      live: { inUse: () => this.inUse(), ledgerFile: this.ledger.file },
      limits: () => deps.settings.storageLimits(),
      current: () => deps.current(),
    });
    // After each run ends: the limits, oldest first; the run that just ended is never the one to go.
    this.unsubscribe = deps.runs.subscribe({
      output: () => {},
      status: (summary) => {
        this.ledger.changed();
        if (summary.status === 'running') return;
        void deps.settings
          .storageLimits()
          .then((limits) => this.service.applyLimits(limits, new Map([[useKey('run', summary.id), 'it just ended']])))
          .then((res) => {
            if (res.deleted.length === 0) return;
            this.announce('limits', res, res.why.join('; '));
          })
          .catch((err: Error) => console.error(`gopsy: storage limits: ${err.message}`));
      },
    });
  }

  private inUse(): InUseMap {
    const { runs, bundles, binaries, storageDir } = this.deps;
    const out: InUseMap = new Map();
    for (const id of runs.running) out.set(useKey('run', id), 'the build is running');
    for (const views of this.shown.values()) {
      for (const s of views.values()) {
        const where = `shown in the ${VIEW_NAMES[s.view] ?? s.view} view`;
        for (const id of s.runs) if (!out.has(useKey('run', id))) out.set(useKey('run', id), where);
        for (const id of s.ssa) if (!out.has(useKey('ssa', id))) out.set(useKey('ssa', id), where);
      }
    }
    for (const b of bundles.openBundles()) {
      const name = path.basename(b.file);
      out.set(useKey('bundle-run', contentKey(b.reader)), `${name} is open`);
      if (path.dirname(b.file) === path.join(storageDir, RECEIVED_DIR)) out.set(useKey('received', name), 'it is open');
    }
    for (const b of binaries.list()) out.set(useKey('binary', b.id), 'loaded in the Binary view');
    // A run's kept binary loaded in the Binary view: disassembly reads it from the run's folder.
    const runsDir = path.join(storageDir, RUNS_DIR);
    for (const file of binaries.loadedFiles()) {
      const rel = path.relative(runsDir, file).split(path.sep);
      if (isInside(runsDir, file) && rel.length >= 3 && RUN_ID.test(rel[1]!)) out.set(useKey('run', rel[1]!), 'its binary is loaded in the Binary view');
    }
    return out;
  }

  /** Tells every window what went, and drops what was loaded from deleted runs. */
  announce(reason: 'user' | 'limits', res: DeleteOutcome, why?: string): void {
    if (res.deleted.length === 0) return;
    for (const i of res.deleted) if (i.kind === 'run') this.deps.remarks.forget(i.id);
    this.deps.broadcast('storage.deleted', { reason, items: res.deleted, freedBytes: res.freedBytes, ...(why ? { why } : {}) });
  }

  /** Stops following the runs and removes the ledger (the backend shuts down). */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.ledger.close();
  }
}
