// A save conflict's "compare": the version on disk beside the user's, in Monaco's diff editor (read-only
// on both sides), with the two choices the conflict banner offers.
import { useEffect, useRef } from 'react';
import { monaco } from './monaco';
import { Modal } from '../../dialogs/Modal';

interface Props {
  path: string;
  disk: string;
  mine: string;
  onKeepDisk: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}

export function ConflictCompare({ path, disk, mine, onKeepDisk, onOverwrite, onCancel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const language = path.endsWith('.go') ? 'go' : 'plaintext';
    const original = monaco.editor.createModel(disk, language);
    const modified = monaco.editor.createModel(mine, language);
    const diff = monaco.editor.createDiffEditor(host.current!, { readOnly: true, originalEditable: false, automaticLayout: true, theme: 'vs-dark', renderSideBySide: true });
    diff.setModel({ original, modified });
    return () => {
      diff.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [path, disk, mine]);
  return (
    <Modal id="save-conflict" title={`${path}: on disk (left) and yours (right)`} onCancel={onCancel} wide testId="save-conflict-compare">
      <div ref={host} className="conflict-diff" />
      <div className="modal-actions">
        <button onClick={onCancel}>Cancel</button>
        <button onClick={onKeepDisk}>Reload theirs (drop mine)</button>
        <button onClick={onOverwrite}>Overwrite with mine</button>
      </div>
    </Modal>
  );
}
