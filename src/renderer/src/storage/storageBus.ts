// "Show the Storage dialog", from wherever a feature offers it (the Session view, the pruned notice).
type Listener = () => void;
const listeners = new Set<Listener>();

export function openStorage(): void {
  listeners.forEach((l) => l());
}

export function onOpenStorage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
