// Which remark kinds the editor and the table show, saved per project in localStorage. The default
// hides the noisy kinds (every inlined call, every nil check) that make editor integrations unusable.
import { REMARK_KINDS, type RemarkKind } from '../../../../shared/remarks';

export const DEFAULT_KINDS: RemarkKind[] = ['escape', 'leak', 'cannotInline', 'boundsCheck'];

const key = (root: string) => `gopsy.remarks.kinds:${root}`;

export interface RemarkPrefs {
  kinds: RemarkKind[];
  /** Markers in the editor on or off for this project. */
  editor: boolean;
}

export function loadPrefs(root: string): RemarkPrefs {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key(root)) ?? 'null');
    if (raw && typeof raw === 'object' && 'kinds' in raw && Array.isArray(raw.kinds)) {
      const kinds = raw.kinds.filter((k): k is RemarkKind => (REMARK_KINDS as readonly unknown[]).includes(k));
      return { kinds, editor: !('editor' in raw) || raw.editor !== false };
    }
  } catch {
    // A damaged entry falls back to the defaults.
  }
  return { kinds: DEFAULT_KINDS, editor: true };
}

export function savePrefs(root: string, prefs: RemarkPrefs): void {
  localStorage.setItem(key(root), JSON.stringify(prefs));
}

export const KIND_LABELS: Record<RemarkKind, string> = {
  escape: 'heap',
  noescape: 'no escape',
  leak: 'leak',
  canInline: 'can inline',
  cannotInline: 'cannot inline',
  inlinedCall: 'inlined call',
  cannotInlineCall: 'call not inlined',
  boundsCheck: 'bounds check',
  nilCheck: 'nil check',
  copy: 'copy',
  loopvar: 'loop var',
  other: 'other',
};
