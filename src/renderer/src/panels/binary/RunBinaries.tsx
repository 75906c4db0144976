// "Binaries from runs": what the project's succeeded build runs kept under out/ (a profile with
// "keep the output binary", or go test -c), each one analysable like a binary built here.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { BinaryAnalysis, RunBinary } from '../../../../shared/contract/binary';
import { formatBytesFine } from '../../../../shared/format';

interface Props {
  api: GopsyApi;
  busy: boolean;
  onOpen: (open: () => Promise<BinaryAnalysis>) => void;
}

export function RunBinaries({ api, busy, onOpen }: Props) {
  const [list, setList] = useState<RunBinary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    api.call('binary.runBinaries', {}).then(
      (l) => live && (setList(l), setError(null)),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [api, tick]);

  return (
    <section className="run-binaries" data-testid="run-binaries">
      <span>Binaries from runs</span> {list && <span className="muted">({list.length})</span>}{' '}
      <button type="button" className="link-button" onClick={() => setTick((t) => t + 1)}>
        refresh
      </button>
      {error && <div className="banner error">{error}</div>}
      {list && list.length === 0 && (
        <span className="muted"> — none yet: run the “Build the binary” profile in the Build view (or any profile that keeps the output binary).</span>
      )}
      {list && list.length > 0 && (
        <table>
          <tbody>
            {list.map((b) => (
              <tr key={`${b.runId}/${b.name}`}>
                <td className="mono">{b.name}</td>
                <td className="muted">
                  run {b.runId} · {b.profileName}
                </td>
                <td className="num">{formatBytesFine(b.fileSize)}</td>
                <td>
                  <button type="button" disabled={busy} onClick={() => onOpen(() => api.call('binary.openRun', { runId: b.runId, name: b.name }))}>
                    Analyse
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
