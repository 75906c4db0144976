// A long-lived worker thread that answers requests, both sides of it: RequestWorker owns the thread on
// the calling side (started on the first request, restarted after it dies, never keeping the process
// alive unless an answer is owed), serveRequests answers inside the thread. A request may report
// progress before its answer; bytes in an answer (a Uint8Array owning its whole ArrayBuffer, as the
// answer or one of its fields) are transferred, not copied; a coded error
// (GopsyError) keeps its code across the thread boundary.
import { parentPort, Worker, type ResourceLimits } from 'node:worker_threads';
import { errorMessage, GopsyError } from '../../shared/rpc';

type Reply<V, P> = { id: number; progress: P } | { id: number; ok: true; value: V } | { id: number; ok: false; code: string | null; message: string };

interface Pending<P> {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: P) => void;
}

export class RequestWorker<R extends object, V, P = never> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<P>>();
  private nextId = 1;

  /** what: the worker's name in errors ("the SSA parser worker"). */
  constructor(
    private readonly script: string,
    private readonly what: string,
    private readonly options: { workerData?: unknown; resourceLimits?: ResourceLimits } = {},
  ) {}

  request(r: R, onProgress?: (p: P) => void): Promise<V> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      worker.ref(); // keep the process up while an answer is owed
      worker.postMessage({ id, ...r });
    });
  }

  /** Ends the worker; pending requests fail, a later request starts a new one. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error(`${this.what} was closed`));
    await w?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, this.options);
    w.unref();
    w.on('message', (m: Reply<V, P>) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('progress' in m) return p.onProgress?.(m.progress);
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(m.code ? new GopsyError(m.code, m.message) : new Error(m.message));
    });
    const lost = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = null; // the next request starts a fresh one
      this.failAll(new Error(`${this.what} stopped: ${err.message}`));
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

/** The buffers of an answer that is bytes, or has bytes among its own fields. */
function transferable(value: unknown): ArrayBuffer[] {
  if (value instanceof Uint8Array) return [value.buffer as ArrayBuffer];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((v) => (v instanceof Uint8Array ? [v.buffer as ArrayBuffer] : []));
}

/** Inside the worker: answers each request RequestWorker posts. */
export function serveRequests<R, V, P = never>(answer: (r: R, progress: (p: P) => void) => Promise<V>): void {
  const port = parentPort!;
  port.on('message', (m: R & { id: number }) => {
    const reply = (r: Reply<V, P>, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);
    answer(m, (progress) => reply({ id: m.id, progress })).then(
      (value) => reply({ id: m.id, ok: true, value }, transferable(value)),
      (err: unknown) => reply({ id: m.id, ok: false, code: err instanceof GopsyError ? err.code : null, message: errorMessage(err) }),
    );
  });
}
