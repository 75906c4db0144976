// A Debug Adapter Protocol client over TCP: numbered requests with their responses, and events.
// It knows the wire format and request bookkeeping only; what the requests mean is debugSession.ts's job.
import net from 'node:net';
import { DapFrameReader, encodeDapMessage } from '../../../core/dap/framing';
import { GopsyError } from '../../../shared/rpc';

/** A request Delve does not answer within this long is treated as failed (the UI must not hang). */
export const DAP_REQUEST_TIMEOUT_MS = 60_000;

export interface DapEvent {
  event: string;
  body: Record<string, unknown>;
}

type Pending = { command: string; resolve: (body: Record<string, unknown>) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class DapClient {
  private seq = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly reader = new DapFrameReader();
  private eventListener: (e: DapEvent) => void = () => {};
  private closeListener: () => void = () => {};
  private closed = false;

  private constructor(private readonly socket: net.Socket, private readonly log: (m: string) => void) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) {
        if (frame.ok) this.receive(frame.message);
        else this.log(`dap: ${frame.error}`);
      }
    });
    socket.on('close', () => this.onClosed());
    socket.on('error', (err) => this.log(`dap socket: ${err.message}`));
  }

  static connect(host: string, port: number, log: (m: string) => void = () => {}): Promise<DapClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const fail = (err: Error) => reject(new GopsyError('dap-connect', `Could not connect to Delve at ${host}:${port}: ${err.message}`));
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        socket.setNoDelay(true);
        resolve(new DapClient(socket, log));
      });
    });
  }

  onEvent(listener: (e: DapEvent) => void): void {
    this.eventListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends a request; resolves with the response body, rejects with Delve's message on failure. */
  request(command: string, args?: Record<string, unknown>, timeoutMs = DAP_REQUEST_TIMEOUT_MS): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new GopsyError('debug-ended', 'The debug session has ended.'));
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new GopsyError('dap-timeout', `Delve did not answer ${command}.`));
      }, timeoutMs);
      this.pending.set(seq, { command, resolve, reject, timer });
      this.socket.write(encodeDapMessage({ seq, type: 'request', command, ...(args ? { arguments: args } : {}) }));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(message: unknown): void {
    if (!isObject(message)) return;
    if (message.type === 'event' && typeof message.event === 'string') {
      this.eventListener({ event: message.event, body: isObject(message.body) ? message.body : {} });
    } else if (message.type === 'response' && typeof message.request_seq === 'number') {
      const p = this.pending.get(message.request_seq);
      if (!p) return;
      this.pending.delete(message.request_seq);
      clearTimeout(p.timer);
      if (message.success === true) p.resolve(isObject(message.body) ? message.body : {});
      else p.reject(new GopsyError('dap-error', responseError(p.command, message)));
    }
    // Reverse requests (runInTerminal) are not used: gopsy never advertises support for them.
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new GopsyError('debug-ended', `The debug session ended before Delve answered ${p.command}.`));
    }
    this.pending.clear();
    this.closeListener();
  }
}

/** Delve puts the user-facing text in body.error.format, sometimes only in message. */
function responseError(command: string, message: Record<string, unknown>): string {
  const body = isObject(message.body) ? message.body : {};
  const error = isObject(body.error) ? body.error : {};
  const text = typeof error.format === 'string' ? error.format : typeof message.message === 'string' ? message.message : 'failed';
  return `${command}: ${text}`;
}
