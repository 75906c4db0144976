// Types of scripts/real-module.mjs, which the real-module tests use.
export const REAL_MODULE: { path: string; version: string };
export function realModuleDir(mod?: { path: string; version: string }): string;
