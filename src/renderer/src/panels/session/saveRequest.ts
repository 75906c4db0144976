// File ▸ Save Session (menu or Ctrl+Shift+S) may arrive while the Session view is not mounted: the request
// waits here until the view shows its preview.
let pending = false;
const listeners = new Set<() => void>();

export function requestSave(): void {
  pending = true;
  for (const l of listeners) l();
}

export function hasSaveRequest(): boolean {
  return pending;
}

export function clearSaveRequest(): void {
  pending = false;
}

export function onSaveRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
