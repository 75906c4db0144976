// Open Session for the browser host, which has no native file dialog: a typed path.
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../../shared/rpc';
import { ErrorBanner, Modal, ModalActions } from '../../dialogs/Modal';

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
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id="open-session" title="Open Session" onCancel={onCancel}>
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
        <ErrorBanner error={error} testId="open-session-error" />
        <ModalActions onCancel={onCancel}>
          <button type="submit" disabled={busy || !path.trim()}>
            {busy ? 'Opening…' : 'Open'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
