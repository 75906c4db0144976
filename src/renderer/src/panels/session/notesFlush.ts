// Saving a session must include the note typed a moment ago, still waiting for its debounced
// autosave: the notes panel registers how to write it now, and the save dialog calls that first.

let flusher: (() => Promise<void>) | null = null;

export function setNotesFlusher(f: (() => Promise<void>) | null): void {
  flusher = f;
}

export function flushNotes(): Promise<void> {
  return flusher ? flusher() : Promise.resolve();
}
