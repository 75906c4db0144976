// The pattern of the views' buttons: one action at a time, named while it runs, its failure shown.
import { useCallback, useState } from 'react';
import { errorMessage } from '../../../shared/rpc';

export function useBusyAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await f();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, setError, run };
}
