// Open Folder for the browser host, which has no native dialog: a typed path and the recent folders.
import { useEffect, useRef, useState } from 'react';
import { ErrorBanner, Modal, ModalActions } from './Modal';

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
    <Modal id="open-folder" title="Open Folder" onCancel={onCancel}>
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
        <ErrorBanner error={error} />
        <ModalActions onCancel={onCancel}>
          <button type="submit" disabled={busy || !path.trim()}>
            {busy ? 'Opening…' : 'Open'}
          </button>
        </ModalActions>
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
    </Modal>
  );
}
