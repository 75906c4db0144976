// Recognises module authentication and resolution failures in go command output and says what they
// mean, with the commands a user would run to look closer. gopsy shows these; it never runs them,
// never edits go.sum and never clears a module cache. Messages: cmd/go modfetch/fetch.go, modload/import.go.
import type { ModuleErrorExplanation } from '../../shared/contract/binaryTypes';

const MISMATCH = /^verifying (\S+?)@(\S+?)(\/go\.mod)?: checksum mismatch$/;
const MISSING_SUM = /missing go\.sum entry for module providing package (\S+)(?: \(imported by (\S+)\))?/;
const MISSING_SUM_MOD = /missing go\.sum entry for go\.mod file/;
const DIR_MODIFIED = /^(\S+) (\S+): dir has been modified \((.+)\)$/;
const ZIP_MODIFIED = /^(\S+) (\S+): zip has been modified \((.+)\)$/;
const MISSING_ZIPHASH = /^(\S+) (\S+): missing ziphash: (.+)$/;
const SUMDB_MISSING = /^verifying (\S+?)@(\S+?): checksum missing from sumdb response/;
const UNKNOWN_HASHES = /^(?:go: )?warning: verifying (\S+?)@(\S+?): unknown hashes in go\.sum/;

/** The indented lines that follow a message (`\tdownloaded: h1:…`, `\tgo.sum: h1:…`). */
function withDetail(lines: string[], i: number): string {
  const out = [lines[i]!];
  for (let j = i + 1; j < lines.length && /^\t/.test(lines[j]!); j++) out.push(lines[j]!);
  return out.join('\n');
}

export function explainModuleErrors(text: string): ModuleErrorExplanation[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: ModuleErrorExplanation[] = [];
  lines.forEach((line, i) => {
    let m = MISMATCH.exec(line.replace(/^go: /, ''));
    if (m) {
      const [, mod, ver, goModOnly] = m;
      const raw = withDetail(lines, i);
      const against = /sum\.golang\.org|checksum server|^\t\S+: h1:/m.test(raw) && !/\tgo\.sum:/.test(raw) ? 'the checksum database' : 'go.sum';
      out.push({
        kind: 'checksum-mismatch',
        title: `Checksum mismatch for ${mod}@${ver}${goModOnly ? ' (its go.mod file)' : ''}`,
        module: mod!,
        version: ver!,
        explanation:
          `The ${goModOnly ? 'go.mod file' : 'module zip'} the go command downloaded for ${mod}@${ver} does not hash to what ${against} records. ` +
          'Either the source (your GOPROXY, a private proxy, the origin repository) now serves different bits for the same version, ' +
          'or go.sum holds a wrong line (a bad merge, a hand edit). A released version must never change: find out which side is wrong before ' +
          'touching go.sum. The go command refuses to build with it, which is the point.',
        commands: [
          'go env GOPROXY GONOSUMDB GOPRIVATE GOFLAGS',
          `grep '${mod} ${ver}' go.sum`,
          `go mod download -json ${mod}@${ver}`,
          'git log -p -- go.sum',
          'go clean -modcache   # only once you know the cached copy is the wrong one',
        ],
        raw,
      });
      return;
    }
    m = MISSING_SUM.exec(line);
    if (m || MISSING_SUM_MOD.test(line)) {
      const raw = withDetail(lines, i);
      out.push({
        kind: 'missing-go-sum',
        title: m ? `No go.sum entry for the module providing ${m[1]}` : 'No go.sum entry for a go.mod file',
        explanation:
          'go.sum has no checksum for a module the build needs, and the go command does not add one on its own in a build ' +
          '(-mod=readonly is the default). The entry is usually missing because go.mod was edited by hand, or go.sum was not committed ' +
          'with it. Adding it downloads the module and records its hash: check that the module is the one you expect.',
        commands: ['go mod why -m all 2>/dev/null | head', 'go mod tidy -diff', ...(/\tgo get .+/.exec(raw) ? [raw.split('\t').pop()!.trim()] : ['go mod download'])],
        raw,
      });
      return;
    }
    for (const [re, kind, what] of [
      [DIR_MODIFIED, 'dir-modified', 'The extracted copy of'],
      [ZIP_MODIFIED, 'zip-modified', 'The downloaded zip of'],
    ] as const) {
      m = re.exec(line);
      if (m) {
        out.push({
          kind,
          title: `${m[1]} ${m[2]} was modified in the module cache`,
          module: m[1]!,
          version: m[2]!,
          explanation:
            `${what} ${m[1]} ${m[2]} in the module cache (${m[3]}) no longer matches the hash recorded when it was downloaded. ` +
            'Something wrote into the cache (an editor, a script, a tool run with -modcacherw), so builds use code that is not the published module.',
          commands: [`ls -la ${m[3]}`, `go mod download -json ${m[1]}@${m[2]}`, 'go clean -modcache   # then go mod download to fetch clean copies'],
          raw: line,
        });
        return;
      }
    }
    m = MISSING_ZIPHASH.exec(line);
    if (m) {
      out.push({
        kind: 'missing-ziphash',
        title: `${m[1]} ${m[2]} has no recorded hash in the module cache`,
        module: m[1]!,
        version: m[2]!,
        explanation: 'The module cache holds the module but not the .ziphash file written at download, so go mod verify cannot check it.',
        commands: [`go mod download -json ${m[1]}@${m[2]}`, 'go env GOMODCACHE'],
        raw: line,
      });
      return;
    }
    m = SUMDB_MISSING.exec(line);
    if (m) {
      out.push({
        kind: 'sumdb-missing',
        title: `The checksum database has no entry for ${m[1]}@${m[2]}`,
        module: m[1]!,
        version: m[2]!,
        explanation: 'The checksum database answered without this module version. Private modules should not be looked up there: list them in GOPRIVATE or GONOSUMDB.',
        commands: ['go env GOSUMDB GONOSUMDB GOPRIVATE', `go mod download -json ${m[1]}@${m[2]}`],
        raw: withDetail(lines, i),
      });
      return;
    }
    m = UNKNOWN_HASHES.exec(line);
    if (m) {
      out.push({
        kind: 'unknown-hashes',
        title: `go.sum lists hashes of an unknown kind for ${m[1]}@${m[2]}`,
        module: m[1]!,
        version: m[2]!,
        explanation: 'go.sum has a line for this module whose hash algorithm this go version does not know (only h1: exists today).',
        commands: [`grep '${m[1]} ${m[2]}' go.sum`],
        raw: line,
      });
    }
  });
  return out;
}
