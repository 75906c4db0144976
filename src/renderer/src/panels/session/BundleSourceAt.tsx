// A source file as a bundle saved it (sources/<project-relative path>), read-only, at a line: where a
// replayed run's remark or compile error points. The project's editor is never used for it.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { EntryText } from '../../../../shared/contract/bundle';
import { BundleSource } from './BundleSource';
import { errorMessage } from '../../../../shared/rpc';

let instances = 0;

export function BundleSourceAt({
  api,
  bundleId,
  path,
  line,
}: {
  api: GopsyApi;
  bundleId: string;
  path: string;
  line?: number;
}) {
  const [entry, setEntry] = useState<{ key: string; text: EntryText | null; error: string | null } | null>(
    null,
  );
  const key = `${bundleId}\n${path}`;
  // Its own model URIs: the Session view (or another replay view) may show the same file at once.
  const [own] = useState(() => `${bundleId}-at${++instances}`);
  useEffect(() => {
    let live = true;
    const rel = path.replace(/^\.\//, '');
    api.call('bundle.readEntry', { id: bundleId, path: `sources/${rel}` }).then(
      (text) => live && setEntry({ key, text, error: null }),
      (err: unknown) =>
        live &&
        setEntry({
          key,
          text: null,
          error: `${rel}: ${errorMessage(err)} (the bundle saved no copy of this file)`,
        }),
    );
    return () => {
      live = false;
    };
  }, [api, bundleId, path, key]);
  if (!entry || entry.key !== key) return <p className="muted small">Reading {path} from the bundle…</p>;
  if (!entry.text)
    return (
      <p className="muted small" data-testid="bundle-source-missing">
        {entry.error}
      </p>
    );
  return (
    <div className="bundle-source-at" data-testid="bundle-source-at">
      <div className="muted small">
        <span className="badge">read-only</span> {entry.text.path} as the bundle saved it
        {line ? `, line ${line}` : ''}
      </div>
      <BundleSource bundleId={own} path={entry.text.path} text={entry.text.text} line={line} />
    </div>
  );
}
