// Recognised module errors, each explained next to its raw message, with the commands to investigate.
// gopsy shows these commands; it never runs them.
import type { ModuleErrorExplanation } from '../../../../shared/contract/binaryTypes';

export function ModuleExplanations({ items }: { items: ModuleErrorExplanation[] }) {
  return (
    <>
      {items.map((e, i) => (
        <div key={i} className="explanation" data-testid="module-explanation">
          <strong>{e.title}</strong>
          <pre className="mono">{e.raw}</pre>
          <p>{e.explanation}</p>
          <div className="muted">To investigate (gopsy does not run these for you):</div>
          <pre className="mono">{e.commands.join('\n')}</pre>
        </div>
      ))}
    </>
  );
}
