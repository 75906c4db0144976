// "Why was this rebuilt?" for recorded runs: reads two runs' cachehash.txt (GODEBUG=gocachehash=1),
// parses them (a few hundred ms for a large build, so the last few parses are kept) and compares them
// with explainRebuild. Owned by RunService; the CLI uses it on run directories too.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { explainRebuild, parseCacheHash, type CacheHashRun } from '../../../core/build';
import type { ActionInputLine, RebuildExplanation } from '../../../shared/contract/explain';
import { GopsyError } from '../../../shared/rpc';
import { ARTEFACTS } from '../../../shared/runFolder';
import type { RunStore } from './runStore';

/** Parsed runs kept in memory: a parse of a large build holds a few MB. */
const MAX_PARSED = 6;

export const NO_HASH_INPUTS =
  "This run did not record why its actions ran: turn on 'Why rebuilt' (rebuildReasons) in its profile";

/** `no-hash-inputs` for the run `label` names ("This run", "The run to compare with (ID)"). */
function noHashInputs(label?: string): GopsyError {
  return new GopsyError(
    'no-hash-inputs',
    label ? NO_HASH_INPUTS.replace('This run', label) : NO_HASH_INPUTS,
  );
}

export class RunExplainer {
  /** By file, with the size and time it had when parsed (a running run's file grows). */
  private readonly parsed = new Map<string, { stamp: string; run: CacheHashRun }>();

  constructor(private readonly store: RunStore) {}

  /** Whether a run directory holds recorded cache-key inputs. */
  async hasHashInputs(dir: string): Promise<boolean> {
    const st = await stat(path.join(dir, ARTEFACTS.cacheHash)).catch(() => null);
    return !!st && st.isFile() && st.size > 0;
  }

  /** A run directory's parsed cachehash.txt; `label` names the run in the error. */
  async hashes(dir: string, label?: string): Promise<CacheHashRun> {
    const file = path.join(dir, ARTEFACTS.cacheHash);
    const st = await stat(file).catch(() => null);
    if (!st || !st.isFile() || st.size === 0) throw noHashInputs(label);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const hit = this.parsed.get(file);
    if (hit && hit.stamp === stamp) {
      this.parsed.delete(file);
      this.parsed.set(file, hit);
      return hit.run;
    }
    const run = parseCacheHash(await readFile(file, 'utf8'));
    this.parsed.set(file, { stamp, run });
    while (this.parsed.size > MAX_PARSED) this.parsed.delete(this.parsed.keys().next().value!);
    return run;
  }

  /** The latest run of the project that started before `id` and recorded its cache-key inputs. */
  async earlierWithHashes(project: string, id: string): Promise<string> {
    const all = await this.store.list(project);
    const self = all.find((m) => m.id === id);
    if (!self) throw new GopsyError('no-run', `Run ${id} does not exist (any more).`);
    for (const m of all) {
      if (m.id === id || m.startedAt.localeCompare(self.startedAt) > 0) continue;
      if (m.startedAt === self.startedAt && m.id > id) continue;
      if (await this.hasHashInputs(this.store.runDir(project, m.id))) return m.id;
    }
    throw new GopsyError(
      'no-earlier-run',
      'There is no earlier run of this project that recorded why its actions ran, to compare this one with: run the build again with the same profile, then explain the later run.',
    );
  }

  /** Run `id` of the project against `against` (else the latest earlier run with recorded inputs). */
  async explain(
    project: string,
    id: string,
    against?: string,
  ): Promise<{ id: string; against: string; explanation: RebuildExplanation }> {
    const later = await this.hashes(this.store.runDir(project, id));
    const earlierId = against ?? (await this.earlierWithHashes(project, id));
    const earlier = await this.hashes(
      this.store.runDir(project, earlierId),
      `The run to compare with (${earlierId})`,
    );
    return { id, against: earlierId, explanation: explainRebuild(earlier, later) };
  }

  /** One action's cache-key inputs in both runs, slot by slot (the later run's order, then what only the earlier had). */
  async explainAction(
    project: string,
    id: string,
    against: string,
    key: string,
  ): Promise<{ key: string; lines: ActionInputLine[] }> {
    const later = await this.hashes(this.store.runDir(project, id));
    const earlier = await this.hashes(this.store.runDir(project, against), `The run to compare with (${against})`);
    return { key, lines: actionInputLines(earlier, later, key) };
  }
}

/** The first action named `key` in each run, its inputs side by side by slot. */
export function actionInputLines(earlier: CacheHashRun, later: CacheHashRun, key: string): ActionInputLine[] {
  const a = later.actions.find((x) => x.key === key);
  const e = earlier.actions.find((x) => x.key === key);
  if (!a && !e) throw new GopsyError('no-action', `Neither run has an action "${key}".`);
  const before = new Map((e?.inputs ?? []).map((i) => [i.slot, i]));
  const afterSlots = new Set((a?.inputs ?? []).map((i) => i.slot));
  const lines: ActionInputLine[] = (a?.inputs ?? []).map((i) => {
    const old = before.get(i.slot);
    return { slot: i.slot, kind: i.kind, earlier: old?.text ?? null, later: i.text, changed: old?.text !== i.text };
  });
  for (const i of e?.inputs ?? []) {
    if (!afterSlots.has(i.slot)) lines.push({ slot: i.slot, kind: i.kind, earlier: i.text, later: null, changed: true });
  }
  return lines;
}
