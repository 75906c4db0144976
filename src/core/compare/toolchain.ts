// What the go command says when GOTOOLCHAIN names a toolchain it cannot use, turned into one clear
// sentence. Messages checked on go1.26 (R): `go: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64:
// reading https://proxy.golang.org/...: 403 Forbidden` / `server response: This module version is not
// available.`, and `go: invalid GOTOOLCHAIN "banana"`.

export function toolchainProblem(version: string, stderr: string): string {
  const text = stderr.trim();
  const tail = text ? `\nThe go command said: ${text.slice(0, 1500)}` : '';
  if (/invalid GOTOOLCHAIN/.test(text)) return `"${version}" is not a toolchain name GOTOOLCHAIN accepts (write it like go1.24.0).${tail}`;
  if (/not available|404 Not Found|403 Forbidden|unknown revision|invalid version/.test(text)) {
    return `Go ${version} does not exist for this platform: the module proxy has no golang.org/toolchain module for it (check the version on go.dev/dl).${tail}`;
  }
  if (/requires go >=/.test(text)) return `The project needs a newer Go than ${version} (see its go.mod).${tail}`;
  if (/GOPROXY=off|dial tcp|no such host|connection refused|i\/o timeout|TLS handshake|network is unreachable/.test(text)) {
    return `Go ${version} could not be downloaded: the module proxy (GOPROXY) is unreachable from here, and the toolchain is not in the module cache.${tail}`;
  }
  return `Go ${version} could not be used.${tail}`;
}
