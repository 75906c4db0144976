// The source editor with editing: the edit bar (modified, save, what changed), Ctrl+S, the notices
// (restored unsaved changes, a save conflict and its three choices, a refused save) and the conflict's
// compare. The Monaco view itself stays in SourceEditor; this only feeds it and listens to it.
import { useCallback, useEffect, useRef, useState, type ComponentProps } from 'react';
import type { FileContent, GopsyApi } from '../../../../shared/api';
import { SourceEditor } from './SourceEditor';
import { useEditing } from './useEditing';
import { ConflictCompare } from './ConflictCompare';
import { requestWhatChanged } from './whatChangedRequest';

type Props = ComponentProps<typeof SourceEditor> & { api: GopsyApi; root: string | null; file: FileContent | null };

export function EditableSource({ api, root, file, ...rest }: Props) {
  const editing = useEditing(api, root, file);
  const [comparing, setComparing] = useState(false);
  const line = useRef(1);
  const { save, notice } = editing;
  const shown = editing.shown;

  // Ctrl/Cmd+S saves the open file wherever the focus is (Save Session is Ctrl+Shift+S).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const whatChanged = useCallback(() => shown && requestWhatChanged({ path: shown.path, line: line.current }), [shown]);
  const editable = !!shown && !shown.readOnly && !!root;

  return (
    <div className="editable-source">
      {shown && (
        <div className="edit-bar" data-testid="edit-bar">
          <span className={editing.dirty ? 'edit-state dirty' : 'edit-state'} data-testid="edit-state">
            {!editable ? (shown.readOnly ?? 'read-only') : editing.saving ? 'saving…' : editing.dirty ? '● modified' : 'saved'}
          </span>
          {editable && (
            <button onClick={() => void save()} disabled={!editing.dirty || editing.saving} title="Ctrl+S" data-testid="edit-save">
              Save
            </button>
          )}
          {shown.path.endsWith('.go') && root && (
            <button onClick={whatChanged} title="Rebuild this function's package before and after your saves, and show what the compiler does differently" data-testid="edit-what-changed">
              What changed
            </button>
          )}
        </div>
      )}
      {notice && (
        <div className={`banner ${notice.kind === 'restored' ? 'warn' : 'error'}`} role={notice.kind === 'restored' ? 'status' : 'alert'} data-testid={`edit-${notice.kind}`}>
          {notice.text}{' '}
          {notice.kind === 'conflict' ? (
            <>
              <button onClick={() => editing.takeDisk(notice.disk)}>Reload theirs</button> <button onClick={() => void save(true)}>Overwrite with mine</button>{' '}
              <button onClick={() => setComparing(true)} data-testid="edit-compare">
                Compare
              </button>
            </>
          ) : (
            <button onClick={editing.dismiss}>Dismiss</button>
          )}
        </div>
      )}
      <SourceEditor {...rest} file={shown} editable={editable} onTextChange={editing.onChange} onCursorLine={(l) => (line.current = l)} />
      {comparing && notice?.kind === 'conflict' && (
        <ConflictCompare
          path={notice.disk.path}
          disk={notice.disk.text}
          mine={editing.currentText()}
          onCancel={() => setComparing(false)}
          onKeepDisk={() => {
            setComparing(false);
            editing.takeDisk(notice.disk);
          }}
          onOverwrite={() => {
            setComparing(false);
            void save(true);
          }}
        />
      )}
    </div>
  );
}
