// The workbench's storage corner: a notice when the limits deleted old items after a run (what, how
// much, which limit), and the Storage dialog when a feature asks for it (openStorage()).
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../shared/api';
import { formatBytes } from '../../../shared/format';
import { StorageDialog } from './StorageDialog';
import { onOpenStorage, openStorage } from './storageBus';
import './storage.css';

interface Pruned {
  count: number;
  bytes: number;
  why: string;
}

export function StorageHost({ api }: { api: GopsyApi }) {
  const [open, setOpen] = useState(false);
  const [pruned, setPruned] = useState<Pruned | null>(null);
  useEffect(() => onOpenStorage(() => setOpen(true)), []);
  useEffect(() => api.on('storage.showRequested', () => setOpen(true)), [api]);
  useEffect(
    () =>
      api.on('storage.deleted', (e) => {
        if (e.reason !== 'limits') return;
        // Several passes before the user looks add up.
        setPruned((p) => ({ count: (p?.count ?? 0) + e.items.length, bytes: (p?.bytes ?? 0) + e.freedBytes, why: e.why ?? '' }));
      }),
    [api],
  );
  return (
    <>
      {pruned && (
        <div className="banner warn wide storage-notice" role="status" data-testid="storage-pruned">
          gopsy deleted {pruned.count} old item{pruned.count === 1 ? '' : 's'} ({formatBytes(pruned.bytes)}) from its storage after the last run, to {pruned.why || 'stay within its limits'}.{' '}
          <button type="button" onClick={openStorage}>
            Storage…
          </button>{' '}
          <button type="button" onClick={() => setPruned(null)}>
            Dismiss
          </button>
        </div>
      )}
      {open && <StorageDialog api={api} onClose={() => setOpen(false)} />}
    </>
  );
}
