/// <reference lib="dom" />
// The preload exposes one capability: connect. Main answers with a MessagePort, which is handed to
// the page; all traffic then goes over that port. No ipcRenderer passthrough, nothing else.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('gopsyHost', {
  connect: () => ipcRenderer.send('gopsy:connect'),
});

ipcRenderer.on('gopsy:port', (event) => {
  // Only to this window's own origin.
  window.postMessage({ type: 'gopsy:port' }, window.location.origin, event.ports);
});
