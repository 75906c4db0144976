// Handles "Show SSA" requests from the editor: the cursor's line → the compiled function around it
// (funcAtLine on the file's text and the compiler's own function list) → a capture of that function.
import { useEffect, useRef } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import { funcAtLine, type CompiledFunc } from '../../../../core/ssa/names';
import { onShowSsaRequest, takeShowSsaRequest, type ShowSsaRequest } from './editorAction';

export interface ShowSsaTarget {
  /** Package directory as the view's package picker names it ('.' for the root). */
  pkgDir: string;
  pkgArg: string;
  test: boolean;
  func: string;
  /** Project-relative file of the function. */
  file: string;
}

/** Lists a package's compiled functions (the view's listing job, with its progress and cancel). */
export type ListFunctions = (pkgArg: string, test: boolean) => Promise<{ functions: CompiledFunc[] }>;

async function resolveRequest(api: GopsyApi, listFunctions: ListFunctions, req: ShowSsaRequest): Promise<ShowSsaTarget> {
  const slash = req.path.lastIndexOf('/');
  const pkgDir = slash < 0 ? '.' : req.path.slice(0, slash);
  const pkgArg = pkgDir === '.' ? '.' : `./${pkgDir}`;
  const test = req.path.endsWith('_test.go');
  const [file, list] = await Promise.all([api.call('workspace.readFile', { path: req.path }), listFunctions(pkgArg, test)]);
  const found = funcAtLine(list.functions, req.path, file.text.split('\n'), req.line);
  if (!found[0]) throw new Error(`The compiler compiles no function at ${req.path}:${req.line}.`);
  return { pkgDir, pkgArg, test, func: found[0].name, file: req.path };
}

/**
 * Calls onTarget for each request (the one pending at mount included), onError when none fits. onBusy
 * says what is being looked up, and is cleared once the target is known (its capture has its own progress).
 */
export function useShowSsaRequests(api: GopsyApi, list: ListFunctions, onTarget: (t: ShowSsaTarget) => void, onError: (message: string) => void, onBusy: (text: string | null) => void): void {
  const handlers = useRef({ list, onTarget, onError, onBusy });
  useEffect(() => {
    handlers.current = { list, onTarget, onError, onBusy };
  });
  useEffect(() => {
    let live = true;
    const handle = () => {
      const req = takeShowSsaRequest();
      if (!req) return;
      handlers.current.onBusy(`Finding the function at ${req.path}:${req.line}…`);
      resolveRequest(api, handlers.current.list, req).then(
        (t) => live && (handlers.current.onBusy(null), handlers.current.onTarget(t)),
        (err: Error) => live && (handlers.current.onBusy(null), handlers.current.onError(err.message)),
      );
    };
    handle();
    const off = onShowSsaRequest(handle);
    return () => {
      live = false;
      off();
    };
  }, [api]);
}
