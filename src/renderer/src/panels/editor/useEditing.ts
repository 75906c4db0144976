// The open file as the user edits it: the disk version the edits started from (its hash goes with the
// save), the draft kept in local storage across reloads, the save itself, and what to tell the user
// (restored changes, a conflict with the version on disk, a refused save). Nothing typed is dropped:
// a failed or refused save leaves the text in the editor and in the draft.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileContent, GopsyApi } from '../../../../shared/api';
import { errorMessage } from '../../../../shared/rpc';
import { Drafts, restore } from './drafts';

export type EditNotice =
  | { kind: 'restored'; text: string }
  | { kind: 'conflict'; text: string; disk: FileContent }
  | { kind: 'error'; text: string };

const DRAFT_DELAY_MS = 300;
const drafts = new Drafts();
const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function useEditing(api: GopsyApi, root: string | null, file: FileContent | null) {
  /** What the editor shows: the file, or the file with a restored draft's text. Changes only on open, restore, save, reload. */
  const [shown, setShown] = useState<FileContent | null>(file);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<EditNotice | null>(null);
  const base = useRef<{ text: string; hash: string } | null>(null);
  const text = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const target = useRef<{ root: string; path: string } | null>(null);

  const flushDraft = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const t = target.current;
    if (!t || !base.current) return;
    if (text.current === base.current.text) drafts.clear(t.root, t.path);
    else if (!drafts.save(t.root, t.path, { text: text.current, baseHash: base.current.hash, at: Date.now() })) {
      setNotice({ kind: 'error', text: 'Unsaved changes cannot be kept across a reload here (the browser storage is full or disabled): save them.' });
    }
  }, []);

  // A file opened (or read again): restore its draft, if any.
  useEffect(() => {
    flushDraft();
    if (!file || !root) {
      target.current = null;
      base.current = null;
      setShown(file);
      setDirty(false);
      setNotice(null);
      return;
    }
    target.current = { root, path: file.path };
    const r = file.readOnly ? { kind: 'clean' as const } : restore(drafts.load(root, file.path), file);
    if (r.kind === 'clean') {
      base.current = { text: file.text, hash: file.hash ?? '' };
      text.current = file.text;
      setShown(file);
      setDirty(false);
      setNotice(null);
      return;
    }
    // A draft made on an older version keeps that version's hash: its save is then a conflict.
    base.current = { text: file.text, hash: r.draft.baseHash };
    text.current = r.draft.text;
    setShown({ ...file, text: r.draft.text });
    setDirty(true);
    setNotice({
      kind: 'restored',
      text:
        `Restored unsaved changes to ${file.path} (from ${clock(r.draft.at)}).` +
        (r.kind === 'restoredStale' ? ' The file changed on disk since: saving will ask what to keep.' : ''),
    });
  }, [file, root, flushDraft]);

  useEffect(() => {
    window.addEventListener('beforeunload', flushDraft);
    return () => {
      window.removeEventListener('beforeunload', flushDraft);
      flushDraft();
    };
  }, [flushDraft]);

  const onChange = useCallback(
    (t: string) => {
      text.current = t;
      if (!base.current) return;
      setDirty(t !== base.current.text);
      clearTimeout(timer.current);
      timer.current = setTimeout(flushDraft, DRAFT_DELAY_MS);
    },
    [flushDraft],
  );

  const took = useCallback(
    (f: FileContent) => {
      base.current = { text: f.text, hash: f.hash ?? '' };
      text.current = f.text;
      setShown(f);
      setDirty(false);
      setNotice(null);
      flushDraft();
    },
    [flushDraft],
  );

  const save = useCallback(
    async (overwrite = false) => {
      const t = target.current;
      const b = base.current;
      if (!t || !b || !shown || saving) return;
      if (shown.readOnly) return setNotice({ kind: 'error', text: `${shown.path} is ${shown.readOnly}.` });
      setSaving(true);
      flushDraft();
      try {
        const res = await api.call('workspace.saveFile', { path: t.path, text: text.current, baseHash: b.hash, ...(overwrite ? { overwrite } : {}) });
        if (res.ok) {
          // The model already holds this text: only the version changes.
          base.current = { text: res.file.text, hash: res.file.hash ?? '' };
          setDirty(text.current !== res.file.text);
          setNotice(null);
          flushDraft();
        } else {
          setNotice({
            kind: 'conflict',
            disk: res.disk,
            text: `${t.path} changed on disk since you opened it: nothing was saved. Keep which version?`,
          });
        }
      } catch (err) {
        setNotice({ kind: 'error', text: `${errorMessage(err)}` });
      } finally {
        setSaving(false);
      }
    },
    [api, shown, saving, flushDraft],
  );

  return {
    shown,
    dirty,
    saving,
    notice,
    onChange,
    save,
    /** The conflict's "reload theirs": the disk version replaces the edits (and their draft). */
    takeDisk: (disk: FileContent) => took(disk),
    dismiss: () => setNotice(null),
    /** The current text (for the compare of a conflict). */
    currentText: () => text.current,
  };
}
