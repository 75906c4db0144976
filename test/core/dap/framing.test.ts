import { describe, expect, test } from 'vitest';
import { DapFrameReader, encodeDapMessage } from '../../../src/core/dap/framing';

const enc = (s: string) => new TextEncoder().encode(s);
const frame = (body: string) => enc(`Content-Length: ${enc(body).length}\r\n\r\n${body}`);

describe('DapFrameReader', () => {
  test('round-trips a message, including multi-byte characters', () => {
    const msg = { seq: 1, type: 'event', event: 'output', body: { output: 'héllo ✓ 世界 🦫\n' } };
    expect(new DapFrameReader().push(encodeDapMessage(msg))).toEqual([{ ok: true, message: msg }]);
  });

  test('assembles frames split at every byte, even inside a character and the header', () => {
    const bytes = new Uint8Array([...encodeDapMessage({ a: '世界' }), ...encodeDapMessage({ b: 2 })]);
    const r = new DapFrameReader();
    const out = [];
    for (const b of bytes) out.push(...r.push(new Uint8Array([b])));
    expect(out).toEqual([
      { ok: true, message: { a: '世界' } },
      { ok: true, message: { b: 2 } },
    ]);
    expect(r.pending).toBe(0);
  });

  test('returns several frames from one chunk', () => {
    const r = new DapFrameReader();
    const both = new Uint8Array([...frame('{"x":1}'), ...frame('{"x":2}'), ...enc('Content-Len')]);
    expect(r.push(both).map((f) => f.ok && f.message)).toEqual([{ x: 1 }, { x: 2 }]);
    expect(r.push(enc('gth: 7\r\n\r\n{"x":3}'))).toEqual([{ ok: true, message: { x: 3 } }]);
  });

  test('reports garbage before a header and carries on', () => {
    const r = new DapFrameReader();
    const out = r.push(new Uint8Array([...enc('warning: something\n'), ...frame('{"ok":true}')]));
    expect(out[0]).toMatchObject({ ok: false });
    expect(out[1]).toEqual({ ok: true, message: { ok: true } });
  });

  test('skips a header with no valid length and a body that is not JSON', () => {
    const r = new DapFrameReader();
    const out = r.push(
      new Uint8Array([...enc('Content-Length: abc\r\n\r\n'), ...frame('{not json}'), ...frame('{"y":1}')]),
    );
    expect(out.filter((f) => !f.ok).length).toBeGreaterThanOrEqual(2);
    expect(out[out.length - 1]).toEqual({ ok: true, message: { y: 1 } });
  });

  test('refuses absurd lengths instead of buffering forever', () => {
    const r = new DapFrameReader();
    const out = r.push(new Uint8Array([...enc('Content-Length: 999999999999\r\n\r\n'), ...frame('{"z":1}')]));
    expect(out[0]).toMatchObject({ ok: false });
    expect(out[out.length - 1]).toEqual({ ok: true, message: { z: 1 } });
  });

  test('accepts other headers after Content-Length', () => {
    const r = new DapFrameReader();
    expect(r.push(enc('Content-Length: 2\r\nContent-Type: application/json\r\n\r\n{}'))).toEqual([{ ok: true, message: {} }]);
  });

  test('waits for a body that has not arrived', () => {
    const r = new DapFrameReader();
    expect(r.push(enc('Content-Length: 8\r\n\r\n{"a"'))).toEqual([]);
    expect(r.push(enc(':12}'))).toEqual([{ ok: true, message: { a: 12 } }]);
  });
});
