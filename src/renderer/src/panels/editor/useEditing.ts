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

/** The open file's editing state; replaced as a whole when another file (or project) opens. */
interface Opened {
  root: string | null;
  file: FileContent | null;
  /** What the editor shows: the file, or the file with a restored draft's text. Changes only on open, restore, reload. */
  shown: FileContent | null;
  /** The version the edits started from (its hash goes with the save). */
  baseText: string;
  baseHash: string;
  dirty: boolean;
  notice: EditNotice | null;
}

/** The state for a file just read, from the one before: the same file keeps its edits. */
function open(prev: Opened | null, root: string | null, file: FileContent | null): Opened {
  const none = { root, file, shown: file, baseText: file?.text ?? '', baseHash: file?.hash ?? '', dirty: false, notice: null };
  if (!file || !root) return none;
  if (prev && prev.root === root && prev.shown?.path === file.path) {
    // Read again (a reveal, a jump): edits stay, and their save compares against the version they started from.
    return prev.dirty ? { ...prev, file } : none;
  }
  const r = file.readOnly ? ({ kind: 'clean' } as const) : restore(drafts.load(root, file.path), file);
  if (r.kind === 'clean') return none;
  // A draft made on an older version keeps that version's hash: its save is then a conflict.
  return {
    root,
    file,
    shown: { ...file, text: r.draft.text },
    baseText: file.text,
    baseHash: r.draft.baseHash,
    dirty: true,
    notice: {
      kind: 'restored',
      text:
        `Restored unsaved changes to ${file.path} (from ${clock(r.draft.at)}).` +
        (r.kind === 'restoredStale' ? ' The file changed on disk since: saving will ask what to keep.' : ''),
    },
  };
}

export function useEditing(api: GopsyApi, root: string | null, file: FileContent | null) {
  const [state, setState] = useState<Opened>(() => open(null, root, file));
  if (state.file !== file || state.root !== root) setState(open(state, root, file));
  const [saving, setSaving] = useState(false);
  const { shown, dirty, notice } = state;
  /** The text in the editor now (typed), and where and against what a draft or save goes. */
  const text = useRef('');
  const target = useRef<{ root: string; path: string; baseText: string; baseHash: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const update = (patch: Partial<Opened>) => setState((s) => ({ ...s, ...patch }));

  const flushDraft = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const t = target.current;
    if (!t) return;
    if (text.current === t.baseText) drafts.clear(t.root, t.path);
    else if (!drafts.save(t.root, t.path, { text: text.current, baseHash: t.baseHash, at: Date.now() })) {
      setState((s) => ({ ...s, notice: { kind: 'error', text: 'Unsaved changes cannot be kept across a reload here (the browser storage is full or disabled): save them.' } }));
    }
  }, []);

  // What a draft or save goes to. Another file opened: the pending draft of the one before is written
  // first (cleanups run before the new effects, so text and target are still the old file's).
  const path = state.root && shown && !shown.readOnly ? shown.path : null;
  useEffect(() => {
    text.current = shown?.text ?? '';
  }, [shown]);
  useEffect(() => {
    target.current = path && state.root ? { root: state.root, path, baseText: state.baseText, baseHash: state.baseHash } : null;
  }, [path, state.root, state.baseText, state.baseHash]);
  useEffect(() => flushDraft, [path, state.root, flushDraft]);

  useEffect(() => {
    window.addEventListener('beforeunload', flushDraft);
    return () => window.removeEventListener('beforeunload', flushDraft);
  }, [flushDraft]);

  const onChange = useCallback(
    (t: string) => {
      text.current = t;
      const base = target.current;
      if (!base) return;
      setState((st) => (st.dirty === (t !== base.baseText) ? st : { ...st, dirty: t !== base.baseText }));
      clearTimeout(timer.current);
      timer.current = setTimeout(flushDraft, DRAFT_DELAY_MS);
    },
    [flushDraft],
  );

  const save = useCallback(
    async (overwrite = false) => {
      const t = target.current;
      if (!shown || saving) return;
      if (shown.readOnly || !t) return update({ notice: { kind: 'error', text: `${shown.path} is ${shown.readOnly ?? 'read-only'}.` } });
      setSaving(true);
      flushDraft();
      const sent = text.current;
      try {
        const res = await api.call('workspace.saveFile', { path: t.path, text: sent, baseHash: t.baseHash, ...(overwrite ? { overwrite } : {}) });
        if (res.ok) {
          // The model already holds this text: only the version changes (and what was typed meanwhile stays dirty).
          target.current = { ...t, baseText: res.file.text, baseHash: res.file.hash ?? '' };
          update({ baseText: res.file.text, baseHash: res.file.hash ?? '', dirty: text.current !== res.file.text, notice: null });
          flushDraft();
        } else {
          update({ notice: { kind: 'conflict', disk: res.disk, text: `${t.path} changed on disk since you opened it: nothing was saved. Keep which version?` } });
        }
      } catch (err) {
        update({ notice: { kind: 'error', text: errorMessage(err) } });
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
    takeDisk: (disk: FileContent) => {
      const t = target.current;
      if (t) drafts.clear(t.root, t.path);
      text.current = disk.text;
      if (t) target.current = { ...t, baseText: disk.text, baseHash: disk.hash ?? '' };
      update({ shown: { ...disk, ...(shown?.readOnly ? { readOnly: shown.readOnly } : {}) }, baseText: disk.text, baseHash: disk.hash ?? '', dirty: false, notice: null });
    },
    dismiss: () => update({ notice: null }),
    /** The current text (for the compare of a conflict). */
    currentText: () => text.current,
  };
}
