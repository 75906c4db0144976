// The link step's wall time, from the action graph the go command writes with -debug-actiongraph=FILE
// (a JSON array of actions; the link action has Mode "link" and RFC 3339 TimeStart/TimeDone).
export function linkTimeMs(actionGraphJson: string): number | undefined {
  let actions: unknown;
  try {
    actions = JSON.parse(actionGraphJson);
  } catch {
    return undefined;
  }
  if (!Array.isArray(actions)) return undefined;
  for (const a of actions as Array<{ Mode?: unknown; TimeStart?: unknown; TimeDone?: unknown }>) {
    if (a?.Mode !== 'link' || typeof a.TimeStart !== 'string' || typeof a.TimeDone !== 'string') continue;
    const ms = Date.parse(a.TimeDone) - Date.parse(a.TimeStart);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  return undefined;
}
