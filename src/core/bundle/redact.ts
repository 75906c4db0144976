// Privacy rules for what goes into a bundle: values of variables whose names look secret, and
// credentials inside URLs (GOPROXY=https://user:token@proxy...), are replaced before anything is
// written. Pure functions over strings, so the save preview and the writer agree exactly.

export const REDACTED = '[redacted]';

/** Names that say "secret": GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD, GOOGLE_APPLICATION_CREDENTIALS... */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

// scheme://userinfo@ — userinfo is whatever sits before the first @ of the authority.
const URL_USERINFO = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/\s@'"<>]+)@/g;

/** Removes the user:password part of every URL in s. */
export function redactUrlCredentials(s: string): { text: string; count: number } {
  let count = 0;
  const text = s.replace(URL_USERINFO, (_m, scheme: string) => {
    count++;
    return `${scheme}${REDACTED}@`;
  });
  return { text, count };
}

export interface RedactionHit {
  /** The variable or key whose value was hidden, or "URL credentials". */
  name: string;
  count: number;
}

const addHit = (hits: Map<string, number>, name: string, n = 1) => hits.set(name, (hits.get(name) ?? 0) + n);
const toHits = (hits: Map<string, number>): RedactionHit[] =>
  [...hits].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));

/** An environment (go env, a run's env) with secret values and URL credentials replaced. */
export function redactEnv(env: Readonly<Record<string, string>>): { env: Record<string, string>; hits: RedactionHit[] } {
  const out: Record<string, string> = {};
  const hits = new Map<string, number>();
  for (const [name, value] of Object.entries(env)) {
    if (isSecretName(name) && value !== '') {
      out[name] = REDACTED;
      addHit(hits, name);
      continue;
    }
    const url = redactUrlCredentials(value);
    out[name] = url.text;
    if (url.count) addHit(hits, name, url.count);
  }
  return { env: out, hits: toHits(hits) };
}

// NAME=value as a shell, `env` or Go's -x output prints it; the value runs to a space or a quote.
const ASSIGNMENT = /(^|[\s'"(;])([A-Za-z_][A-Za-z0-9_]*)=([^\s'"&;|)]+)/g;
// "NAME": "value" in JSON (a run manifest's env object).
const JSON_PAIR = /"([A-Za-z_][A-Za-z0-9_.-]*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * True when text may hold something to redact: a secret-looking word, or a URL with an @. Cheap
 * (one scan), so big artefacts with nothing secret (ssa.html, traces) skip the per-line rules.
 */
export function mayNeedRedaction(text: string): boolean {
  return SECRET_NAME.test(text) || (text.includes('://') && text.includes('@'));
}

/**
 * One line of text (a console transcript, a -x log, a JSON manifest) with secrets hidden.
 * Only values are replaced, so JSON stays JSON and a log stays readable.
 */
export function redactLine(line: string): { text: string; hits: RedactionHit[] } {
  if (!mayNeedRedaction(line)) return { text: line, hits: [] };
  const hits = new Map<string, number>();
  let text = line.replace(ASSIGNMENT, (m, pre: string, name: string, value: string) => {
    if (!isSecretName(name) || value === REDACTED) return m;
    addHit(hits, name);
    return `${pre}${name}=${REDACTED}`;
  });
  text = text.replace(JSON_PAIR, (m, name: string, colon: string, value: string) => {
    if (!isSecretName(name) || value === '' || value === REDACTED) return m;
    addHit(hits, name);
    return `"${name}"${colon}"${REDACTED}"`;
  });
  const url = redactUrlCredentials(text);
  if (url.count) addHit(hits, 'URL credentials', url.count);
  return { text: url.text, hits: toHits(hits) };
}

/** Adds hit lists together (per file, per bundle). */
export function mergeHits(...lists: RedactionHit[][]): RedactionHit[] {
  const hits = new Map<string, number>();
  for (const l of lists) for (const h of l) addHit(hits, h.name, h.count);
  return toHits(hits);
}
