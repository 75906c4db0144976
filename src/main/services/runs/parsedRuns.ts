// The work behind "why was this rebuilt?" that needs no run store: parse a run directory's
// cachehash.txt (GODEBUG=gocachehash=1; about a second of CPU for a few-hundred-package build, so the
// last few parses are kept), compare two runs, and line up one action's inputs. It runs in the explain
// worker in the app (runs/explainWorker.ts) and in the calling thread in the CLI and the tests.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { explainRebuild, parseCacheHash, type CacheHashRun } from '../../../core/build';
import type { ActionInputLine, RebuildExplanation } from '../../../shared/contract/explain';
import { GopsyError } from '../../../shared/rpc';
import { ARTEFACTS } from '../../../shared/runFolder';

/** Parsed runs kept in memory: a parse of a large build holds a few MB. */
const MAX_PARSED = 6;

export const NO_HASH_INPUTS =
  "This run did not record why its actions ran: turn on 'Why rebuilt' (rebuildReasons) in its profile";

/** `no-hash-inputs` for the run `label` names ("This run", "The run to compare with (ID)"). */
function noHashInputs(label?: string): GopsyError {
  return new GopsyError('no-hash-inputs', label ? NO_HASH_INPUTS.replace('This run', label) : NO_HASH_INPUTS);
}

/** Whether a run directory holds recorded cache-key inputs. */
export async function hasHashInputs(dir: string): Promise<boolean> {
  const st = await stat(path.join(dir, ARTEFACTS.cacheHash)).catch(() => null);
  return !!st && st.isFile() && st.size > 0;
}

/** The label under which the run compared with is named in errors. */
export const againstLabel = (id: string): string => `The run to compare with (${id})`;

export class ParsedRuns {
  /** By file, with the size and time it had when parsed (a running run's file grows). */
  private readonly parsed = new Map<string, { stamp: string; run: CacheHashRun }>();
  /**
   * Explanations by the parsed runs they compare (the timeline and the Why rebuilt tab ask for the same
   * one); they go with their runs when those leave the cache or are parsed again.
   */
  private readonly explained = new WeakMap<CacheHashRun, WeakMap<CacheHashRun, RebuildExplanation>>();

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

  /** The run in `laterDir` against the one in `earlierDir` (named `earlierId` in errors). */
  async explain(laterDir: string, earlierDir: string, earlierId: string): Promise<RebuildExplanation> {
    const later = await this.hashes(laterDir);
    const earlier = await this.hashes(earlierDir, againstLabel(earlierId));
    let byEarlier = this.explained.get(later);
    if (!byEarlier) this.explained.set(later, (byEarlier = new WeakMap()));
    let e = byEarlier.get(earlier);
    if (!e) byEarlier.set(earlier, (e = explainRebuild(earlier, later)));
    return e;
  }

  /** One action's cache-key inputs in both runs. */
  async actionInputs(laterDir: string, earlierDir: string, earlierId: string, key: string): Promise<ActionInputLine[]> {
    const later = await this.hashes(laterDir);
    const earlier = await this.hashes(earlierDir, againstLabel(earlierId));
    return actionInputLines(earlier, later, key);
  }
}

/** The first action named `key` in each run, its inputs side by side by slot (the later run's order, then what only the earlier had). */
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
