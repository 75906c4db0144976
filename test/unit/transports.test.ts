// The renderer's MessagePort transport (the Electron window): frames arrive as objects, or as JSON
// text when the backend sent a result it already had as JSON (Transport.sendJson).
import { describe, expect, it, vi } from 'vitest';
import { messagePortTransport } from '../../src/renderer/src/transports';

describe('messagePortTransport', () => {
  it('delivers objects as they are, parses strings, and ignores strings that are not JSON', async () => {
    const { port1, port2 } = new MessageChannel();
    const got: unknown[] = [];
    messagePortTransport(port1 as unknown as globalThis.MessagePort).onMessage((m) => got.push(m));
    port2.postMessage({ t: 'res', id: 1, ok: true, result: [1] });
    port2.postMessage('{"t":"res","id":2,"ok":true,"result":{"name":"start"}}');
    port2.postMessage('{not json');
    port2.postMessage({ t: 'evt', event: 'x', payload: null });
    // The last frame arriving means the ones before it were handled (a port delivers in order).
    await vi.waitFor(() => expect(got).toHaveLength(3));
    expect(got).toEqual([{ t: 'res', id: 1, ok: true, result: [1] }, { t: 'res', id: 2, ok: true, result: { name: 'start' } }, { t: 'evt', event: 'x', payload: null }]);
    port1.close();
  });
});
