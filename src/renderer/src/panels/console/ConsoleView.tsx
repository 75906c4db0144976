// One console: an xterm.js terminal attached to a backend pty. Output is acknowledged after xterm
// has parsed it (flow control); toolchain locations such as `pkg/x.go:12:5` are links.
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import '@xterm/xterm/css/xterm.css';
import type { GopsyApi } from '../../../../shared/api';
import { ACK_CHUNK_CHARS } from '../../../../shared/console';
import { findSourceLocations, type SourceLocation } from '../../../../core/locations';
import type { ConsoleStore } from '../../state/consoleStore';

interface Props {
  id: string;
  /** Shown dimmed at the top: the command this console runs. */
  commandLine?: string;
  /** Shown dimmed under it: the GODEBUG a profile applies, and to which process. */
  envNote?: string;
  api: GopsyApi;
  store: ConsoleStore;
  visible: boolean;
  onOpenLocation: (loc: SourceLocation) => void;
}

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

export function ConsoleView({ id, commandLine, envNote, api, store, visible, onOpenLocation }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const termRef = useRef<Terminal | null>(null);
  const openLocation = useRef(onOpenLocation);
  useEffect(() => {
    openLocation.current = onOpenLocation;
  }, [onOpenLocation]);

  useEffect(() => {
    const term = new Terminal({
      fontSize: 13,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace',
      scrollback: 10_000,
      theme: { background: '#1b1d23' },
      allowProposedApi: false,
    });
    termRef.current = term;
    const fit = new FitAddon();
    fitRef.current = fit;
    term.loadAddon(fit);
    term.open(host.current!);
    loadWebgl(term);
    if (commandLine) term.write(`\x1b[2m$ ${commandLine}\x1b[0m\r\n`);
    if (envNote) term.write(`\x1b[2m# ${envNote}\x1b[0m\r\n`);

    let unacked = 0;
    const detach = store.attach(id, (data) => {
      term.write(data, () => {
        unacked += data.length;
        if (unacked >= ACK_CHUNK_CHARS) {
          void api.call('console.ack', { id, chars: unacked }).catch(() => {});
          unacked = 0;
        }
      });
    });
    const offExit = store.onExit((exit) => {
      if (exit.id !== id) return;
      const how = exit.stopped ? 'stopped' : `exited with code ${exit.exitCode}`;
      term.write(`\r\n\x1b[2m[process ${how}]\x1b[0m\r\n`);
    });
    const input = term.onData((data) => void api.call('console.input', { id, data }).catch(() => {}));
    const resize = term.onResize(({ cols, rows }) => void api.call('console.resize', { id, cols, rows }).catch(() => {}));
    const links = term.registerLinkProvider({
      provideLinks(y, callback) {
        const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
        const found = findSourceLocations(line);
        callback(
          found.map((loc) => ({
            range: { start: { x: loc.start + 1, y }, end: { x: loc.start + loc.length, y } },
            text: line.slice(loc.start, loc.start + loc.length),
            decorations: { underline: true, pointerCursor: true },
            activate: () => openLocation.current(loc),
          })),
        );
      },
    });
    const observer = new ResizeObserver(() => {
      if (host.current?.offsetParent) fit.fit();
    });
    observer.observe(host.current!);
    return () => {
      observer.disconnect();
      links.dispose();
      input.dispose();
      resize.dispose();
      offExit();
      detach();
      term.dispose();
    };
  }, [id, commandLine, envNote, api, store]);

  useEffect(() => {
    if (!visible) return;
    fitRef.current?.fit();
    termRef.current?.focus();
  }, [visible]);

  return <div className="console-view" ref={host} style={{ display: visible ? 'block' : 'none' }} data-console-id={id} />;
}
