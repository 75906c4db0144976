// Open Session for the browser host, which has no native file dialog: a typed path.
import { useEffect, useRef, useState } from 'react';
import { errorText } from './format';

interface Props {
  onOpen: (path: string) => Promise<void>;
  onCancel: () => void;
}

export function OpenSessionDialog({ onOpen, onCancel }: Props) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await onOpen(path.trim());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="open-session-title">
        <h2 id="open-session-title">Open Session</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void open();
          }}
        >
          <label>
            .gopsy file on the machine running gopsy
            <input ref={input} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/you/finding.gopsy" spellCheck={false} data-testid="open-session-path" />
          </label>
          {error && (
            <div className="banner error" role="alert" data-testid="open-session-error">
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
      </div>
    </div>
  );
}
