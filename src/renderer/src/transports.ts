// The two ways the renderer reaches the backend: a MessagePort handed over by the Electron preload,
// or a WebSocket to the browser host. Both carry the same JSON frames.
import { frameOf, type Transport } from '../../shared/rpc';

export function messagePortTransport(port: MessagePort): Transport {
  const closeListeners: Array<() => void> = [];
  port.addEventListener('close', () => closeListeners.forEach((l) => l()));
  return {
    send: (m) => port.postMessage(m),
    onMessage: (l) => {
      port.addEventListener('message', (e) => {
        const frame = frameOf(e.data);
        if (frame !== undefined) l(frame);
      });
      port.start();
    },
    onClose: (l) => closeListeners.push(l),
    close: () => port.close(),
  };
}

export function webSocketTransport(ws: WebSocket): Transport {
  return {
    send: (m) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    },
    onMessage: (l) =>
      ws.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        try {
          l(JSON.parse(e.data));
        } catch {
          /* not JSON: ignore */
        }
      }),
    onClose: (l) => ws.addEventListener('close', () => l()),
    close: () => ws.close(),
  };
}

/** Connects to whichever host this page runs in. */
export function connectToHost(): Promise<Transport> {
  const bridge = window.gopsyHost;
  if (bridge) {
    return new Promise((resolve) => {
      const onMessage = (e: MessageEvent) => {
        if (e.source !== window || e.origin !== window.location.origin) return;
        if ((e.data as { type?: string } | null)?.type !== 'gopsy:port' || !e.ports[0]) return;
        window.removeEventListener('message', onMessage);
        resolve(messagePortTransport(e.ports[0]));
      };
      window.addEventListener('message', onMessage);
      bridge.connect();
    });
  }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);
    ws.addEventListener('open', () => resolve(webSocketTransport(ws)), { once: true });
    ws.addEventListener('error', () => reject(new Error('Could not connect to the gopsy backend.')), { once: true });
  });
}
