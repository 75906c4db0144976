// Which module version a file of the module cache belongs to, read from its path:
// <GOMODCACHE>/github.com/!burnt!sushi/toml@v1.4.0/decode.go is github.com/BurntSushi/toml@v1.4.0.

/** The module cache spells an upper-case letter as '!' plus the lower-case one (golang.org/x/mod/module). */
export function unescapeModulePath(escaped: string): string {
  return escaped.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * module@version of a path relative to GOMODCACHE ('/' separators), or null when it is not inside an
 * extracted module (the download cache, a bare folder).
 */
export function moduleOfCachePath(rel: string): string | null {
  const parts = rel.split('/');
  if (parts[0] === 'cache') return null;
  const at = parts.findIndex((p) => p.includes('@'));
  if (at < 0) return null;
  return unescapeModulePath(parts.slice(0, at + 1).join('/'));
}
