// The frame every modal dialog shares: a backdrop that Escape closes (wherever the focus is), an aria-labelled dialog with
// its title, an error banner when there is an error, and the Cancel button before the dialog's own.
import { useEffect, type ReactNode } from 'react';

export function Modal(props: {
  id: string;
  title: ReactNode;
  onCancel: () => void;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  // On the window, not the backdrop: a button disabled while busy drops the focus to the page body,
  // out of the dialog's reach, and Escape must still close it.
  const { onCancel } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="modal-backdrop">
      <div
        className={props.wide ? 'modal wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${props.id}-title`}
        data-testid={props.testId}
      >
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** The dialog's error, as text, or nothing. */
export function ErrorBanner({ error, testId }: { error: string | null; testId?: string }) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert" data-testid={testId}>
      {error}
    </div>
  );
}

/** Cancel, then the dialog's own buttons. */
export function ModalActions({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <div className="modal-actions">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {children}
    </div>
  );
}
