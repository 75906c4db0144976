// The workbench follows the debugger: a stop in a project file opens it at that line, whichever file
// is open (a stop in the standard library or a dependency opens that file read-only), and a new session's dlv output gets its console tab.
import { useEffect, useRef } from 'react';
import type { ConsoleInfo } from '../../../../shared/api';
import type { DebugStore } from './debugStore';

export function useFollowDebugger(
  debug: DebugStore,
  openFile: (path: string, at: { line: number }) => Promise<void>,
  showConsole: (info: ConsoleInfo) => void,
): void {
  const seen = useRef(debug.snapshot().state);
  useEffect(
    () =>
      debug.subscribe(() => {
        const state = debug.snapshot().state;
        if (state === seen.current) return;
        seen.current = state;
        const loc = state.status === 'stopped' ? state.location : undefined;
        if (loc?.inProject || loc?.path.startsWith('/')) void openFile(loc.path, { line: loc.line });
        if (state.console) showConsole(state.console);
      }),
    [debug, openFile, showConsole],
  );
}
