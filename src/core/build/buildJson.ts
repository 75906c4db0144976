// Parses `go build -json` output: JSON Lines of {ImportPath, Action: build-output|build-fail, Output}.
// With -x every command line arrives as a build-output event. Lines that are not JSON (early fatal
// errors on stderr, merged in a pty) are kept as plain text.

export interface BuildEvent {
  importPath: string;
  action: string;
  output?: string;
}

export interface BuildJsonResult {
  events: BuildEvent[];
  /** Lines that were not build events, in order. */
  text: string[];
}

export function parseBuildJson(text: string): BuildJsonResult {
  const events: BuildEvent[] = [];
  const plain: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const ev = line.startsWith('{') ? parseEvent(line) : null;
    if (ev) events.push(ev);
    else plain.push(line);
  }
  return { events, text: plain };
}

export function parseEvent(line: string): BuildEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { ImportPath, Action, Output } = v as Record<string, unknown>;
  if (typeof Action !== 'string') return null;
  const ev: BuildEvent = { importPath: typeof ImportPath === 'string' ? ImportPath : '', action: Action };
  if (typeof Output === 'string') ev.output = Output;
  return ev;
}

/** The packages the go command reported as failed (build-fail events). */
export function failedPackages(events: BuildEvent[]): string[] {
  return [...new Set(events.filter((e) => e.action === 'build-fail').map((e) => e.importPath))];
}

/** The text output of the events, per package in order, exactly as plain `go build` would print it. */
export function outputByPackage(events: BuildEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) if (e.output !== undefined) out.set(e.importPath, (out.get(e.importPath) ?? '') + e.output);
  return out;
}
