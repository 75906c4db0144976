// The console area's terminal: one look for every tab (a pty console or a log), WebGL where it loads,
// fitted to its host, and toolchain locations such as `pkg/x.go:12:5` as links.
import { useCallback, useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import '@xterm/xterm/css/xterm.css';
import { findSourceLocations, type SourceLocation } from '../../../../core/locations';

function loadWebgl(term: Terminal): void {
  // WebGL is faster; where it does not load (no GPU, headless, lost context) the DOM renderer stays.
  if (new URLSearchParams(location.search).has('dom-renderer')) return;
  try {
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => webgl.dispose());
    term.loadAddon(webgl);
  } catch {
    /* DOM renderer */
  }
}

export interface ConsoleTerminal {
  term: Terminal;
  fit: FitAddon;
  dispose(): void;
}

/** A terminal in host; readOnly: no cursor and no input (a log). */
export function openTerminal(host: HTMLDivElement, openLocation: (loc: SourceLocation) => void, readOnly = false): ConsoleTerminal {
  const term = new Terminal({
    fontSize: 13,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace',
    scrollback: 10_000,
    theme: { background: '#1b1d23' },
    allowProposedApi: false,
    ...(readOnly ? { disableStdin: true, cursorInactiveStyle: 'none' as const, cursorStyle: 'underline' as const } : {}),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  loadWebgl(term);
  const links = term.registerLinkProvider({
    provideLinks(y, callback) {
      const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
      const found = findSourceLocations(line);
      callback(
        found.map((loc) => ({
          range: { start: { x: loc.start + 1, y }, end: { x: loc.start + loc.length, y } },
          text: line.slice(loc.start, loc.start + loc.length),
          decorations: { underline: true, pointerCursor: true },
          activate: () => openLocation(loc),
        })),
      );
    },
  });
  const observer = new ResizeObserver(() => {
    if (host.offsetParent) fit.fit();
  });
  observer.observe(host);
  return {
    term,
    fit,
    dispose: () => {
      observer.disconnect();
      links.dispose();
      term.dispose();
    },
  };
}

/**
 * A console tab's terminal: the host element's ref, and open() for the tab's effect (it creates the
 * terminal in the host). Fitted and focused whenever the tab is shown; links go to the latest onOpenLocation.
 */
export function useConsoleTerminal(visible: boolean, onOpenLocation: (loc: SourceLocation) => void, readOnly = false) {
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<ConsoleTerminal | null>(null);
  const openLocation = useRef(onOpenLocation);
  const shown = useRef(visible);
  useEffect(() => {
    openLocation.current = onOpenLocation;
  }, [onOpenLocation]);
  const show = () => {
    terminal.current?.fit.fit();
    terminal.current?.term.focus();
  };
  useEffect(() => {
    shown.current = visible;
    if (visible) show();
  }, [visible]);
  const open = useCallback((): ConsoleTerminal => {
    const t = openTerminal(host.current!, (loc) => openLocation.current(loc), readOnly);
    terminal.current = t;
    if (shown.current) show();
    return t;
  }, [readOnly]);
  return { host, open };
}
