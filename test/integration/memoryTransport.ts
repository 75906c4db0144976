// Two in-memory transports wired to each other, with JSON round trips like the real ones: a test
// talks to a real Backend through the real RpcClient without a socket.
import type { Transport } from '../../src/shared/rpc';

export function memoryPair(): [Transport, Transport] {
  const make = () => ({ listeners: [] as Array<(m: unknown) => void>, closers: [] as Array<() => void> });
  const a = make();
  const b = make();
  const t = (self: ReturnType<typeof make>, other: ReturnType<typeof make>): Transport => ({
    send: (m) => queueMicrotask(() => other.listeners.forEach((l) => l(JSON.parse(JSON.stringify(m))))),
    onMessage: (l) => self.listeners.push(l),
    onClose: (l) => self.closers.push(l),
    close: () => [...self.closers, ...other.closers].forEach((c) => c()),
  });
  return [t(a, b), t(b, a)];
}
