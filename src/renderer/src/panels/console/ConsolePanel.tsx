// The console panel: tabs of shells and go commands, each with its status and exit code, and read-only
// logs (gopls's stderr) in the same terminal look.
import { useEffect, useState } from 'react';
import type { ConsoleInfo, ConsolePreset, GopsyApi } from '../../../../shared/api';
import type { SourceLocation } from '../../../../core/locations';
import type { ConsoleStore } from '../../state/consoleStore';
import { ConsoleView } from './ConsoleView';
import { GoplsLogView } from './GoplsLogView';

export const PRESETS: Array<{ preset: ConsolePreset; label: string; hint: string }> = [
  { preset: 'build', label: 'go build', hint: 'go build ./...' },
  { preset: 'test', label: 'go test', hint: 'go test ./...' },
  { preset: 'run', label: 'go run', hint: 'go run .' },
  { preset: 'vet', label: 'go vet', hint: 'go vet ./...' },
  { preset: 'dlv', label: 'dlv debug', hint: "Delve's own command line on the package at the project root" },
  { preset: 'shell', label: 'Shell', hint: 'an interactive shell in the project folder' },
];

export interface PtyTab extends ConsoleInfo {
  kind?: undefined;
  status: 'running' | 'exited' | 'stopped';
  exitCode?: number;
}

/** A read-only log in the console area: gopls's stderr (the only kind so far). */
export interface LogTab {
  kind: 'log';
  id: string;
  title: string;
  commandLine: string;
}

export type ConsoleTab = PtyTab | LogTab;

export const GOPLS_LOG_TAB: LogTab = { kind: 'log', id: 'log:gopls', title: 'gopls log', commandLine: "gopls serve: its stderr (read-only)" };

interface Props {
  /** Consoles shown; else only the bar (no console yet, or collapsed by the user). */
  open: boolean;
  onToggle: () => void;
  api: GopsyApi;
  store: ConsoleStore;
  tabs: ConsoleTab[];
  active: string | null;
  onActivate: (id: string) => void;
  onOpen: (preset: ConsolePreset) => void;
  onStop: (id: string) => void;
  onClose: (id: string) => void;
  onOpenLocation: (loc: SourceLocation) => void;
  error: string | null;
}

function statusText(t: ConsoleTab): string {
  if (t.kind === 'log') return 'log';
  if (t.status === 'running') return 'running';
  if (t.status === 'stopped') return 'stopped';
  return `exit ${t.exitCode}`;
}

export function ConsolePanel(props: Props) {
  const { tabs, active } = props;
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    if (!menuOpen) return;
    const close = () => setMenuOpen(false);
    window.addEventListener('click', close);
    return () => window.removeEventListener('click', close);
  }, [menuOpen]);

  return (
    <section className={`console-panel${props.open ? '' : ' collapsed'}`} aria-label="Consoles" data-testid="console-panel">
      <div className="console-tabs" role="tablist">
        {tabs.map((t) => (
          <div
            key={t.id}
            role="tab"
            aria-selected={t.id === active}
            className={`console-tab${t.id === active ? ' active' : ''}`}
            onClick={() => props.onActivate(t.id)}
            title={t.commandLine}
            data-testid="console-tab"
          >
            <span className="tab-title">{t.title}</span>
            <span className={`tab-status status-${t.kind === 'log' ? 'log' : t.status}${t.kind !== 'log' && t.exitCode ? ' failed' : ''}`} data-testid="console-status">
              {statusText(t)}
            </span>
            {t.kind !== 'log' && t.status === 'running' && (
              <button
                className="icon-button"
                title="Stop (ends the whole process tree)"
                aria-label="Stop"
                onClick={(e) => (e.stopPropagation(), props.onStop(t.id))}
              >
                ■
              </button>
            )}
            <button
              className="icon-button"
              title="Close"
              aria-label={t.kind === 'log' ? 'Close log' : 'Close console'}
              onClick={(e) => (e.stopPropagation(), props.onClose(t.id))}
            >
              ×
            </button>
          </div>
        ))}
        <div className="new-console">
          <button
            className="icon-button"
            aria-label="New console"
            title="New console (Ctrl+`: shell, Ctrl+Shift+B: go build)"
            onClick={(e) => (e.stopPropagation(), setMenuOpen(!menuOpen))}
          >
            +
          </button>
          {menuOpen && (
            <ul className="menu" role="menu">
              {PRESETS.map((p) => (
                <li key={p.preset}>
                  <button role="menuitem" title={p.hint} onClick={() => props.onOpen(p.preset)}>
                    {p.label}
                    <span className="muted"> {p.hint}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {tabs.length === 0 && (
          <span className="muted console-empty" data-testid="console-empty">
            No console open. Use + or the toolbar to run go build, go test, go run or a shell.
          </span>
        )}
        {tabs.length > 0 && (
          <button
            className="icon-button console-toggle"
            aria-label={props.open ? 'Collapse consoles' : 'Expand consoles'}
            aria-expanded={props.open}
            title={props.open ? 'Collapse the consoles to this bar' : 'Show the consoles'}
            onClick={props.onToggle}
            data-testid="console-toggle"
          >
            {props.open ? '▾' : '▴'}
          </button>
        )}
      </div>
      {props.error && (
        <div className="banner error" role="alert">
          {props.error}
        </div>
      )}
      {/* Kept mounted while collapsed: the terminals keep their output and scrollback. */}
      <div className="console-body" style={props.open ? undefined : { display: 'none' }}>
        {tabs.map((t) =>
          t.kind === 'log' ? (
            <GoplsLogView key={t.id} id={t.id} api={props.api} visible={t.id === active} onOpenLocation={props.onOpenLocation} />
          ) : (
          <ConsoleView
            key={t.id}
            id={t.id}
            commandLine={t.preset === 'shell' ? undefined : t.commandLine}
            envNote={t.envNote}
            api={props.api}
            store={props.store}
            visible={t.id === active}
            onOpenLocation={props.onOpenLocation}
          />
          ),
        )}
      </div>
    </section>
  );
}
