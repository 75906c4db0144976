// One console: an xterm.js terminal attached to a backend pty. Output is acknowledged after xterm
// has parsed it (flow control); toolchain locations such as `pkg/x.go:12:5` are links.
import { useEffect } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import { ACK_CHUNK_CHARS } from '../../../../shared/console';
import type { SourceLocation } from '../../../../core/locations';
import type { ConsoleStore } from '../../state/consoleStore';
import { useConsoleTerminal } from './terminal';

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

export function ConsoleView({ id, commandLine, envNote, api, store, visible, onOpenLocation }: Props) {
  const { host, open } = useConsoleTerminal(visible, onOpenLocation);

  useEffect(() => {
    const terminal = open();
    const { term } = terminal;
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
    return () => {
      input.dispose();
      resize.dispose();
      offExit();
      detach();
      terminal.dispose();
    };
  }, [id, commandLine, envNote, api, store, open]);

  return <div className="console-view" ref={host} style={{ display: visible ? 'block' : 'none' }} data-console-id={id} />;
}
