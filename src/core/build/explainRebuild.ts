// "Why was this rebuilt?": compares two GODEBUG=gocachehash=1 runs (parsed by parseCacheHash) action
// by action. An action whose ID is the same as before was a cache hit (if the cache still held it);
// otherwise the inputs that differ are named, and a changed dependency is followed down to what changed
// in it, so every reason ends at a root cause (a file, a flag, an env var, the toolchain).
// Only complete records are compared: an action whose hash was cut short is "unknown", never guessed.
import {
  goQuotedList,
  hashToString,
  type CacheHashAction,
  type CacheHashRun,
  type HashInput,
  type HashInputKind,
} from './cacheHash';
import type {
  ActionStatus,
  ActionVerdict,
  RebuildExplanation,
  RebuildReason,
  RebuildReasonKind,
  RootCause,
  RootCauseCount,
} from '../../shared/contract/explain';

/**
 * gopsy writes a run's compiler artefacts (-bench, -json, -cpuprofile) into the run's own folder,
 * <storage>/runs/<project key>/<run id>/, and those paths sit inside -gcflags: two runs of such a
 * profile differ there for every package, which is a real reason, said in the user's terms.
 */
export const RUN_PATHS_REASON =
  "gopsy's per-run capture flags (-bench/-json paths) differ: this profile recompiles every package each run";
