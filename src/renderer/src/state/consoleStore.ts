// Receives console output from the backend and holds it until the console's terminal view is
// attached (the first bytes can arrive before React has mounted the view). Acks are sent only
// after a terminal has parsed the data, so a slow view slows the process, never the memory.
import type { ConsoleExit, GopsyApi } from '../../../shared/api';

interface Entry {
  pending: string[];
  writer: ((data: string) => void) | null;
  exit: ConsoleExit | null;
}

export class ConsoleStore {
  private readonly entries = new Map<string, Entry>();
  private readonly exitListeners = new Set<(exit: ConsoleExit) => void>();

  constructor(api: GopsyApi) {
    api.on('console.data', ({ id, data }) => {
      const e = this.entry(id);
      if (e.writer) e.writer(data);
      else e.pending.push(data);
    });
    api.on('console.exit', (exit) => {
      this.entry(exit.id).exit = exit;
      this.exitListeners.forEach((l) => l(exit));
    });
  }

  private entry(id: string): Entry {
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = { pending: [], writer: null, exit: null }));
    return e;
  }

  /** Attaches a terminal; returns the detach function. Buffered output is written first. */
  attach(id: string, writer: (data: string) => void): () => void {
    const e = this.entry(id);
    e.writer = writer;
    const pending = e.pending;
    e.pending = [];
    pending.forEach(writer);
    return () => {
      if (e.writer === writer) e.writer = null;
    };
  }

  exitOf(id: string): ConsoleExit | null {
    return this.entries.get(id)?.exit ?? null;
  }

  onExit(listener: (exit: ConsoleExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
