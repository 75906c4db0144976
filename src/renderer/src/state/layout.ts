// Panel sizes and collapsed states: every one is named here with its default, kept across restarts
// (persist.ts, key "layout.<name>") and recorded with a saved session.
import { useCallback, useEffect, useState } from 'react';
import { loadState, saveState } from './persist';

export const LAYOUT_DEFAULTS = {
  view: 'source',
  treeWidth: 280,
  treeCollapsed: false,
  consoleHeight: 300,
  consoleCollapsed: false,
  /** The Debug and Remarks views beside the source editor. */
  besideWidth: 460,
  buildSideWidth: 320,
  ssaSideWidth: 300,
  ssaFuncsHeight: 320,
  remarksListHeight: 320,
  bundleSideWidth: 340,
};
export type LayoutName = keyof typeof LAYOUT_DEFAULTS;
type LayoutValue<K extends LayoutName> = (typeof LAYOUT_DEFAULTS)[K] extends number ? number : (typeof LAYOUT_DEFAULTS)[K] extends boolean ? boolean : string;

/** The kept value, or the default when none is kept or what is kept has the wrong type (an older build's). */
export function readLayout<K extends LayoutName>(name: K): LayoutValue<K> {
  const fallback = LAYOUT_DEFAULTS[name];
  const v = loadState<unknown>(`layout.${name}`, fallback);
  return (typeof v === typeof fallback && (typeof v !== 'number' || Number.isFinite(v)) ? v : fallback) as LayoutValue<K>;
}

/** A layout value as React state, saved whenever it changes. */
export function useLayout<K extends LayoutName>(name: K): [LayoutValue<K>, (v: LayoutValue<K> | ((old: LayoutValue<K>) => LayoutValue<K>)) => void] {
  const [value, setValue] = useState<LayoutValue<K>>(() => readLayout(name));
  useEffect(() => saveState(`layout.${name}`, value), [name, value]);
  const set = useCallback((v: LayoutValue<K> | ((old: LayoutValue<K>) => LayoutValue<K>)) => setValue(v), []);
  return [value, set];
}

/** Every layout value as kept now: what a saved session records. */
export function currentLayout(): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.keys(LAYOUT_DEFAULTS).map((k) => [k, readLayout(k as LayoutName)]));
}
