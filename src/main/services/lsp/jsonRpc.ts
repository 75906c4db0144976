// JSON-RPC 2.0 over a language server's stdio, framed with Content-Length headers (the LSP base
// protocol): requests with ids and cancellation, notifications, and answers to the server's own requests.
import type { Readable, Writable } from 'node:stream';

export interface RpcFailure {
  code: number;
  message: string;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** LSP's RequestCancelled: the answer of a request the client cancelled. */
export const REQUEST_CANCELLED = -32800;

export class LspRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const HEADER_END = '\r\n\r\n';

export class JsonRpcConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer: Buffer = Buffer.alloc(0);
  private closed: Error | null = null;

  constructor(
    input: Readable,
    private readonly output: Writable,
    /** Answers the server's requests (workspace/configuration...); the result is sent back. */
    private readonly onServerRequest: (method: string, params: unknown) => unknown,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  /** Sends a request; `cancel` (when given) is set to a function that sends $/cancelRequest. */
  request<T>(method: string, params: unknown, onId?: (id: number) => void): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    onId?.(id);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    if (!this.closed) this.write({ jsonrpc: '2.0', method, params });
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.notify('$/cancelRequest', { id });
  }

  /** Fails every waiting request with `reason` (the server went away). */
  close(reason: Error): void {
    this.closed ??= reason;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.output.write(`Content-Length: ${body.length}${HEADER_END}`);
    this.output.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) {
        this.close(new Error(`gopls sent a message without Content-Length: ${header.slice(0, 200)}`));
        return;
      }
      const start = end + HEADER_END.length;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(body);
    }
  }

  private dispatch(body: string): void {
    let msg: { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: RpcFailure };
    try {
      msg = JSON.parse(body) as typeof msg;
    } catch {
      return;
    }
    if (msg.method !== undefined) {
      if (msg.id === undefined) return; // notifications (logs, diagnostics, progress) are not used
      let result: unknown = null;
      try {
        result = this.onServerRequest(msg.method, msg.params);
      } catch {
        result = null;
      }
      this.write({ jsonrpc: '2.0', id: msg.id, result: result ?? null });
      return;
    }
    const p = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
    if (!p) return;
    this.pending.delete(msg.id as number);
    if (msg.error) p.reject(new LspRequestError(msg.error.code, msg.error.message));
    else p.resolve(msg.result);
  }
}
