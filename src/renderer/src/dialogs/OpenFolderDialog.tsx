// Open Folder for the browser host, which has no native dialog: a typed path and the recent folders.
import { useEffect, useRef, useState } from 'react';

interface Props {
  recent: string[];
  onOpen: (path: string) => Promise<void>;
  onCancel: () => void;
}

export function OpenFolderDialog({ recent, onOpen, onCancel }: Props) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const open = async (p: string) => {
    if (!p.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await onOpen(p.trim());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="open-folder-title">
        <h2 id="open-folder-title">Open Folder</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void open(path);
          }}
        >
          <label>
            Folder path on the machine running gopsy
            <input
              ref={input}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="/home/you/src/project"
              spellCheck={false}
              data-testid="open-folder-path"
            />
          </label>
          {error && (
            <div className="banner error" role="alert">
              {error}
            </div>
          )}
          <div className="modal-actions">
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" disabled={busy || !path.trim()}>
              {busy ? 'Opening…' : 'Open'}
            </button>
          </div>
        </form>
        {recent.length > 0 && (
          <>
            <h3>Recent</h3>
            <ul className="recent-list">
              {recent.map((r) => (
                <li key={r}>
                  <button onClick={() => void open(r)} disabled={busy}>
                    {r}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
