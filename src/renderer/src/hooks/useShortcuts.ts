// The window's keyboard shortcuts: Ctrl/Cmd+O opens a folder, Ctrl/Cmd+Shift+S saves the session
// (Ctrl/Cmd+S saves the open file: panels/editor/EditableSource.tsx),
// Ctrl/Cmd+Shift+B runs go build, Ctrl+` opens a shell.
import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  openFolder: () => void;
  saveSession: () => void;
  build: () => void;
  shell: () => void;
}

export function useShortcuts(actions: ShortcutActions): void {
  const current = useRef(actions);
  useEffect(() => {
    current.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const a = current.current;
      if (mod && !e.shiftKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        a.openFolder();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        a.saveSession();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'b') {
        e.preventDefault();
        a.build();
      } else if (e.ctrlKey && e.key === '`') {
        e.preventDefault();
        a.shell();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
