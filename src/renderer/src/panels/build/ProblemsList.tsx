// Compile errors of a failed build; clicking one opens the source at that line and byte column.
import type { CompileError } from '../../../../shared/api';
import type { SourceTarget } from '../viewProps';

export function ProblemsList({ errors, onOpen }: { errors: CompileError[]; onOpen: (t: SourceTarget) => void }) {
  if (errors.length === 0) return <p className="muted">No compile errors.</p>;
  return (
    <ul className="problems" data-testid="build-problems">
      {errors.map((e, i) => (
        <li key={i}>
          <button className="link" onClick={() => onOpen({ path: e.path, line: e.line, ...(e.column ? { byteColumn: e.column } : {}) })}>
            {e.path}:{e.line}
            {e.column ? `:${e.column}` : ''}
          </button>{' '}
          {e.message} {e.package && <span className="muted">({e.package})</span>}
        </li>
      ))}
    </ul>
  );
}
