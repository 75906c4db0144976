// The gopls log tab: gopls's stderr (and gopsy's lines about starting and ending it) in the console
// area's terminal, read-only. It reads what is kept (lsp.log), then follows lsp.logAppended; an append
// that arrives before the read answers is kept and only its part after the read's end is written.
import { useEffect } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SourceLocation } from '../../../../core/locations';
import { errorMessage } from '../../../../shared/rpc';
import { useConsoleTerminal } from './terminal';
import { terminalText, unseenPart } from './logStream';

interface Props {
  id: string;
  api: GopsyApi;
  visible: boolean;
  onOpenLocation: (loc: SourceLocation) => void;
}

export function GoplsLogView({ id, api, visible, onOpenLocation }: Props) {
  const { host, open } = useConsoleTerminal(visible, onOpenLocation, true);

  useEffect(() => {
    const terminal = open();
    const { term } = terminal;
    term.write('\x1b[2m# gopls serve: its stderr, read-only (the last 200,000 characters)\x1b[0m\r\n');
    let known: number | null = null;
    const early: Array<{ text: string; end: number }> = [];
    const write = (a: { text: string; end: number }) => {
      if (known === null) return void early.push(a);
      const part = unseenPart(known, a);
      known = Math.max(known, a.end);
      if (part) term.write(terminalText(part));
    };
    const off = api.on('lsp.logAppended', write);
    void api.call('lsp.log', {}).then(
      (snap) => {
        known = snap.end;
        term.write(snap.text ? terminalText(snap.text) : '\x1b[2m(gopls has written nothing yet: it starts with the first definition, hover or outline)\x1b[0m\r\n');
        for (const a of early.splice(0)) write(a);
      },
      (err) => term.write(`\x1b[31m${terminalText(errorMessage(err))}\x1b[0m\r\n`),
    );
    return () => {
      off();
      terminal.dispose();
    };
  }, [id, api, open]);

  return <div className="console-view" ref={host} style={{ display: visible ? 'block' : 'none' }} data-console-id={id} data-testid="gopls-log-view" />;
}