const RUN_DIR_PATH = /([\\/])runs[\\/][0-9a-f]{16}[\\/]\d{8}-\d{6}-[0-9a-f]{6}(?=[\\/'"\s]|$)/g;

/** Two values that differ only in the run folders they name. */
function onlyRunPathsDiffer(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(RUN_DIR_PATH, '$1runs/<run>');
  return a !== b && norm(a) !== a && norm(a) === norm(b);
}

const rootId = (r: RootCause) => `${r.kind}\u0000${r.detail}`;

function uniqueRoots(list: RootCause[]): RootCause[] {
  const seen = new Map<string, RootCause>();
  for (const r of list) if (!seen.has(rootId(r))) seen.set(rootId(r), r);
  return [...seen.values()];
}

/** Keys the actions by name, a name hashed again in the same run with " #2", " #3"… */
function indexActions(run: CacheHashRun): Map<string, CacheHashAction> {
  const map = new Map<string, CacheHashAction>();
  for (const a of run.actions) {
    let key = a.key;
    for (let n = 2; map.has(key); n++) key = `${a.key} #${n}`;
    map.set(key, a);
  }
  return map;
}

function nonStandardPackages(run: CacheHashRun): Set<string> {
  return new Set(run.actions.filter((a) => a.mode === 'build' && a.standard === false).map((a) => a.package));
}

/** Refuses two runs that built different code: there is nothing to explain between them. */
function differentModules(earlier: CacheHashRun, later: CacheHashRun): string | null {
  if (earlier.mainModule && later.mainModule && earlier.mainModule !== later.mainModule) {
    return `the two runs built different modules (${earlier.mainModule} and ${later.mainModule}); a rebuild can only be explained between two builds of the same module`;
  }
  const a = nonStandardPackages(earlier);
  const b = nonStandardPackages(later);
  if (a.size && b.size && ![...b].some((p) => a.has(p))) {
    const first = (s: Set<string>) => [...s].sort()[0]! + (s.size > 1 ? ` and ${s.size - 1} more` : '');
    return `the two runs built different packages (${first(a)}; ${first(b)}) with none in common; a rebuild can only be explained between two builds of the same module`;
  }
  return null;
}

/** Where a file of a package is, in the words a developer would use (module-relative when possible). */
function displayFile(run: CacheHashRun, action: CacheHashAction, file: string): string {
  if (action.standard) return `$GOROOT/src/${action.package}/${file}`;
  if (action.dir) {
    const roots = run.moduleRoots.filter(
      (r) => action.dir === r || action.dir!.startsWith(r + '/') || action.dir!.startsWith(r + '\\'),
    );
    const root = roots.sort((x, y) => y.length - x.length)[0];
    if (root !== undefined) {
      const rel = action.dir.slice(root.length + 1).replace(/\\/g, '/');
      return rel ? `${rel}/${file}` : file;
    }
  }
  const mod = run.modules
    .filter((m) => action.package === m || action.package.startsWith(m + '/'))
    .sort((x, y) => y.length - x.length)[0];
  if (mod !== undefined && mod === run.mainModule) {
    const rel = action.package.slice(mod.length + 1);
    return rel ? `${rel}/${file}` : file;
  }
  return `${action.package}/${file}`;
}

const listText = (q: string) => {
  const l = goQuotedList(q);
  return l.length ? l.join(' ') : '(none)';
};

/** cgo settings are "other" reasons, embedded files "file" ones. */
const reasonKind = (k: HashInputKind): RebuildReasonKind =>
  k === 'cgo' ? 'other' : k === 'embed' ? 'file' : k;

/** A value as a detail shows it: long ones (a DefaultGODEBUG list) are cut. */
const orNone = (v: string) => (v === '' ? '(empty)' : v.length > 80 ? `${v.slice(0, 77)}…` : v);

interface Change {
  kind: RebuildReasonKind;
  detail: string;
  /** The setting it is about, so the build-info copy of the same change is not named twice. */
  setting?: string;
  fromBuildInfo?: boolean;
}

function settingKind(name: string): RebuildReasonKind {
  if (name.startsWith('-')) return 'flag';
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return 'env';
  return 'other';
}

/** The differences between two build-info (modinfo) texts, setting by setting. */
function modinfoChanges(before: string, after: string): Change[] {
  const read = (t: string) => {
    const m = new Map<string, string>();
    for (const l of t.split('\n')) {
      const f = l.split('\t');
      if (f[0] === 'build' && f[1]) {
        const eq = f[1].indexOf('=');
        m.set(`build ${eq < 0 ? f[1] : f[1].slice(0, eq)}`, eq < 0 ? '' : f[1].slice(eq + 1));
      } else if ((f[0] === 'dep' || f[0] === 'mod') && f[1]) {
        m.set(`${f[0]} ${f[1]}`, f.slice(2).join(' ').trim());
      } else if (f[0]) {
        m.set(f[0], f.slice(1).join(' '));
      }
    }
    return m;
  };
  const a = read(before);
  const b = read(after);
  const out: Change[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === y) continue;
    const [what, name = ''] = key.split(' ', 2) as [string, string?];
    if (what === 'build' && x !== undefined && y !== undefined && onlyRunPathsDiffer(x, y)) {
      out.push({ kind: 'flag', detail: RUN_PATHS_REASON, setting: name, fromBuildInfo: true });
    } else if (what === 'build') {
      const from = x === undefined ? 'unset' : orNone(x);
      const to = y === undefined ? 'unset' : orNone(y);
      out.push({
        kind: settingKind(name),
        detail: `build setting ${name} changed from ${from} to ${to} (the main package's build info)`,
        setting: name,
        fromBuildInfo: true,
      });
    } else if (what === 'dep') {
      const detail =
        x === undefined
          ? `module ${name} ${y} added`
          : y === undefined
            ? `module ${name} removed`
            : `module ${name} changed from ${x} to ${y}`;
      out.push({ kind: 'dependency', detail: `${detail} (the main package's build info)` });
    } else {
      out.push({ kind: 'other', detail: `build info line "${key}" changed` });
    }
  }
  return out;
}

/** What a changed, added or removed input means (dependencies are handled by the caller). */
function describe(
  run: CacheHashRun,
  action: CacheHashAction,
  before: HashInput | undefined,
  after: HashInput | undefined,
): Change[] {
  const input = (after ?? before)!;
  const slot = input.slot;
  const file = input.file;
  if (file !== undefined) {
    const where = slot === 'pgofile' ? 'the PGO profile' : displayFile(run, action, file);
    const what = input.kind === 'embed' ? `embedded file ${where}` : where;
    if (!before) return [{ kind: 'file', detail: `${what} was added to the package` }];
    if (!after) return [{ kind: 'file', detail: `${what} is no longer part of the package` }];
    if (after.value === '') return [{ kind: 'file', detail: `${what} could not be read` }];
    return [{ kind: 'file', detail: `${what} changed` }];
  }
  if (before?.fields && after?.fields) {
    const out: Change[] = [];
    after.fields.forEach((f, i) => {
      const old = before.fields![i];
      if (!old || old.value === f.value) return;
      if (onlyRunPathsDiffer(old.value, f.value)) {
        out.push({ kind: 'flag', detail: RUN_PATHS_REASON, setting: f.name });
        return;
      }
      const list = f.value.startsWith('[');
      const from = list ? listText(old.value) : old.value;
      const to = list ? listText(f.value) : f.value;
      out.push({
        kind: reasonKind(f.kind),
        detail: `${f.name} changed from ${from} to ${to}`,
        setting: f.name,
      });
    });
    if (out.length) return out;
  }
  if (slot === 'go version')
    return [
      {
        kind: 'toolchain',
        detail: `the Go toolchain changed from ${before?.value ?? '?'} to ${after?.value ?? '?'}`,
      },
    ];
  if (slot === 'modinfo' && before && after) return modinfoChanges(before.value, after.value);
  if (slot === 'dir' && before && after)
    return [
      {
        kind: 'other',
        detail: `the package is built from another directory (${before.value} → ${after.value})`,
      },
    ];
  if (slot === 'go directive' && before && after)
    return [{ kind: 'other', detail: `go.mod's go line changed from ${before.value} to ${after.value}` }];
  if (slot === 'default GODEBUG')
    return [
      {
        kind: 'other',
        detail: 'the default GODEBUG settings changed (go.mod go/godebug lines or //go:debug)',
      },
    ];
  if (slot === 'trimpath')
    return [
      {
        kind: 'flag',
        detail: before ? '-trimpath was turned off' : '-trimpath was turned on',
        setting: '-trimpath',
      },
    ];
  if (slot === '-ldflags' || slot === 'vetflags') {
    const name = slot === 'vetflags' ? 'vet flags' : '-ldflags';
    return [
      {
        kind: 'flag',
        detail: `${name} changed from ${before ? listText(before.value) : 'unset'} to ${after ? listText(after.value) : 'unset'}`,
      },
    ];
  }
  if (input.kind === 'env') {
    if (!before)
      return [{ kind: 'env', detail: `${slot} was set to ${orNone(after!.value)}`, setting: slot }];
    if (!after)
      return [{ kind: 'env', detail: `${slot} was unset (it was ${orNone(before.value)})`, setting: slot }];
    return [
      {
        kind: 'env',
        detail: `${slot} changed from ${orNone(before.value)} to ${orNone(after.value)}`,
        setting: slot,
      },
    ];
  }
  if (input.kind === 'toolchain')
    return [
      {
        kind: 'toolchain',
        detail: `${slot} changed (${before?.value ?? 'none'} → ${after?.value ?? 'none'})`,
      },
    ];
  const kind: RebuildReasonKind = input.kind === 'cgo' ? 'other' : input.kind === 'flag' ? 'flag' : 'other';
  const label = input.kind === 'cgo' ? `cgo setting ${slot}` : `"${slot}"`;
  if (!before) return [{ kind, detail: `new input ${label === `"${slot}"` ? `"${input.text}"` : label}` }];
  if (!after) return [{ kind, detail: `input ${label === `"${slot}"` ? `"${input.text}"` : label} is gone` }];
  return [{ kind, detail: `${label} changed from "${before.text}" to "${after.text}"` }];
}

/** Compares each action of `later` with the same action of `earlier`. */
export function explainRebuild(earlier: CacheHashRun, later: CacheHashRun): RebuildExplanation {
  const refusal = differentModules(earlier, later);
  if (refusal) return { ok: false, error: refusal };
  const after = indexActions(later);
  const laterByActionString = new Map<string, string>();
  for (const [k, a] of after) if (a.actionId) laterByActionString.set(hashToString(a.actionId), k);
  const laterByActionId = new Map<string, string>();
  for (const [k, a] of after) if (a.actionId) laterByActionId.set(a.actionId, k);
  const countIn = (run: CacheHashRun, key: string) => run.actions.filter((x) => x.key === key).length;
  const fileSet = (x: CacheHashAction) =>
    x.inputs
      .filter((i) => i.file !== undefined)
      .map((i) => i.slot)
      .join('\n');
  /**
   * The earlier record of an action. A name hashed twice in a run (`go test`: a package and its internal
   * test variant share their import path) is paired by its action ID, else by its set of files.
   */
  const pairOf = (a: CacheHashAction): CacheHashAction | undefined | 'ambiguous' => {
    const candidates = earlier.actions.filter((x) => x.key === a.key);
    if (candidates.length <= 1 && countIn(later, a.key) <= 1) return candidates[0];
    const same = candidates.find((x) => x.actionId !== undefined && x.actionId === a.actionId);
    if (same) return same;
    const byFiles = candidates.filter((x) => fileSet(x) === fileSet(a));
    return byFiles.length === 1 ? byFiles[0] : candidates.length === 0 ? undefined : 'ambiguous';
  };
  const verdicts = new Map<string, ActionVerdict>();
  const inProgress = new Set<string>();

  const verdictOf = (key: string): ActionVerdict | undefined => {
    const a = after.get(key);
    if (!a) return undefined;
    const done = verdicts.get(key);
    if (done) return done;
    const base = { key: a.key, mode: a.mode, package: a.package };
    if (inProgress.has(key))
      return { ...base, status: 'unknown', reasons: [], roots: [], note: 'dependency cycle' };
    inProgress.add(key);
    const pair = pairOf(a);
    const v =
      pair === 'ambiguous'
        ? {
            status: 'unknown' as const,
            reasons: [],
            roots: [],
            note: `${a.key} was hashed more than once in a run (a package and its test variant have the same name) and the two cannot be told apart`,
          }
        : judge(key, a, pair);
    inProgress.delete(key);
    verdicts.set(key, { ...base, ...v });
    return verdicts.get(key);
  };

  const judge = (
    key: string,
    a: CacheHashAction,
    e: CacheHashAction | undefined,
  ): Omit<ActionVerdict, 'key' | 'mode' | 'package'> => {
    if (!a.complete)
      return {
        status: 'unknown',
        reasons: [],
        roots: [],
        note: `its inputs are incomplete in the later run: ${a.problems.join('; ')}`,
      };
    if (!e) {
      const root: RootCause = {
        kind: 'new',
        detail: `not in the earlier build (${a.mode} actions new to this build)`,
      };
      return {
        status: 'new',
        reasons: [{ kind: 'new', detail: `${a.key} was not in the earlier build`, roots: [root] }],
        roots: [root],
      };
    }
    if (!e.complete)
      return {
        status: 'unknown',
        reasons: [],
        roots: [],
        note: `its inputs are incomplete in the earlier run: ${e.problems.join('; ')}`,
      };
    if (e.actionId === a.actionId) return { status: 'same', reasons: [], roots: [] };

    const own: Change[] = [];
    const deps: RebuildReason[] = [];
    const slotsBefore = new Map(e.inputs.map((i) => [i.slot, i]));
    const slotsAfter = new Map(a.inputs.map((i) => [i.slot, i]));
    const saltChanged = slotsBefore.get('go version')?.value !== slotsAfter.get('go version')?.value;
    const changedSlots: [HashInput | undefined, HashInput | undefined][] = [];
    for (const i of a.inputs) {
      const old = slotsBefore.get(i.slot);
      if (!old || old.value !== i.value || old.text !== i.text) changedSlots.push([old, i]);
    }
    for (const i of e.inputs) if (!slotsAfter.has(i.slot)) changedSlots.push([i, undefined]);

    for (const [old, cur] of changedSlots) {
      const input = (cur ?? old)!;
      if (input.kind === 'dependency' && input.dependency) {
        // The standard library of a new toolchain imports what it imports: not a change of its own.
        if (saltChanged && (a.standard || a.mode === 'link') && (!old || !cur)) continue;
        deps.push(dependencyReason(input, old, cur));
        continue;
      }
      for (const c of describe(input === cur ? later : earlier, a, old, cur)) {
        // A new toolchain changes every tool's ID and brings its own standard library: it says so once.
        if (saltChanged && c.kind === 'toolchain' && input.slot !== 'go version') continue;
        if (saltChanged && a.standard && c.kind === 'file') continue;
        // Its GOROOT and its default GODEBUG settings come with it too.
        if (
          saltChanged &&
          (c.setting === 'GOROOT' || c.setting === 'DefaultGODEBUG' || input.slot === 'default GODEBUG')
        )
          continue;
        own.push(c);
      }
    }
    // The main package's build info repeats settings (-gcflags, GOAMD64…) another line already names.
    const named = new Set(own.filter((c) => c.setting && !c.fromBuildInfo).map((c) => c.setting));
    const ownKept = own.filter((c) => !(c.fromBuildInfo && c.setting && named.has(c.setting)));
    const reasons: RebuildReason[] = ownKept.map((c) => ({
      kind: c.kind,
      detail: c.detail,
      roots: [{ kind: c.kind, detail: c.detail }],
    }));
    // A dependency that changed only for reasons already named adds nothing: it is left out.
    const covered = new Set(reasons.flatMap((r) => r.roots.map(rootId)));
    for (const d of deps) {
      if (d.roots.length && d.roots.every((r) => covered.has(rootId(r)))) continue;
      reasons.push(d);
      for (const r of d.roots) covered.add(rootId(r));
    }
    if (!reasons.length) {
      const detail = 'its action ID changed, but no printed input differs';
      reasons.push({ kind: 'other', detail, roots: [{ kind: 'other', detail }] });
    }
    return { status: 'changed', reasons, roots: uniqueRoots(reasons.flatMap((r) => r.roots)) };
  };

  const dependencyReason = (
    input: HashInput,
    old: HashInput | undefined,
    cur: HashInput | undefined,
  ): RebuildReason => {
    const dep = input.dependency!;
    let depKey = dep.action;
    if (dep.idKind === 'buildid' && cur) depKey = laterByActionString.get(cur.value.split('/')[0]!) ?? depKey;
    if (dep.idKind === 'action' && cur) depKey = laterByActionId.get(cur.value) ?? depKey;
    const twice = dep.idKind !== 'action' && dep.idKind !== 'buildid' && countIn(later, dep.action) > 1;
    const name = depKey.replace(/^(build|vet) /, '').replace(/ #\d+$/, '');
    const what =
      dep.idKind === 'vetout'
        ? `vet facts of ${name}`
        : dep.idKind === 'action'
          ? `the compile of ${name}`
          : `dependency ${name}`;
    if (!old || !cur) {
      const detail = !old ? `now depends on ${name}` : `no longer depends on ${name}`;
      return { kind: 'dependency', detail, dependency: name, roots: [{ kind: 'dependency', detail }] };
    }
    if (twice) {
      const detail = `${what} changed (it was built twice in the run, as a package and a test variant, and which one this is cannot be told)`;
      return { kind: 'dependency', detail, dependency: name, roots: [{ kind: 'dependency', detail }] };
    }
    const v = verdictOf(depKey);
    if (!v || v.status === 'unknown') {
      const detail = `${what} changed (${v ? (v.note ?? 'its inputs are not readable') : 'its action is not in the later output'})`;
      return { kind: 'dependency', detail, dependency: name, roots: [{ kind: 'dependency', detail }] };
    }
    if (v.status === 'same') {
      const detail = `${what} produced different output although its inputs did not change (it was compiled again and the result is not reproducible, or came from another cache)`;
      return { kind: 'dependency', detail, dependency: name, roots: [{ kind: 'dependency', detail }] };
    }
    const via = chainTo(v);
    const first = v.roots[0]!;
    const more =
      v.roots.length > 1 ? ` (and ${v.roots.length - 1} more cause${v.roots.length > 2 ? 's' : ''})` : '';
    const through = via.length ? ` (through ${via.join(' → ')})` : '';
    return {
      kind: 'dependency',
      detail: `${what} changed${through}, because ${first.detail}${more}`,
      dependency: name,
      via,
      roots: v.roots,
    };
  };

  /** The packages between a changed dependency and its first root cause. */
  const chainTo = (v: ActionVerdict): string[] => {
    const via: string[] = [];
    let cur: ActionVerdict | undefined = v;
    for (let guard = 0; cur && guard < 64; guard++) {
      const r: RebuildReason | undefined = cur.reasons[0];
      if (!r || r.kind !== 'dependency' || !r.dependency) break;
      via.push(r.dependency);
      const next: string = r.dependency;
      cur = verdicts.get(`build ${next}`);
    }
    return via;
  };

  for (const key of after.keys()) verdictOf(key);
  const actions = [...after.keys()].map((k) => verdicts.get(k)!);
  const counts: Record<ActionStatus, number> = { same: 0, changed: 0, new: 0, unknown: 0 };
  const tally = new Map<string, RootCauseCount>();
  for (const v of actions) {
    counts[v.status]++;
    for (const r of v.roots) {
      const t = tally.get(rootId(r)) ?? { ...r, actions: 0 };
      t.actions++;
      tally.set(rootId(r), t);
    }
  }
  const summary = [...tally.values()].sort(
    (x, y) => y.actions - x.actions || x.detail.localeCompare(y.detail),
  );
  const problems = [
    ...earlier.problems.map((p) => `earlier run: ${p}`),
    ...later.problems.map((p) => `later run: ${p}`),
    ...earlier.actions
      .filter((a) => !a.complete)
      .map((a) => `earlier run: ${a.key}: ${a.problems.join('; ')}`),
    ...later.actions.filter((a) => !a.complete).map((a) => `later run: ${a.key}: ${a.problems.join('; ')}`),
  ];
  return { ok: true, actions, summary, counts, problems };
}
