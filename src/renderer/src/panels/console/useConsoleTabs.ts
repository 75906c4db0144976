// The console tabs of the window: which consoles are shown, the active one, their exit status, and
// the open, stop and close actions (with the error of the last one that failed).
import { useCallback, useEffect, useState } from 'react';
import type { ConsoleInfo, ConsolePreset, GopsyApi } from '../../../../shared/api';
import type { ConsoleStore } from '../../state/consoleStore';
import type { GodebugStore } from '../runtime/store';
import { GOPLS_LOG_TAB, type ConsoleTab } from './ConsolePanel';
import { consoleGodebug } from './consoleGodebug';

const message = (err: unknown) => (err as Error)?.message ?? String(err);

export interface ConsoleTabs {
  tabs: ConsoleTab[];
  active: string | null;
  setActive: (id: string) => void;
  error: string | null;
  open: (preset: ConsolePreset) => Promise<void>;
  stop: (id: string) => void;
  close: (id: string) => void;
  /** Shows a console the backend opened itself (Delve's output) once; it becomes active if none is. */
  adopt: (info: ConsoleInfo) => void;
  /** Shows the gopls log tab (opening it when it is not there) and the console area. */
  showGoplsLog: () => void;
}

/** `onOpened` runs after a console is opened by the user (the panel shows it). */
export function useConsoleTabs(api: GopsyApi, store: ConsoleStore, godebug: GodebugStore, onOpened: () => void): ConsoleTabs {
  const [tabs, setTabs] = useState<ConsoleTab[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      store.onExit((exit) =>
        setTabs((ts) =>
          ts.map((t) =>
            t.id === exit.id && t.kind !== 'log' ? { ...t, status: exit.stopped ? 'stopped' : 'exited', exitCode: exit.exitCode } : t,
          ),
        ),
      ),
    [store],
  );

  const open = useCallback(
    async (preset: ConsolePreset) => {
      try {
        const g = consoleGodebug(godebug.selected);
        const info = await api.call('console.open', { preset, cols: 120, rows: 24, ...(g ? { godebug: g } : {}) });
        if (g?.GODEBUG && info.envNote) godebug.track(info, g.GODEBUG);
        setTabs((ts) => [...ts, { ...info, status: 'running' }]);
        setActive(info.id);
        onOpened();
        setError(null);
      } catch (err) {
        setError(message(err));
      }
    },
    [api, godebug, onOpened],
  );

  const stop = useCallback(
    (id: string) => void api.call('console.stop', { id }).catch((err) => setError(message(err))),
    [api],
  );

  const close = useCallback(
    (id: string) => {
      if (id !== GOPLS_LOG_TAB.id) {
        void api.call('console.close', { id }).catch(() => {});
        store.forget(id);
      }
      setTabs((ts) => {
        const rest = ts.filter((t) => t.id !== id);
        setActive((a) => (a === id ? (rest[rest.length - 1]?.id ?? null) : a));
        return rest;
      });
    },
    [api, store],
  );

  const adopt = useCallback((info: ConsoleInfo) => {
    setTabs((ts) => (ts.some((t) => t.id === info.id) ? ts : [...ts, { ...info, status: 'running' }]));
    setActive((a) => a ?? info.id);
  }, []);

  const showGoplsLog = useCallback(() => {
    setTabs((ts) => (ts.some((t) => t.id === GOPLS_LOG_TAB.id) ? ts : [...ts, GOPLS_LOG_TAB]));
    setActive(GOPLS_LOG_TAB.id);
    onOpened();
  }, [onOpened]);

  return { tabs, active, setActive, error, open, stop, close, adopt, showGoplsLog };
}
