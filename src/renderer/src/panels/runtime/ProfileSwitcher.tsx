// The toolbar's GODEBUG switcher: which profile new go run / go test / shell consoles get, and a
// badge with what validation found in it (the user can still run).
import { useSyncExternalStore } from 'react';
import type { GodebugStore } from './store';

export function ProfileSwitcher({ store }: { store: GodebugStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const sel = store.selected;
  const errors = store.findings.filter((f) => f.severity === 'error');
  const warnings = store.findings.filter((f) => f.severity === 'warning');
  return (
    <span className="godebug-switcher">
      <label title="GODEBUG profile applied to new go run, go test and shell consoles">
        GODEBUG{' '}
        <select data-testid="godebug-profile" value={store.selectedId} onChange={(e) => store.select(e.target.value)}>
          <option value="">off</option>
          {store.profiles.map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.name}
              {p.builtin ? '' : ' (yours)'}: {p.godebug}
            </option>
          ))}
        </select>
      </label>
      {sel && (errors.length > 0 || warnings.length > 0) && (
        <span
          className={`finding-badge ${errors.length ? 'error' : 'warning'}`}
          data-testid="godebug-findings"
          title={store.findings.map((f) => `${f.severity}: ${f.message}`).join('\n')}
        >
          {errors.length ? `⚠ ${errors.length} problem${errors.length > 1 ? 's' : ''}` : `${warnings.length} warning${warnings.length > 1 ? 's' : ''}`}
        </span>
      )}
    </span>
  );
}
