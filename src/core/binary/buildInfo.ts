// Parses `go version -m BIN`: the Go version, the main package, module versions (with `=>` replacements)
// and the build settings (-trimpath, CGO_ENABLED, GOAMD64, vcs.*) the go command stamped into the binary.
import type { BuildInfo, ModuleVersion } from '../../shared/contract/binaryTypes';

/** Go quotes a key or value that holds spaces, tabs, quotes or `=` (debug/buildinfo); JSON reads that form. */
function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}

/** Splits `KEY=VALUE` where KEY may itself be quoted. */
function splitSetting(s: string): { key: string; value: string } {
  if (s.startsWith('"')) {
    const end = /^"(?:[^"\\]|\\.)*"/.exec(s);
    if (end) return { key: unquote(end[0]), value: unquote(s.slice(end[0].length + 1)) };
  }
  const eq = s.indexOf('=');
  return eq < 0 ? { key: s, value: '' } : { key: s.slice(0, eq), value: unquote(s.slice(eq + 1)) };
}

function moduleOf(fields: string[]): ModuleVersion {
  const m: ModuleVersion = { path: fields[0] ?? '', version: fields[1] ?? '' };
  if (fields[2]) m.sum = fields[2];
  return m;
}

/** Returns null when the text is not `go version -m` output (e.g. "not a Go executable"). */
export function parseBuildInfo(text: string): BuildInfo | null {
  const lines = text.split('\n');
  const head = /^(.*): (go\S+|devel .+|unknown)$/.exec(lines[0]?.trimEnd() ?? '');
  if (!head) return null;
  const info: BuildInfo = { goVersion: head[2]!, deps: [], settings: [] };
  let last: ModuleVersion | undefined;
  for (const raw of lines.slice(1)) {
    if (!raw.startsWith('\t')) {
      if (raw.trim()) break; // the next binary's header
      continue;
    }
    const [kind, ...fields] = raw.slice(1).split('\t');
    switch (kind) {
      case 'path':
        info.path = fields[0];
        break;
      case 'mod':
        info.main = last = moduleOf(fields);
        break;
      case 'dep':
        last = moduleOf(fields);
        info.deps.push(last);
        break;
      case '=>':
        if (last) {
          last.replace = { path: fields[0] ?? '' };
          if (fields[1]) last.replace.version = fields[1];
          if (fields[2]) last.replace.sum = fields[2];
        }
        break;
      case 'build':
        info.settings.push(splitSetting(fields.join('\t')));
        break;
    }
  }
  return info;
}

/** The value of one build setting (`CGO_ENABLED`, `-trimpath`, `vcs.revision`...). */
export function buildSetting(info: BuildInfo, key: string): string | undefined {
  return info.settings.find((s) => s.key === key)?.value;
}
