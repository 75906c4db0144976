// The run's rebuild explanation for the timeline: loaded once per run (when it recorded its cache-key
// inputs), turned into per-bar cause marks, with the one-sentence cache-miss summary or why there is none.
import { useEffect, useMemo, useState } from 'react';
import type { Timeline } from '../../../../shared/build';
import { GopsyError, errorMessage } from '../../../../shared/rpc';
import { barCauses, type BarCauses } from './timelineCauses';
import type { ExplainResult } from './useRebuildExplanation';
import { explainErrorText, summarySentence } from './whyRebuiltModel';

export interface TimelineCauses {
  causes: BarCauses | null;
  /** The explanation the marks come from (its run and the run compared with). */
  result: ExplainResult | null;
  /** "12 of 60 actions ran; 1 root cause: store/store.go changed → 3 actions." or why it cannot be said. */
  sentence: string | null;
  failed: boolean;
}

export function useTimelineCauses(timeline: Timeline, load: (() => Promise<ExplainResult>) | undefined): TimelineCauses {
  const [state, setState] = useState<{ of: typeof load; result?: ExplainResult; error?: string } | null>(null);
  useEffect(() => {
    if (!load) return;
    let stale = false;
    load().then(
      (result) => !stale && setState({ of: load, result }),
      (e) => !stale && setState({ of: load, error: explainErrorText(e instanceof GopsyError ? e.code : undefined, errorMessage(e)).title }),
    );
    return () => {
      stale = true;
    };
  }, [load]);
  const current = load && state?.of === load ? state : null;
  const x = current?.result?.explanation;
  const causes = useMemo(() => (x?.ok ? barCauses(timeline.bars, x) : null), [timeline, x]);
  if (!current) return { causes: null, result: null, sentence: null, failed: false };
  if (current.error !== undefined) return { causes: null, result: null, sentence: current.error, failed: true };
  if (!x?.ok) return { causes: null, result: current.result ?? null, sentence: x ? `These two runs cannot be compared: ${x.error}.` : null, failed: true };
  return { causes, result: current.result!, sentence: summarySentence(x), failed: false };
}
