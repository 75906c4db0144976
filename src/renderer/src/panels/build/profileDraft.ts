// The profile editor's form state and its conversion to a BuildProfile, with one plain message per
// field. Pure (no React) so the rules are unit-tested; the backend validates again with the same schema.
import { BuildProfile, PROFILE_ENV_KEYS, type CaptureSet } from '../../../../shared/api';

export type EnvKey = (typeof PROFILE_ENV_KEYS)[number];
type CaptureFlag = Exclude<keyof CaptureSet, 'cpuProfilePackage' | 'ssaFunc'>;

export interface ProfileDraft {
  name: string;
  description: string;
  target: BuildProfile['target'];
  /** run-tests: space-separated test flags, e.g. `-count=1 -run=TestX`. */
  testFlags: string;
  /** Space-separated package patterns. */
  packages: string;
  gcflags: string;
  ldflags: string;
  /** Comma- or space-separated build tags. */
  tags: string;
  race: boolean;
  trimpath: boolean;
  rebuildAll: boolean;
  privateCache: boolean;
  /** Keep the linked binary in the run's out/ (main packages only). */
  keepBinary: boolean;
  env: Record<EnvKey, string>;
  capture: Record<CaptureFlag, boolean>;
  /** Profile the compiler while it compiles this package (empty: no profile). */
  cpuProfilePackage: string;
  /** GOSSAFUNC for the build (empty: no SSA). */
  ssaFunc: string;
}

export const CAPTURE_FLAGS: Array<[CaptureFlag, string]> = [
  ['commands', 'command log (-x)'],
  ['actionGraph', 'action graph'],
  ['trace', 'trace (workers)'],
  ['phases', 'compiler phase times'],
  ['remarks', 'optimisation remarks'],
  ['work', 'work directory listing'],
  ['rebuildReasons', 'Why rebuilt: record every action’s cache-key inputs (GODEBUG=gocachehash=1)'],
  ['compileCost', 'Compile cost: time every SSA pass of the project’s functions (-d=ssa/all/time)'],
  ['reachability', 'Why in binary: the linker’s reachability graph when the binary is kept (-ldflags=-dumpdep)'],
];

/** Checks per variable beyond "no control characters": the go command's own accepted values. */
const ENV_RULES: Partial<Record<EnvKey, [RegExp, string]>> = {
  GOOS: [/^[a-z0-9]+$/, 'GOOS is lower-case letters and digits, e.g. linux'],
  GOARCH: [/^[a-z0-9]+$/, 'GOARCH is lower-case letters and digits, e.g. arm64'],
  GOAMD64: [/^v[1-4]$/, 'GOAMD64 is v1, v2, v3 or v4'],
  CGO_ENABLED: [/^[01]$/, 'CGO_ENABLED is 0 or 1'],
  GOTOOLCHAIN: [/^[\w.+-]+$/, 'GOTOOLCHAIN is local, auto, go1.N.P or go1.N.P+auto'],
};

const splitList = (s: string) => s.split(/[\s,]+/).filter(Boolean);

export function draftOf(p: BuildProfile, name = p.name): ProfileDraft {
  const env = Object.fromEntries(PROFILE_ENV_KEYS.map((k) => [k, p.env?.[k] ?? ''])) as Record<EnvKey, string>;
  const { cpuProfilePackage, ssaFunc, ...capture } = p.capture;
  return {
    name,
    description: p.builtIn ? '' : (p.description ?? ''),
    target: p.target,
    testFlags: (p.testFlags ?? []).join(' '),
    packages: p.packages.join(' '),
    gcflags: p.gcflags ?? '',
    ldflags: p.ldflags ?? '',
    tags: (p.tags ?? []).join(','),
    race: !!p.race,
    trimpath: !!p.trimpath,
    rebuildAll: !!p.rebuildAll,
    privateCache: !!p.privateCache,
    keepBinary: !!p.keepBinary,
    env,
    capture: { ...capture, reachability: capture.reachability !== false },
    cpuProfilePackage: cpuProfilePackage ?? '',
    ssaFunc: ssaFunc ?? '',
  };
}

function withoutDefaultReachability(c: Record<CaptureFlag, boolean>): Omit<Record<CaptureFlag, boolean>, 'reachability'> & { reachability?: false } {
  const { reachability, ...rest } = c;
  return reachability ? rest : { ...rest, reachability: false };
}

export type DraftErrors = Partial<Record<string, string>>;

/** The profile, or a message for every field that is wrong (keyed by field name, env keys as `env.K`). */
export function profileOf(d: ProfileDraft): { profile: BuildProfile | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const env: Partial<Record<EnvKey, string>> = {};
  for (const k of PROFILE_ENV_KEYS) {
    const v = d.env[k].trim();
    if (!v) continue;
    const rule = ENV_RULES[k];
    if (rule && !rule[0].test(v)) errors[`env.${k}`] = rule[1];
    env[k] = v;
  }
  const packages = splitList(d.packages);
  if (packages.length === 0) errors.packages = 'give at least one package pattern, e.g. ./...';
  const tags = splitList(d.tags);
  const bad = tags.find((t) => !/^[\w.]+$/.test(t));
  if (bad) errors.tags = `"${bad}" is not a build tag (letters, digits, _ and .)`;
  const cpu = d.cpuProfilePackage.trim();
  if (cpu && /[*]|\.\.\./.test(cpu)) errors.cpuProfilePackage = 'one package (e.g. ./store or net/http), not a pattern: every match would overwrite the same profile';
  const testFlags = d.target === 'run-tests' ? d.testFlags.split(/\s+/).filter(Boolean) : [];
  const candidate = {
    name: d.name.trim(),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    target: d.target,
    ...(testFlags.length ? { testFlags } : {}),
    packages,
    ...(d.gcflags.trim() ? { gcflags: d.gcflags.trim() } : {}),
    ...(d.ldflags.trim() ? { ldflags: d.ldflags.trim() } : {}),
    ...(tags.length ? { tags } : {}),
    ...(d.race ? { race: true } : {}),
    ...(d.trimpath ? { trimpath: true } : {}),
    ...(d.rebuildAll ? { rebuildAll: true } : {}),
    ...(d.privateCache ? { privateCache: true } : {}),
    ...(d.keepBinary ? { keepBinary: true } : {}),
    ...(Object.keys(env).length ? { env } : {}),
    // reachability is on unless set to false: only the off state is written.
    capture: { ...withoutDefaultReachability(d.capture), ...(cpu ? { cpuProfilePackage: cpu } : {}), ...(d.ssaFunc.trim() ? { ssaFunc: d.ssaFunc.trim() } : {}) },
  };
  const parsed = BuildProfile.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      // Field-level keys the form knows: name, packages, gcflags, env.GOOS, capture.cpuProfilePackage…
      const key = first === 'capture' && (second === 'cpuProfilePackage' || second === 'ssaFunc') ? second : first === 'env' ? `env.${String(second)}` : String(first);
      errors[key] ??= key === 'name' ? 'give the profile a name (at most 80 characters)' : issue.message;
    }
  }
  return Object.keys(errors).length > 0 || !parsed.success ? { profile: null, errors } : { profile: parsed.data, errors };
}
