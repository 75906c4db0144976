// The functions of the package picked, grouped by origin (its own first, then what the compiler
// made), with a filter that doubles as a name to capture.
import { useMemo } from 'react';
import type { SsaFuncInfo } from '../../../../shared/contract/ssa';
import { noFunctionsText } from './defaultPackage';
import { groupFunctions, ORIGIN_TITLES } from './funcOrder';
import type { SsaSnapshot, SsaStore } from './ssaStore';

interface Props {
  store: SsaStore;
  snap: SsaSnapshot;
  funcs: SsaFuncInfo[] | null;
  /** A capture runs or the view waits: no new capture by name. */
  blocked: boolean;
  /** The list's height, when the phase list shares the side with it. */
  height: number | undefined;
  onCapture: (name: string) => void;
}

export function FunctionList({ store, snap: { funcFilter, pkg, packages, test }, funcs, blocked, height, onCapture }: Props) {
  const funcGroups = useMemo(() => groupFunctions(funcs ?? [], pkg, funcFilter), [funcs, pkg, funcFilter]);
  return (
    <>
      <div className="ssa-func-tools">
        <input
          type="search"
          placeholder={funcs ? `filter ${funcs.length} functions, or a name to capture` : 'filter functions'}
          value={funcFilter}
          onChange={(e) => store.set({ funcFilter: e.target.value })}
          onKeyDown={(e) => e.key === 'Enter' && funcFilter && !blocked && onCapture(funcFilter)}
          data-testid="ssa-func-filter"
        />
        <button onClick={() => onCapture(funcFilter)} disabled={!funcFilter || blocked} title="Capture the function with exactly this name">
          Capture name
        </button>
      </div>
      <div className="ssa-funcs" data-testid="ssa-functions" style={height !== undefined ? { height, flex: 'none' } : undefined}>
        {funcGroups.map(({ origin, funcs: inGroup }) => (
          <div key={origin} data-origin={origin} data-testid="ssa-func-group">
            <div className="ssa-func-group">
              {ORIGIN_TITLES[origin]} <span className="muted">{inGroup.length}</span>
            </div>
            {inGroup.map((f) => (
              <div key={f.name} className={`ssa-func origin-${origin}`} onClick={() => onCapture(f.name)} title={`${f.name}\n${f.file}${f.line === null ? '' : `:${f.line}`}`}>
                {f.name}
              </div>
            ))}
          </div>
        ))}
        {funcs && funcGroups.length === 0 && (
          <div className="muted" data-testid="ssa-no-functions">
            {funcs.length === 0 ? noFunctionsText(packages.find((p) => p.dir === pkg), test) : 'no function matches'}
          </div>
        )}
      </div>
    </>
  );
}
