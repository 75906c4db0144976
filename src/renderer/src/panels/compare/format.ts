// Number formats of the Compare view.
export const msOf = (ns: number | null) => (ns === null ? '—' : `${(ns / 1e6).toFixed(1)} ms`);
export const signedMs = (ns: number | null) => (ns === null ? '' : `${ns >= 0 ? '+' : '−'}${(Math.abs(ns) / 1e6).toFixed(1)} ms`);
export const ratioOf = (r: number | null) => (r === null ? '' : `×${r.toFixed(2)}`);
