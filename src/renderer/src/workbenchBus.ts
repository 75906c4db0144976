// Requests that cross features inside the renderer: "show this view" (an editor action opening the
// SSA view, a problem opening the Build view). App listens and switches tabs.

type Listener = (viewId: string) => void;
const listeners = new Set<Listener>();

export function showView(viewId: string): void {
  listeners.forEach((l) => l(viewId));
}

export function onShowView(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
