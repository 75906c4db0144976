// The window's code navigation: the gopls-backed Monaco providers, Ctrl+P (files) and Ctrl+T (symbols),
// Go Back / Go Forward, one line when gopls cannot be had or failed, and gopls's log on demand (a tab
// of the console area, which the window shows through showLog).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { GopsyApi, WorkspaceState } from '../../../../shared/api';
import { registerLanguageProviders, type LanguageProviders } from './languageProviders';
import { QuickOpen, type QuickOpenMode, type QuickOpenTarget } from './quickOpen';
import { registerEditorAction } from '../../editor/editorActions';

/** The windows' handlers of Show gopls Log (an action every editor gets when it is created). */
const logHandlers = new Set<() => void>();
registerEditorAction({ id: 'gopsy.goplsLog', label: 'Show gopls Log', menu: false, run: () => logHandlers.forEach((h) => h()) });

type OpenFile = (path: string, at?: { line: number; byteColumn?: number }) => Promise<void>;

export function useCodeNavigation(api: GopsyApi, workspace: WorkspaceState | null, openFile: OpenFile, showLog: () => void): ReactNode {
  const [mode, setMode] = useState<QuickOpenMode | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const providers = useRef<LanguageProviders | null>(null);
  const open = useRef(openFile);
  const log = useRef(showLog);
  useEffect(() => {
    open.current = openFile;
    log.current = showLog;
  }, [openFile, showLog]);

  useEffect(() => {
    const p = registerLanguageProviders({
      api,
      open: (path, at) => open.current(path, at),
      problem: setProblem,
    });
    providers.current = p;
    const handler = () => log.current();
    logHandlers.add(handler);
    return () => {
      logHandlers.delete(handler);
      p.dispose();
      providers.current = null;
    };
  }, [api]);

  // Whether gopls can be had, asked again for each project (it says how to install it when it cannot).
  useEffect(() => {
    if (!workspace) return;
    void api.call('lsp.status', {}).then((s) => setProblem(s.gopls.ok ? (s.problem ?? null) : (s.gopls.problem ?? null)), () => {});
  }, [api, workspace]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'p' && key !== 't') return;
      e.preventDefault();
      if (workspace) setMode(key === 'p' ? 'files' : 'symbols');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workspace]);

  const openTarget = (t: QuickOpenTarget) => {
    if (!t.position) void open.current(t.path);
    else void providers.current?.jump(t.path, t.position.line + 1, t.position.character + 1);
  };

  return (
    <>
      {problem && workspace && (
        <div className="banner warn" role="status" data-testid="gopls-problem">
          {problem} <button onClick={() => void api.call('lsp.status', { refresh: true }).then((s) => setProblem(s.gopls.ok ? null : (s.gopls.problem ?? null)))}>Retry</button>{' '}
          <button onClick={showLog}>gopls log</button> <button onClick={() => setProblem(null)}>Dismiss</button>
        </div>
      )}
      {mode && <QuickOpen api={api} mode={mode} onOpen={openTarget} onClose={() => setMode(null)} />}
    </>
  );
}
