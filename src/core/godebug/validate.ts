// Checks a GODEBUG or GOCOMPILEDEBUG value against a toolchain's catalog before a run. The runtime
// ignores what it does not understand without a word; these findings say what would be ignored and why.
// The user may still run: findings inform, they do not block.
import type { CatalogSetting, Finding } from '../../shared/godebug';
import type { BuiltCatalog } from './catalog';
import { goMinor } from './catalog';

export interface SpecField {
  key: string;
  value?: string;
  /** The field as written (for messages). */
  raw: string;
}

/** Splits "k=v,k2=v2" the way the runtime does: on commas, key up to the first '='. */
export function parseSpec(spec: string): SpecField[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((raw) => {
    const i = raw.indexOf('=');
    return i < 0 ? { key: raw, raw } : { key: raw.slice(0, i), value: raw.slice(i + 1), raw };
  });
}

const INT32_RE = /^[+-]?\d+$/;
const isInt32 = (v: string) => INT32_RE.test(v) && Math.abs(Number(v)) <= 2 ** 31 - 1;

export interface ValidateOptions {
  /** Catalogs of other toolchains found on this machine: tell "needs a newer Go" from "does not exist". */
  others?: BuiltCatalog[];
}

export function validateGodebug(spec: string, catalog: BuiltCatalog, opts: ValidateOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const known = new Map(catalog.settings.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const f = (severity: Finding['severity'], code: Finding['code'], field: SpecField, message: string) =>
    findings.push({ severity, variable: 'GODEBUG', code, key: field.key, ...(field.value !== undefined ? { value: field.value } : {}), message });
  const tc = catalog.goVersion;
  for (const field of parseSpec(spec)) {
    if (field.key === '' && field.value === undefined) {
      f('info', 'syntax', field, 'an empty field (two commas in a row): ignored');
      continue;
    }
    if (field.value === undefined) {
      f('error', 'syntax', field, `"${field.raw}" has no "=": the runtime skips fields without a value (write ${field.raw}=1)`);
      continue;
    }
    if (seen.has(field.key)) f('warning', 'duplicate', field, `${field.key} is set twice: the last one wins`);
    seen.add(field.key);
    if (field.key.startsWith('cpu.')) {
      // internal/cpu reads cpu.<feature>=on|off; the feature names depend on the architecture.
      if (field.value !== 'on' && field.value !== 'off') f('error', 'bad-value', field, `${field.key} takes on or off`);
      continue;
    }
    const s = known.get(field.key);
    if (!s) {
      f('error', ...unknownFinding(field, tc, opts.others ?? []));
      continue;
    }
    checkValue(s, field, catalog, f);
  }
  return findings;
}

function unknownFinding(field: SpecField, tc: string, others: BuiltCatalog[]): [Finding['code'], SpecField, string] {
  const minor = goMinor(tc);
  const elsewhere = others
    .map((c) => ({ c, s: c.settings.find((s) => s.name === field.key && s.source !== 'removed') }))
    .filter((x) => x.s);
  const newer = elsewhere.find((x) => goMinor(x.c.goVersion) > minor);
  if (newer) {
    return ['newer-toolchain', field, `${field.key} is not a setting of ${tc}; it needs a newer Go (${newer.c.goVersion} has it). This toolchain ignores it.`];
  }
  const older = elsewhere[0];
  const was = older ? ` (${older.c.goVersion} had it; it was removed since)` : '';
  return ['unknown', field, `${field.key} is not a setting of ${tc}${was}: the runtime ignores it silently and prints nothing.`];
}

type Emit = (severity: Finding['severity'], code: Finding['code'], field: SpecField, message: string) => void;

function checkValue(s: CatalogSetting, field: SpecField, catalog: BuiltCatalog, f: Emit): void {
  const v = field.value ?? '';
  if (s.source === 'removed') {
    f('error', 'removed', field, `${s.name} was removed in go1.${s.removedIn} (https://go.dev/doc/godebug): it has no effect, and setting the old value may be rejected`);
    return;
  }
  if (s.values && s.values.length > 0 && s.source !== 'runtime') {
    // Read with strings.Contains: only these exact texts do anything.
    if (!s.values.includes(v) && v !== '0') {
      f('error', 'bad-value', field, `${s.name} does something only as ${s.values.map((x) => `${s.name}=${x}`).join(' or ')}; ${field.raw} is ignored`);
    }
    return;
  }
  if (s.source === 'runtime') {
    if (!isInt32(v)) {
      f('error', 'bad-value', field, `${s.name} takes an integer: the runtime ignores ${field.raw}`);
      return;
    }
    const n = Number(v);
    if (n < 0) f('warning', 'bad-value', field, `${s.name} is negative; it is meant to be 0 or more`);
    if (s.name === 'cgocheck' && n > 1 && catalog.cgocheck2Fatal) {
      f('error', 'fatal', field, 'cgocheck > 1 makes the program throw at start in this toolchain: build with GOEXPERIMENT=cgocheck2 instead');
    }
    return;
  }
  if (v === '') f('warning', 'bad-value', field, `${s.name} is set to an empty value`);
  if (s.old !== undefined && s.changed !== undefined && v === s.old) {
    f('info', 'bad-value', field, `${field.raw} restores the behaviour from before go1.${s.changed}`);
  }
}

/**
 * GOCOMPILEDEBUG (read by cmd/compile since go1.21) takes the same settings as -gcflags=-d=...,
 * and a value the compiler cannot parse is dropped without a message, so it is checked here.
 */
export function validateCompileDebug(spec: string, catalog: BuiltCatalog): Finding[] {
  const findings: Finding[] = [];
  if (spec.trim() === '') return findings;
  const f = (severity: Finding['severity'], code: Finding['code'], field: SpecField, message: string) =>
    findings.push({ severity, variable: 'GOCOMPILEDEBUG', code, key: field.key, ...(field.value !== undefined ? { value: field.value } : {}), message });
  const minor = goMinor(catalog.goVersion);
  if (minor < 21) {
    f('error', 'newer-toolchain', { key: spec, raw: spec }, `${catalog.goVersion} does not read GOCOMPILEDEBUG (it is read since go1.21); use -gcflags=-d=${spec}`);
    return findings;
  }
  const keys = new Set(catalog.compileDebug.map((k) => k.name));
  for (const field of parseSpec(spec)) {
    if (field.key === '') {
      f('error', 'syntax', field, 'an empty field: the compiler stops parsing here, so it and the settings after it are ignored silently');
    } else if (/^\d+$/.test(field.key)) {
      f('error', 'syntax', field, `"${field.raw}" is not a debug key: GOCOMPILEDEBUG takes -d settings such as nil=1, and the compiler stops parsing here, so it and the settings after it are ignored silently`);
    } else if (field.key.startsWith('ssa/')) {
      // ssa/<phase>/<flag>[=value]: the phases are listed by -d=ssa/help, not by -d help.
      if (!/^ssa\/[\w*]+(\/\w+)?$/.test(field.key)) f('error', 'syntax', field, `${field.key} is not of the form ssa/<phase>/<flag>`);
    } else if (keys.size > 0 && !keys.has(field.key)) {
      f('error', 'unknown', field, `${field.key} is not a -d key of ${catalog.goVersion} (see go tool compile -d help): the compiler stops parsing here, so it and the settings after it are ignored silently`);
    }
  }
  return findings;
}

/** True when findings contain something that makes (part of) the setting do nothing. */
export function hasErrors(findings: Finding[]): boolean {
  return findings.some((x) => x.severity === 'error');
}
