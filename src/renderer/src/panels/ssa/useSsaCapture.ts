// What the view shows of a capture, fetched as it is needed: the summary (polled while the backend
// parses), the phase shown, the diff, a value's history and the source, AST and genssa columns.
import { useEffect } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import { useShowing } from '../../storage/useShowing';
import type { SsaSnapshot, SsaStore } from './ssaStore';

const message = (err: unknown) => (err as Error)?.message ?? String(err);

export function useSsaCapture(api: GopsyApi, store: SsaStore, { id, format, summary, index, tab, diffBase, selected }: SsaSnapshot): void {
  // The capture shown stays in storage while it is.
  useShowing(api, 'ssa', [], [id]);

  // The summary arrives at the first phase; poll until the parse is done.
  useEffect(() => {
    if (!id) return;
    let stop = false;
    const poll = async () => {
      while (!stop) {
        const s = await api.call('ssa.summary', { id, format });
        if (stop) return;
        store.set({ summary: s });
        if (s.done) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    poll().catch((err) => store.fail(message(err)));
    return () => {
      stop = true;
    };
  }, [api, store, id, format]);

  // The phase shown: fetched again only when that index changes, not at every poll while later phases
  // arrive (a phase of a big function is megabytes). A preview (its first blocks, while the backend
  // parses the rest) is shown, and the phase asked for again.
  const shown = summary && summary.phases.length > 0 ? Math.min(index, summary.phases.length - 1) : -1;
  useEffect(() => {
    if (!id || shown < 0) return;
    let stop = false;
    const load = (preview: boolean): Promise<void> =>
      api.call('ssa.phase', { id, format, index: shown, preview }).then(
        (phase) => {
          if (stop) return;
          store.set({ phase });
          if (phase.preview) return load(false);
        },
        (err) => {
          if (!stop) store.fail(message(err));
        },
      );
    void load(true);
    return () => {
      stop = true;
    };
  }, [api, store, id, format, shown]);

  const done = summary?.done;
  useEffect(() => {
    if (!id || !done || tab !== 'diff') return;
    const base = diffBase ?? Math.max(0, index - 1);
    void api.call('ssa.diff', { id, format, a: base, b: index }).then((diff) => store.set({ diff }));
  }, [api, store, id, format, index, diffBase, tab, done]);

  useEffect(() => {
    if (!id || !selected || !selected.startsWith('v') || !done) return;
    void api.call('ssa.history', { id, format, value: selected, phase: index }).then((history) => store.set({ history }));
  }, [api, store, id, format, selected, index, done]);

  useEffect(() => {
    if (!id || !done) return;
    const add = (c: SsaSnapshot['column']) => store.set((s) => ({ column: { ...s.column, ...c } }));
    void api.call('ssa.column', { id, format, column: 'sources' }).then(add);
    // genssa's "# file" rows say which file an inlined value's line is in (lineFiles).
    void api.call('ssa.column', { id, format, column: 'genssa' }).then(add);
    if (tab === 'ast') void api.call('ssa.column', { id, format, column: tab }).then(add);
  }, [api, store, id, format, tab, done]);
}
