import { describe, expect, it } from 'vitest';
import { decodeParts, frameOf, GopsyError, RawJson, RpcClient, RpcServer, type Handlers, type Transport } from '../../src/shared/rpc';
import { transportPair } from '../support/memoryTransport';

function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key) => target[key as keyof Handlers] ?? (() => Promise.reject(new Error('not in this test'))),
  });
}

describe('RPC over a transport', () => {
  it('answers a valid request and validates params against the contract', async () => {
    const [c, s] = transportPair();
    const seen: unknown[] = [];
    new RpcServer(
      s,
      handlers({
        'console.resize': (p) => (seen.push(p), null),
        'host.info': () => ({ host: 'browser', version: '1', nativeDialogs: false }),
      }),
    );
    const client = new RpcClient(c);
    await expect(client.call('host.info', {})).resolves.toEqual({ host: 'browser', version: '1', nativeDialogs: false });
    await expect(client.call('console.resize', { id: 'x', cols: -1, rows: 5 })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(client.call('console.resize', { id: 'x', cols: 80, rows: 24 })).resolves.toBeNull();
    expect(seen).toEqual([{ id: 'x', cols: 80, rows: 24 }]);
  });

  it('sends a RawJson result as its bytes where the transport carries text, parsed otherwise', async () => {
    const phase = { name: 'start', passes: ['start'], timings: [null], blocks: [], names: [{ slot: 'x "é"', values: ['v1'] }] };
    const json = new TextEncoder().encode(JSON.stringify(phase));
    for (const withText of [true, false]) {
      const [c, s] = transportPair();
      const frames: string[] = [];
      const server: Transport = withText
        ? {
            ...s,
            sendJson: (head, parts, tail) => {
              const text = head + decodeParts(parts) + tail;
              frames.push(text);
              s.send(JSON.parse(text));
            },
          }
        : s;
      new RpcServer(server, handlers({ 'ssa.phase': () => new RawJson(json) }));
      const client = new RpcClient(c);
      await expect(client.call('ssa.phase', { id: 'x', index: 0 })).resolves.toEqual(phase);
      expect(frames).toHaveLength(withText ? 1 : 0);
      if (withText) expect(JSON.parse(frames[0]!)).toEqual({ t: 'res', id: 1, ok: true, result: phase });
    }
  });

  it('reads frames as objects or as JSON text (the Electron port carries both)', () => {
    const frame = { t: 'res', id: 2, ok: true, result: { name: 'start' } };
    expect(frameOf(frame)).toBe(frame);
    expect(frameOf(JSON.stringify(frame))).toEqual(frame);
    expect(frameOf('{not json')).toBeUndefined();
  });

  it('rejects unknown methods and extra keys on strict params', async () => {
    const [c, s] = transportPair();
    new RpcServer(s, handlers({}));
    const client = new RpcClient(c);
    // @ts-expect-error: not a method of the contract
    await expect(client.call('fs.rm', {})).rejects.toMatchObject({ code: 'unknown-method' });
    // @ts-expect-error: host.info takes no params
    await expect(client.call('host.info', { evil: 1 })).rejects.toMatchObject({ code: 'invalid-params' });
  });

  it('passes GopsyError messages through and hides nothing else', async () => {
    const [c, s] = transportPair();
    const internal: string[] = [];
    new RpcServer(
      s,
      handlers({
        'workspace.tree': () => {
          throw new GopsyError('no-project', 'No project is open.');
        },
        'workspace.recent': () => {
          throw new TypeError('boom');
        },
      }),
      (m) => internal.push(m),
    );
    const client = new RpcClient(c);
    await expect(client.call('workspace.tree', {})).rejects.toMatchObject({ code: 'no-project', message: 'No project is open.' });
    await expect(client.call('workspace.recent', {})).rejects.toMatchObject({ code: 'internal' });
    expect(internal).toEqual(['workspace.recent']);
  });

  it('delivers valid events and drops malformed ones', async () => {
    const [c, s] = transportPair();
    const server = new RpcServer(s, handlers({}));
    const client = new RpcClient(c);
    const got: unknown[] = [];
    client.on('console.data', (p) => got.push(p));
    server.emit('console.data', { id: 'a', data: 'hi' });
    s.send({ t: 'evt', event: 'console.data', payload: { id: 5 } });
    s.send({ t: 'evt', event: 'nope', payload: {} });
    s.send('garbage');
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([{ id: 'a', data: 'hi' }]);
  });

  it('ignores frames that are not requests on the server side', async () => {
    const [c, s] = transportPair();
    let answered = 0;
    new RpcServer(s, handlers({ 'workspace.recent': () => (answered++, []) }));
    c.onMessage(() => answered++);
    for (const junk of [null, 42, 'x', { t: 'req' }, { t: 'req', id: -1, method: 'workspace.recent' }, []]) c.send(junk);
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(0);
  });

  it('fails pending calls when the connection closes', async () => {
    const [c, s] = transportPair();
    new RpcServer(s, handlers({ 'workspace.recent': () => new Promise(() => {}) }));
    const client = new RpcClient(c);
    const p = client.call('workspace.recent', {});
    c.close();
    await expect(p).rejects.toMatchObject({ code: 'disconnected' });
    await expect(client.call('host.info', {})).rejects.toMatchObject({ code: 'disconnected' });
  });
});
