// Entry-name rules for bundles. A name is a relative POSIX path made of plain segments: no way to
// climb out of the folder it is extracted into, on Linux, macOS or Windows.

export const MAX_ENTRY_NAME_BYTES = 1024;
export const MAX_SEGMENT_BYTES = 255;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Why a name is refused, or null when it is acceptable. */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name.includes('\0')) return 'the name contains a NUL byte';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\x00-\x1f\x7f]/.test(name)) return 'the name contains control characters';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'the name starts with a drive letter';
  if (utf8Length(name) > MAX_ENTRY_NAME_BYTES) return `the name is longer than ${MAX_ENTRY_NAME_BYTES} bytes`;
  const segments = name.split('/');
  for (const s of segments) {
    if (s === '') return name.endsWith('/') ? 'the name is a directory' : 'the name has an empty segment (//)';
    if (s === '..') return 'the name climbs out of the bundle (..)';
    if (s === '.') return 'the name has a "." segment';
    if (utf8Length(s) > MAX_SEGMENT_BYTES) return `a segment of the name is longer than ${MAX_SEGMENT_BYTES} bytes`;
  }
  return null;
}

/** Problems with a whole list of names: each name's own, then exact duplicates. */
export function entryNamesProblems(names: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const p = entryNameProblem(n);
    if (p) problems.push(`${JSON.stringify(n)}: ${p}`);
    if (seen.has(n)) problems.push(`${JSON.stringify(n)}: the name appears more than once`);
    seen.add(n);
  }
  return problems;
}
