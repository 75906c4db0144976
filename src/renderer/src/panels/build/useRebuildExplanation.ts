// The two backend calls behind the Why rebuilt panel, behind a small interface (ExplainApi), and the hook
// that turns them into the panel's loaders for one run and the earlier run it is compared with.
import { useCallback, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { z } from 'zod';
import type { explainMethods } from '../../../../shared/contract/explain';
import { ARTEFACTS } from '../../../../shared/runFolder';
import type { RunManifest } from '../../../../shared/build';

/** The run artefact holding what GODEBUG=gocachehash=1 printed (the raw record of every action's inputs). */
export const CACHE_HASH_RECORD = ARTEFACTS.cacheHash;

/** The run recorded its actions' cache-key inputs (its profile asked for them, or the record is there). */
export const recordsRebuildReasons = (m: Pick<RunManifest, 'profile' | 'artefacts'>): boolean => !!m.profile.capture.rebuildReasons || m.artefacts.includes(CACHE_HASH_RECORD);

type Methods = typeof explainMethods;
/** build.explain's result: the run, the run it was compared with, and the explanation. */
export type ExplainResult = z.infer<Methods['build.explain']['result']>;
/** build.explainAction's result: one action's cache-key inputs in both runs. */
export type ActionInputs = z.infer<Methods['build.explainAction']['result']>;

/** What the panel needs from the backend: build.explain and build.explainAction. */
export interface ExplainApi {
  /** Without `against`, the backend picks the latest earlier run that recorded its inputs. */
  explain(id: string, against?: string): Promise<ExplainResult>;
  explainAction(id: string, against: string, key: string): Promise<ActionInputs>;
}

/** The ExplainApi over the contract (build.explain, build.explainAction). */
export function explainApiOf(api: GopsyApi): ExplainApi {
  return {
    explain: (id, against) => api.call('build.explain', { id, ...(against ? { against } : {}) }),
    explainAction: (id, against, key) => api.call('build.explainAction', { id, against, key }),
  };
}

/** The loaders of one run's explanation, and the earlier run picked to compare with (null: the backend's choice). */
export function useRebuildExplanation(explainApi: ExplainApi, id: string) {
  const [against, setAgainst] = useState<string | null>(null);
  const load = useCallback(() => explainApi.explain(id, against ?? undefined), [explainApi, id, against]);
  const loadAction = useCallback((earlier: string, key: string) => explainApi.explainAction(id, earlier, key), [explainApi, id]);
  return { against, setAgainst, load, loadAction };
}
