/// <reference lib="dom" />
// The preload exposes one capability: connect. Main answers with a MessagePort, which is handed to
// the page; all traffic then goes over that port. No ipcRenderer passthrough. Besides, the path of a
// file the user dropped onto the window (a sandboxed page cannot read File.path any more), so that a
// dropped .gopsy opens from where it is; the backend validates it like any bundle path.
import { contextBridge, ipcRenderer, webUtils } from 'electron';

contextBridge.exposeInMainWorld('gopsyHost', {
  connect: () => ipcRenderer.send('gopsy:connect'),
  pathForFile: (file: File): string => (file instanceof File ? webUtils.getPathForFile(file) : ''),
});

ipcRenderer.on('gopsy:port', (event) => {
  // Only to this window's own origin.
  window.postMessage({ type: 'gopsy:port' }, window.location.origin, event.ports);
});
