// The Why rebuilt tab of one project run: the panel, fed by the backend's two explain calls for this run
// and the earlier runs it may be compared with.
import type { RunDetail, RunSummary } from '../../../../shared/api';
import { CACHE_HASH_RECORD, recordsRebuildReasons, useRebuildExplanation, type ExplainApi } from './useRebuildExplanation';
import { WhyRebuilt } from './WhyRebuilt';
import { earlierRuns } from './whyRebuiltModel';

interface Props {
  explainApi: ExplainApi;
  detail: RunDetail;
  /** The project's runs (the Build view's list). */
  runs: RunSummary[];
}

export function WhyRebuiltTab({ explainApi, detail, runs }: Props) {
  const m = detail.manifest;
  const { against, setAgainst, load, loadAction } = useRebuildExplanation(explainApi, m.id);
  const recorded = recordsRebuildReasons(m);
  return (
    <WhyRebuilt
      load={load}
      loadAction={loadAction}
      againstChoices={earlierRuns(runs, m.id)}
      against={against}
      onPickAgainst={setAgainst}
      recorded={recorded}
      rawRecord={{ name: CACHE_HASH_RECORD }}
    />
  );
}
