// "Built before your edit": the banner a view shows when a file it was made from was saved since,
// with the view's own way to make it again.
import type { GopsyApi } from '../../../shared/api';
import { useSavedSince } from './savedFiles';

interface Props {
  api: GopsyApi;
  /** When the view's data was made (ms since the epoch); null: nothing shown yet. */
  since: number | null;
  /** Which saved files the data depends on (default: any .go file). */
  match?: (path: string) => boolean;
  /** What the data is ("this build", "this SSA"). */
  what: string;
  refreshLabel: string;
  onRefresh: () => void;
  disabled?: boolean;
}

const goFile = (p: string) => p.endsWith('.go');

export function StaleNotice({ api, since, match = goFile, what, refreshLabel, onRefresh, disabled }: Props) {
  const saved = useSavedSince(api, since, match);
  if (saved.length === 0) return null;
  return (
    <div className="banner warn stale-note" role="status" data-testid="stale-notice">
      {saved.join(', ')} {saved.length === 1 ? 'was' : 'were'} saved after {what}: it shows the code as it was before.
      <button onClick={onRefresh} disabled={disabled}>
        {refreshLabel}
      </button>
    </div>
  );
}
