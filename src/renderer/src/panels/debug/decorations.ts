// Editor marks for the debugger: breakpoint glyphs (plain, conditional, logpoint, unverified) and the
// line where the program stopped.
import type { BreakpointState, DebugState } from '../../../../shared/api';
import type { LineDecoration } from '../editor/SourceEditor';

export function breakpointDecorations(path: string, breakpoints: BreakpointState[], state: DebugState): LineDecoration[] {
  const out: LineDecoration[] = breakpoints
    .filter((b) => b.path === path)
    .map((b) => {
      const kind = b.logMessage ? 'bp-log' : b.condition || b.hitCondition ? 'bp-cond' : 'bp';
      const unverified = b.verified === false;
      const details = [
        b.condition && `condition: ${b.condition}`,
        b.hitCondition && `hit count: ${b.hitCondition}`,
        b.logMessage && `log: ${b.logMessage}`,
        unverified && `not placed: ${b.message ?? 'Delve could not place it'}`,
      ].filter(Boolean);
      return {
        line: b.line,
        glyphClassName: `${kind}${unverified ? ' bp-unverified' : ''}`,
        hover: details.length ? details.join('\n\n') : 'breakpoint',
      };
    });
  const loc = state.status === 'stopped' ? state.location : undefined;
  if (loc && loc.path === path) out.push({ line: loc.line, className: 'debug-current-line', glyphClassName: 'debug-current-glyph' });
  return out;
}
