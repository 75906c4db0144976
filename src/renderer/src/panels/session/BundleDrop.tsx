// Drag and drop of a .gopsy file onto the window opens it read-only. In the desktop window the
// preload gives the dropped file's path; in the browser the bytes are sent in chunks over the
// authenticated connection into gopsy's storage. Anything else dropped gets a clear message.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import { isBundleName, type BundleSummary } from '../../../../shared/contract/bundle';
import { formatBytes } from '../../../../shared/format';
import { errorMessage } from '../../../../shared/rpc';

/** Bytes per chunk: the backend takes at most 1 MiB. */
const CHUNK = 1 << 20;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export async function openDroppedBundle(api: GopsyApi, file: File, progress: (sent: number) => void): Promise<BundleSummary> {
  if (!isBundleName(file.name)) {
    throw new Error(`${file.name} is not a session bundle: only .gopsy files can be dropped onto gopsy.`);
  }
  if (file.size === 0) throw new Error(`${file.name} is empty.`);
  const path = window.gopsyHost?.pathForFile?.(file);
  if (path) {
    // Electron: open it where it is. The path came from the preload for this very File.
    if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) throw new Error(`${file.name} has no usable path (${path}).`);
    const b = await api.call('bundle.open', { path });
    if (!b) throw new Error(`${file.name} could not be opened.`);
    return b;
  }
  const { uploadId } = await api.call('bundle.uploadBegin', { name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
      await api.call('bundle.uploadChunk', { uploadId, offset, data: toBase64(bytes) });
      progress(offset + bytes.length);
    }
    return await api.call('bundle.uploadFinish', { uploadId });
  } catch (err) {
    void api.call('bundle.uploadAbort', { uploadId }).catch(() => {});
    throw err;
  }
}

const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

/** Listens for files dropped anywhere on the window and shows what happens to them. */
export function BundleDrop({ api }: { api: GopsyApi }) {
  const [over, setOver] = useState(false);
  const [state, setState] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    let leaveTimer: ReturnType<typeof setTimeout> | undefined;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop
      e.stopPropagation();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setOver(true);
      clearTimeout(leaveTimer);
      leaveTimer = setTimeout(() => setOver(false), 300);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // never let the browser navigate to the file
      e.stopPropagation();
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      const file = files[0];
      if (!file) return;
      if (files.length > 1) {
        setState({ error: true, text: 'Drop one .gopsy file at a time.' });
        return;
      }
      setState({ error: false, text: `Opening ${file.name} (${formatBytes(file.size)})…` });
      openDroppedBundle(api, file, (sent) => setState({ error: false, text: `Receiving ${file.name}: ${formatBytes(sent)} of ${formatBytes(file.size)}…` })).then(
        (b) => setState({ error: false, text: `Opened ${file.name}: ${b.entries.length} entries, read-only.` }),
        (err) => setState({ error: true, text: errorMessage(err) }),
      );
    };
    // Capture phase: the editor must not take a dropped file as text.
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      clearTimeout(leaveTimer);
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [api]);

  return (
    <>
      {over && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop a .gopsy session bundle to open it read-only
        </div>
      )}
      {state && (
        <div className={`banner drop-toast ${state.error ? 'error' : 'info'}`} role={state.error ? 'alert' : 'status'} data-testid="drop-message">
          {state.text}{' '}
          <button className="small" onClick={() => setState(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </>
  );
}
