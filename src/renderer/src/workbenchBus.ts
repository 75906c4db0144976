// Requests that cross features inside the renderer: "show this view" (an editor action opening the
// SSA view, a problem opening the Build view), "reveal this package in the project tree" (a timeline
// bar). App and the project tree listen; features never import each other.

import type { BuildProfile } from '../../shared/api';

type Listener = (value: string) => void;
const viewListeners = new Set<Listener>();
const treeListeners = new Set<Listener>();

function on(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

export function showView(viewId: string): void {
  viewListeners.forEach((l) => l(viewId));
}

export function onShowView(listener: Listener): () => void {
  return on(viewListeners, listener);
}

/** An import path (`example.com/m/store`, `main`) or a project-relative package directory. */
export function revealInTree(importPathOrDir: string): void {
  treeListeners.forEach((l) => l(importPathOrDir));
}

export function onRevealInTree(listener: Listener): () => void {
  return on(treeListeners, listener);
}

/**
 * A request for a view that may not be mounted yet: kept until the view takes it (when it mounts, or at
 * once when a listener says it is mounted), and the view shown.
 */
export function viewRequests<T>(viewId: string) {
  let pending: T | null = null;
  const listeners = new Set<() => void>();
  return {
    request(req: T): void {
      pending = req;
      listeners.forEach((l) => l());
      showView(viewId);
    },
    /** The request not yet handled, taken once. */
    take(): T | null {
      const r = pending;
      pending = null;
      return r;
    },
    onRequest(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * "Compare this run", "this run with another Go version", or "this profile with the current go and
 * another one": kept until the Compare view takes it.
 */
export type CompareRequest = { run: string; anotherVersion?: boolean } | { profile: BuildProfile };
const compareRequests = viewRequests<CompareRequest>('compare');
export const requestCompare = compareRequests.request;
export const takeCompareRequest = compareRequests.take;
export const onCompareRequest = compareRequests.onRequest;

/**
 * The SSA view's tab to show with its next capture (the instructions panel's "genssa" link, which then
 * runs the editor's Show SSA action): taken once by the SSA view.
 */
let pendingSsaTab: 'genssa' | null = null;

export function preferSsaTab(tab: 'genssa'): void {
  pendingSsaTab = tab;
}

export function takeSsaTab(): 'genssa' | null {
  const t = pendingSsaTab;
  pendingSsaTab = null;
  return t;
}
