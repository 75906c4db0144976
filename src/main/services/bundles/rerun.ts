// "Re-run here" for an opened bundle: what a recorded build run would run again (its go command, its
// environment, the values that were redacted and must be supplied or dropped), and the profile that
// runs it in a project folder of this machine once the user has confirmed. Nothing here executes.
import { GopsyError } from '../../../shared/rpc';
import { BuildProfile, PROFILE_ENV_KEYS, RunManifest } from '../../../shared/build';
import { REDACTED } from '../../../core/bundle/redact';
import type { RerunCandidate, RerunValue } from '../../../shared/contract/bundle';
import type { BundleStore } from './sessionStore';
import { buildCommand, supportsBuildJson } from '../runs/command';
import { runIdOfManifestEntry, runManifestEntry } from '../../../shared/runLayout';

const MAX_MANIFEST = 4 * 2 ** 20;

/**
 * Flags that name a program the go command (or the linker) would execute, in any of the forms the go
 * command accepts (-f, --f, quoted in GOFLAGS): such a run needs the user's explicit consent.
 */
const RUNS_A_PROGRAM = /(^|[\s='"])--?(toolexec|exec|extld|extar)\b/;
/** Flags that make the compiler or linker write a file at a path the bundle chose. */
const WRITES_A_FILE = /(^|[\s='"])--?(cpuprofile|memprofile|blockprofile|mutexprofile|traceprofile)\b/;

/** What a recorded profile would make the go command do beyond building: shown, and consented to. */
export function riskyFlags(p: BuildProfile): string[] {
  const out: string[] = [];
  for (const s of settingsOf(p)) {
    const name = s.key.replace(/^env:/, '');
    if (RUNS_A_PROGRAM.test(s.value)) out.push(`${name} names a program that will be executed: ${s.value}`);
    else if (WRITES_A_FILE.test(s.value)) out.push(`${name} makes the toolchain write a file at a path the bundle chose: ${s.value}`);
  }
  return out;
}

/** The profile's settings a bundle may have redacted, by key: "env:GOFLAGS", "gcflags", "ldflags". */
function settingsOf(p: BuildProfile): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (const k of PROFILE_ENV_KEYS) {
    const v = p.env?.[k];
    if (v !== undefined) out.push({ key: `env:${k}`, value: v });
  }
  if (p.gcflags !== undefined) out.push({ key: 'gcflags', value: p.gcflags });
  if (p.ldflags !== undefined) out.push({ key: 'ldflags', value: p.ldflags });
  return out;
}

async function readRun(store: BundleStore, entry: string): Promise<RunManifest | null> {
  try {
    const parsed = RunManifest.safeParse(JSON.parse((await store.read(entry, MAX_MANIFEST)).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // damaged: not offered
  }
}

/** Every recorded build run of the bundle that could run again, oldest first. */
export async function rerunCandidates(store: BundleStore): Promise<RerunCandidate[]> {
  const out: RerunCandidate[] = [];
  for (const e of await store.list()) {
    const id = runIdOfManifestEntry(e.path);
    if (!id) continue;
    const m = await readRun(store, e.path);
    if (!m) continue;
    const settings = settingsOf(m.profile).map((s) => ({ ...s, redacted: s.value.includes(REDACTED) }));
    // What is shown is made from the profile, the very thing that runs (the recorded shell line and
    // env are free text in the bundle and could say anything).
    const shown = buildCommand(m.profile, '<project folder>', { goBinary: 'go', runDir: '<run>', supportsJson: supportsBuildJson(m.goVersion) });
    out.push({
      runId: id,
      profileName: m.profile.name,
      status: m.status,
      startedAt: m.startedAt,
      ...(m.goVersion ? { goVersion: m.goVersion } : {}),
      shellLine: shown.shellLine,
      env: shown.env,
      packages: m.profile.packages,
      settings,
      warnings: riskyFlags(m.profile),
    });
  }
  return out.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/**
 * The profile to run: the recorded one, with each redacted value replaced by what the user supplied
 * or dropped (null). A redacted value left as it is refuses the re-run: "[redacted]" is not a value.
 */
export async function rerunProfile(
  store: BundleStore,
  runId: string,
  values: Record<string, RerunValue>,
  acceptRisks = false,
): Promise<BuildProfile> {
  const entry = runManifestEntry(runId);
  const m = store.reader.has(entry) ? await readRun(store, entry) : null;
  if (!m) throw new GopsyError('not-found', `The bundle has no readable build run ${runId}.`);
  const p: BuildProfile = structuredClone(m.profile);
  delete p.builtIn; // a recorded profile, not this gopsy's built-in one
  for (const s of settingsOf(p)) {
    const v = Object.hasOwn(values, s.key) ? values[s.key] : s.value;
    if (v === undefined) continue;
    if (v !== null && v.includes(REDACTED)) {
      throw new GopsyError('redacted', `${s.key.replace(/^env:/, '')} was redacted when the bundle was saved: supply its value or drop it.`);
    }
    if (s.key.startsWith('env:')) {
      const k = s.key.slice(4) as keyof NonNullable<BuildProfile['env']>;
      if (v === null) delete p.env![k];
      else p.env![k] = v;
    } else if (s.key === 'gcflags' || s.key === 'ldflags') {
      if (v === null) delete p[s.key];
      else p[s.key] = v;
    }
  }
  const unknown = Object.keys(values).filter((k) => !settingsOf(m.profile).some((s) => s.key === k));
  if (unknown.length) throw new GopsyError('bad-value', `The recorded run has no setting ${unknown.join(', ')}.`);
  const risks = riskyFlags(p);
  if (risks.length > 0 && !acceptRisks) {
    throw new GopsyError('needs-consent', `Not run: ${risks.join('; ')}. Confirm that you accept this to run it.`);
  }
  const parsed = BuildProfile.safeParse(p);
  if (!parsed.success) throw new GopsyError('bad-profile', `The recorded profile cannot run: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
