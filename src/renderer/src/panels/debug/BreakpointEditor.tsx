// Edits one breakpoint: condition, hit count, log message (a logpoint prints instead of stopping).
import { useState } from 'react';
import type { BreakpointSpec, BreakpointState } from '../../../../shared/api';

interface Props {
  path: string;
  line: number;
  current: BreakpointState | undefined;
  onSave: (spec: BreakpointSpec) => void;
  onRemove: () => void;
  onCancel: () => void;
}

export function BreakpointEditor({ path, line, current, onSave, onRemove, onCancel }: Props) {
  const [condition, setCondition] = useState(current?.condition ?? '');
  const [hitCondition, setHitCondition] = useState(current?.hitCondition ?? '');
  const [logMessage, setLogMessage] = useState(current?.logMessage ?? '');
  const save = () =>
    onSave({
      line,
      ...(condition.trim() ? { condition } : {}),
      ...(hitCondition.trim() ? { hitCondition } : {}),
      ...(logMessage.trim() ? { logMessage } : {}),
    });
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form
        className="modal bp-editor"
        data-testid="breakpoint-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2>
          Breakpoint at {path}:{line}
        </h2>
        {current?.verified === false && <p className="banner error">Not placed: {current.message ?? 'Delve could not place it'}</p>}
        <label>
          Condition (a Go expression; stops only when true)
          <input autoFocus value={condition} onChange={(e) => setCondition(e.target.value)} placeholder="it.Qty > 100" />
        </label>
        <label>
          Hit count (e.g. 5, &gt;= 5, % 2)
          <input value={hitCondition} onChange={(e) => setHitCondition(e.target.value)} placeholder="> 2" />
        </label>
        <label>
          Log message (makes it a logpoint; {'{expr}'} is replaced by the value)
          <input value={logMessage} onChange={(e) => setLogMessage(e.target.value)} placeholder="added {it.SKU}" />
        </label>
        <div className="modal-actions">
          {current && (
            <button type="button" onClick={onRemove}>
              Remove
            </button>
          )}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit">Save</button>
        </div>
      </form>
    </div>
  );
}
