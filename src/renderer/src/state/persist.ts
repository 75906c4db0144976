// Small UI state kept across restarts (open file, panel sizes), per project where it matters.

export function loadState<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`gopsy:${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function saveState(key: string, value: unknown): void {
  try {
    localStorage.setItem(`gopsy:${key}`, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the state is only a convenience */
  }
}
