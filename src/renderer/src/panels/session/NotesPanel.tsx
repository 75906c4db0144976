// The live session's notes: free notes or notes on a source line, autosaved (debounced) so a crash
// loses at most the last moment of typing. Note text is shown as text, never as markup.
import { useEffect, useRef, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { Note, NotesFile } from '../../../../shared/contract/bundle';
import type { SourceTarget } from '../viewProps';
import { errorMessage } from '../../../../shared/rpc';
import { setNotesFlusher } from './notesFlush';

const AUTOSAVE_MS = 400;

interface Props {
  api: GopsyApi;
  initial: NotesFile;
  openSource: (t: SourceTarget) => void;
}

const newId = () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36);

export function NotesPanel({ api, initial, openSource }: Props) {
  const [file, setFile] = useState<NotesFile>(initial);
  const [status, setStatus] = useState<'saved' | 'pending' | string>('saved');
  const [text, setText] = useState('');
  const [where, setWhere] = useState('');
  const dirty = useRef(false);

  // The newest notes not yet written (null once written): autosaved after a pause, or at once when
  // a session save asks for it.
  const unsaved = useRef<NotesFile | null>(null);
  const write = useRef<() => Promise<void>>(async () => {});
  useEffect(() => {
    write.current = async () => {
      const pending = unsaved.current;
      if (!pending) return;
      unsaved.current = null;
      await api.call('session.saveNotes', pending).then(
        () => setStatus(unsaved.current ? 'pending' : 'saved'),
        (err) => setStatus(`Not saved: ${errorMessage(err)}`),
      );
    };
  }, [api]);
  useEffect(() => {
    setNotesFlusher(() => write.current());
    return () => setNotesFlusher(null);
  }, []);

  useEffect(() => {
    if (!dirty.current) return;
    unsaved.current = file;
    const t = setTimeout(() => void write.current(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [file]);

  const change = (f: (n: Note[]) => Note[]) => {
    dirty.current = true;
    setStatus('pending');
    setFile((cur) => ({ ...cur, notes: f(cur.notes) }));
  };

  const add = () => {
    if (!text.trim()) return;
    const m = /^(.+):(\d+)$/.exec(where.trim());
    const now = new Date().toISOString();
    const anchor: Note['anchor'] = m ? { type: 'source', path: m[1]!, line: Number(m[2]) } : { type: 'free' };
    change((ns) => [...ns, { id: newId(), text: text.trim(), anchor, createdAt: now, updatedAt: now }]);
    setText('');
    setWhere('');
  };

  return (
    <section className="notes" aria-label="Notes">
      <h3>
        Notes{' '}
        <span className="muted" data-testid="notes-status">
          {status === 'saved' ? 'saved' : status === 'pending' ? 'saving…' : status}
        </span>
      </h3>
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="What did you find?"
          data-testid="note-text"
          rows={3}
        />
        <input
          value={where}
          onChange={(e) => setWhere(e.target.value)}
          placeholder="attach to file.go:line (optional)"
          data-testid="note-where"
          spellCheck={false}
        />
        <button type="submit" disabled={!text.trim()}>
          Add note
        </button>
      </form>
      <NoteList
        notes={file.notes}
        openSource={openSource}
        onDelete={(id) => change((ns) => ns.filter((n) => n.id !== id))}
      />
    </section>
  );
}

export function NoteList({
  notes,
  openSource,
  onDelete,
}: {
  notes: Note[];
  openSource?: (t: SourceTarget) => void;
  onDelete?: (id: string) => void;
}) {
  if (notes.length === 0) return <p className="muted">No notes yet.</p>;
  return (
    <ul className="note-list" data-testid="note-list">
      {notes.map((n) => (
        <li key={n.id}>
          {n.anchor.type === 'source' && (
            <button
              className="link"
              disabled={!openSource}
              onClick={() =>
                n.anchor.type === 'source' && openSource?.({ path: n.anchor.path, line: n.anchor.line })
              }
            >
              {n.anchor.path}:{n.anchor.line}
            </button>
          )}
          {n.anchor.type !== 'source' && n.anchor.type !== 'free' && (
            <span className="muted">{n.anchor.type}</span>
          )}
          <span className="note-text">{n.text}</span>
          {onDelete && (
            <button className="small" aria-label="Delete note" onClick={() => onDelete(n.id)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
