// A small RPC over any message transport: requests with ids, results or errors, and pushed events.
// The server side validates every inbound frame and its params against the contract in api.ts.
import { z } from 'zod';
import {
  events,
  methods,
  type EventName,
  type EventPayload,
  type GopsyApi,
  type MethodName,
  type Params,
  type Result,
} from './api';

/** Anything that carries JSON-serialisable messages both ways (a MessagePort, a WebSocket). */
export interface Transport {
  send(message: unknown): void;
  /**
   * Sends a frame whose JSON text the caller already has, as head + the parts + tail (one JSON text). A
   * transport that carries text (the WebSocket) sends the bytes as they are; without this method the
   * server parses them and uses send().
   */
  sendJson?(head: string, parts: readonly Uint8Array[], tail: string): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}

const RequestFrame = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
});
const ResponseFrame = z.union([
  z.object({ t: z.literal('res'), id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    t: z.literal('res'),
    id: z.number(),
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
const EventFrame = z.object({ t: z.literal('evt'), event: z.string(), payload: z.unknown() });

/** The message of anything thrown (an Error's message, else the value as text), for showing to the user. */
export const errorMessage = (err: unknown): string => (err as Error)?.message ?? String(err);

/** An error a service throws on purpose: its message is shown to the user as it is. */
export class GopsyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GopsyError';
  }
}

/**
 * A frame as a renderer transport receives it: a string is a frame sent as JSON text (always over the
 * WebSocket; over the Electron port when the backend had the result as JSON already, Transport.sendJson),
 * anything else is the frame itself. undefined for a string that is not JSON.
 */
export function frameOf(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A result that is already JSON text (UTF-8 bytes, whole or in parts laid end to end): sent on without
 * being parsed and serialised again (the SSA browser's phases are stored as JSON and are megabytes each;
 * a replayed GODEBUG capture is made as parts so it is never one copy more). T is the type the text holds.
 */
export class RawJson<T = unknown> {
  declare readonly _holds?: T;
  readonly parts: readonly Uint8Array[];
  constructor(json: Uint8Array | readonly Uint8Array[]) {
    this.parts = json instanceof Uint8Array ? [json] : json;
  }
}

/** The text of UTF-8 parts laid end to end (a character may be cut between two). */
export function decodeParts(parts: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  return parts.map((p, i) => decoder.decode(p, { stream: i < parts.length - 1 })).join('');
}

type Answer<M extends MethodName> = Result<M> | RawJson<Result<M>>;
export type Handlers = { [M in MethodName]: (params: z.infer<(typeof methods)[M]['params']>) => Promise<Answer<M>> | Answer<M> };

/** The backend end of a connection: dispatches validated requests to handlers, pushes events. */
export class RpcServer {
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly handlers: Handlers,
    private readonly onInternalError: (method: string, err: unknown) => void = () => {},
  ) {
    transport.onMessage((m) => void this.dispatch(m));
    transport.onClose(() => (this.closed = true));
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (!this.closed) this.transport.send({ t: 'evt', event, payload });
  }

  private async dispatch(message: unknown): Promise<void> {
    const frame = RequestFrame.safeParse(message);
    if (!frame.success) return; // not a request: nothing to answer to
    const { id, method, params } = frame.data;
    const reply = (body: object) => !this.closed && this.transport.send({ t: 'res', id, ...body });
    if (!Object.hasOwn(methods, method)) {
      reply({ ok: false, error: { code: 'unknown-method', message: `Unknown method: ${method}` } });
      return;
    }
    const name = method as MethodName;
    const parsed = methods[name].params.safeParse(params ?? {});
    if (!parsed.success) {
      reply({ ok: false, error: { code: 'invalid-params', message: `Invalid ${method} request: ${z.prettifyError(parsed.error)}` } });
      return;
    }
    try {
      const handler = this.handlers[name] as (p: unknown) => unknown;
      const result = await handler(parsed.data);
      if (result instanceof RawJson) {
        if (this.closed) return;
        if (this.transport.sendJson) this.transport.sendJson(`{"t":"res","id":${id},"ok":true,"result":`, result.parts, '}');
        else reply({ ok: true, result: JSON.parse(decodeParts(result.parts)) as unknown });
        return;
      }
      reply({ ok: true, result: result ?? null });
    } catch (err) {
      if (err instanceof GopsyError) {
        reply({ ok: false, error: { code: err.code, message: err.message } });
      } else {
        this.onInternalError(method, err);
        reply({ ok: false, error: { code: 'internal', message: `${method} failed: ${errorMessage(err)}` } });
      }
    }
  }
}

/** The renderer end: the GopsyApi over a transport. */
export class RpcClient implements GopsyApi {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private closedError: Error | null = null;

  constructor(private readonly transport: Transport) {
    transport.onMessage((m) => this.receive(m));
    transport.onClose(() => {
      this.closedError = new GopsyError('disconnected', 'The connection to the gopsy backend was closed.');
      for (const p of this.pending.values()) p.reject(this.closedError);
      this.pending.clear();
      for (const l of this.listeners.get('_close') ?? []) l(undefined);
    });
  }

  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.transport.send({ t: 'req', id, method, params });
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  /** Called once when the backend goes away. */
  onDisconnect(listener: () => void): void {
    let set = this.listeners.get('_close');
    if (!set) this.listeners.set('_close', (set = new Set()));
    set.add(listener);
  }

  private receive(message: unknown): void {
    const res = ResponseFrame.safeParse(message);
    if (res.success) {
      const p = this.pending.get(res.data.id);
      if (!p) return;
      this.pending.delete(res.data.id);
      if (res.data.ok) p.resolve(res.data.result);
      else p.reject(new GopsyError(res.data.error.code, res.data.error.message));
      return;
    }
    const evt = EventFrame.safeParse(message);
    if (!evt.success || !Object.hasOwn(events, evt.data.event)) return;
    const payload = events[evt.data.event as EventName].safeParse(evt.data.payload);
    if (!payload.success) return;
    for (const l of this.listeners.get(evt.data.event) ?? []) l(payload.data);
  }
}
