// Builds the settings catalog of one toolchain from the text of its sources (see catalogSources.ts).
import type { CatalogSetting, GodebugCatalog } from '../../shared/godebug';
import {
  parseCompileDebugHelp,
  parseDirectReads,
  parseGodebugsTable,
  parseRuntimeDbgVars,
  runtimeRejectsCgocheck2,
} from './catalogSources';
import { DESCRIPTIONS } from './descriptions';

export interface CatalogSources {
  goVersion: string;
  goroot: string;
  /** Text of src/runtime/runtime1.go. */
  runtime1?: string;
  /** Text of src/internal/godebugs/table.go (absent before go1.21). */
  table?: string;
  /** Text of the HTTP/2 sources that read GODEBUG directly (h2_bundle.go, or internal/http2/*.go). */
  http2?: string;
  /** Text of src/internal/fuzz/pcg.go (fuzzseed). */
  fuzz?: string;
  /** Output of `go tool compile -d help`. */
  compileHelp?: string;
}

export interface BuiltCatalog extends GodebugCatalog {
  /** Whether runtime1.go throws for cgocheck > 1. */
  cgocheck2Fatal: boolean;
}

export function buildCatalog(src: CatalogSources): BuiltCatalog {
  const byName = new Map<string, CatalogSetting>();
  const notes: string[] = [];
  const add = (s: CatalogSetting) => {
    const prev = byName.get(s.name);
    // A runtime var that is also in the table (panicnil, decoratemappings) keeps both facts.
    byName.set(s.name, prev ? { ...s, ...prev, ...pickTable(s) } : s);
  };
  if (src.runtime1) {
    for (const v of parseRuntimeDbgVars(src.runtime1)) {
      add({ name: v.name, source: 'runtime', package: 'runtime', ...(v.def !== undefined ? { defaultValue: String(v.def) } : {}) });
    }
  } else notes.push('runtime/runtime1.go was not readable: runtime debug variables are missing.');
  if (src.table) {
    const t = parseGodebugsTable(src.table);
    for (const e of t.all) {
      add({
        name: e.name,
        source: 'table',
        package: e.package,
        ...(e.changed !== undefined ? { changed: e.changed } : {}),
        ...(e.old !== undefined ? { old: e.old } : {}),
        ...(e.opaque ? { opaque: true } : {}),
        ...(e.immutable ? { immutable: true } : {}),
      });
    }
    for (const r of t.removed) if (!byName.has(r.name)) add({ name: r.name, source: 'removed', package: '', removedIn: r.removed });
  } else notes.push('internal/godebugs/table.go is absent (it exists since go1.21): no compatibility settings table.');
  if (src.http2) {
    for (const [name, values] of parseDirectReads(src.http2)) {
      const prev = byName.get(name);
      if (prev) byName.set(name, { ...prev, values });
      else add({ name, source: 'direct', package: 'net/http', values });
    }
  }
  if (src.fuzz && src.fuzz.includes('"fuzzseed="')) add({ name: 'fuzzseed', source: 'direct', package: 'internal/fuzz' });
  const settings = [...byName.values()]
    .map((s) => (DESCRIPTIONS[s.name] && !s.description ? { ...s, description: DESCRIPTIONS[s.name] } : s))
    .sort((a, b) => a.name.localeCompare(b.name));
  const compileDebug = src.compileHelp ? parseCompileDebugHelp(src.compileHelp) : [];
  if (!src.compileHelp) notes.push('`go tool compile -d help` gave no output: compiler debug keys are not checked.');
  return {
    goVersion: src.goVersion,
    goroot: src.goroot,
    settings,
    compileDebug,
    notes,
    cgocheck2Fatal: src.runtime1 ? runtimeRejectsCgocheck2(src.runtime1) : false,
  };
}

function pickTable(s: CatalogSetting): Partial<CatalogSetting> {
  const out: Partial<CatalogSetting> = {};
  if (s.source === 'table') {
    out.package = s.package;
    if (s.changed !== undefined) out.changed = s.changed;
    if (s.old !== undefined) out.old = s.old;
    if (s.opaque) out.opaque = true;
  }
  return out;
}

/** The minor version of "go1.26.8" / "go1.21rc2" / "1.22": 26, 21, 22; NaN when it is not one. */
export function goMinor(version: string): number {
  const m = /^(?:go)?1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : NaN;
}
