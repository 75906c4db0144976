// Reads `go version`, `go env -json` and plain `go env NAME...` output.

export interface GoVersion {
  /** e.g. "go1.26.8", or a devel string. */
  version: string;
  goos: string;
  goarch: string;
}

/** Parses "go version go1.26.8 linux/amd64" (also "devel go1.27-abc123 ..." builds). */
export function parseGoVersion(text: string): GoVersion | null {
  const m = /^go version (.+?) ([a-z0-9]+)\/([a-z0-9]+)\s*$/m.exec(text);
  if (!m) return null;
  return { version: m[1]!, goos: m[2]!, goarch: m[3]! };
}

/** Parses `go env -json`: an object of string values. */
export function parseGoEnv(text: string): Record<string, string> | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Parses plain `go env A B ...`: one value a line, in the order asked, trimmed ('' for a missing line). */
export function parseGoEnvValues(text: string, count: number): string[] {
  const lines = text.split('\n');
  return Array.from({ length: count }, (_, i) => lines[i]?.trim() ?? '');
}
