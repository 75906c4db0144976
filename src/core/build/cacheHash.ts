// Parses what the go command prints with GODEBUG=gocachehash=1 (stderr): every input hashed into each
// action's cache key, one record per build, link or vet action, with the action ID it came to.
// Lines of parallel actions interleave, but each carries its action's name: `HASH[build P]` opens a
// hash, `HASH[build P]: "…"` is one write (Go-quoted), `HASH[build P]: <64 hex>` is the sum.
// `HASH /abs/file: <sha256>` lines (a file hashed for the first time in the process) carry no action;
// they are tied to the `file NAME ID` line whose ID is that sha256's build-ID form.
// Every action ID is checked by hashing the printed writes again: a record that does not add up (cut
// short, garbled, lines lost) is marked incomplete, so no reason is ever read from it.
// Line formats: cmd/go/internal/cache/hash.go (debugHash), work/exec.go (buildActionID, linkActionID,
// vet), checked against the real output of go1.26.8 and go1.24.0.
import { sha256Hex } from '../sha256';

export type HashInputKind = 'toolchain' | 'flag' | 'env' | 'file' | 'dependency' | 'cgo' | 'embed' | 'other';

/** A part of a line that holds several settings (the compile line: tool, forced flags, -gcflags). */
export interface HashInputField {
  name: string;
  value: string;
  kind: HashInputKind;
}

export interface HashInput {
  kind: HashInputKind;
  /** The line as hashed (decoded from Go's quoting), without its final newline. */
  text: string;
  /** What the line is about; the same slot in two runs is compared ("file ledger.go", "import fmt", "GOAMD64"). */
  slot: string;
  /** The part that differs between runs in this slot. */
  value: string;
  fields?: HashInputField[];
  /** file and embed: the name relative to the package directory. */
  file?: string;
  /** file and embed: the full sha256 and absolute path, when this run printed them (once per file per process). */
  sha256?: string;
  path?: string;
  /** dependency: the action it stands for and which of that action's hashes the line names. */
  dependency?: { action: string; id: string; idKind: 'content' | 'action' | 'buildid' | 'vetout' };
}

export interface CacheHashAction {
  /** The hash's name: "build example.org/x/ledger", "link example.org/x", "vet example.org/x/ledger". */
  key: string;
  /** build, link, vet, linkShared. */
  mode: string;
  /** The package's import path ("" for linkShared). */
  package: string;
  inputs: HashInput[];
  /** The action ID (64 hex), when its sum line was read. */
  actionId?: string;
  /** The opening line, every write and the sum were read, and the sum matches the writes. */
  complete: boolean;
  /** From the `omitdebug … standard true …` line: a standard-library package. */
  standard?: boolean;
  /** From the `dir` line (absent for GOROOT packages and with -trimpath). */
  dir?: string;
  problems: string[];
}

export interface CacheHashRun {
  /** Actions in the order their hash began. */
  actions: CacheHashAction[];
  /** The toolchain that printed it (the hash salt, e.g. "go1.26.8"). */
  goVersion?: string;
  /** The main module, from a main package's build info (`mod` line). */
  mainModule?: string;
  /** Module paths the output names (build info `mod`/`dep` lines, -trimpath `module` lines). */
  modules: string[];
  /** Module roots the module index names (`modroot` lines). */
  moduleRoots: string[];
  /** Some action is incomplete or a line could not be read. */
  incomplete: boolean;
  problems: string[];
  /** Lines that are not hash output (the go command's other stderr). */
  otherLines: number;
}

const ACTION_MODES = new Set(['build', 'link', 'vet', 'linkShared']);
const HEX64 = /^[0-9a-f]{64}$/;
/** Go's %q of a []string: `[]` or `["-N" "-l"]`. */
const QLIST = String.raw`\[(?:"(?:[^"\\]|\\.)*"(?: "(?:[^"\\]|\\.)*")*)?\]`;
const QSTR = String.raw`"(?:[^"\\]|\\.)*"`;
/** File kinds the go command compiles or assembles; any other file in a build action is an embedded one. */
const SOURCE_EXT = /\.(go|c|cc|cpp|cxx|m|h|hh|hpp|hxx|f|F|for|f90|s|S|sx|syso|swig|swigcxx)$/;

/**
 * Decodes a Go double-quoted literal (strconv.Quote) to its bytes, or null when it is not one.
 * Unescaped characters stand for their UTF-8 bytes; `\x` escapes for single (possibly non-UTF-8) bytes.
 */
export function goUnquoteBytes(lit: string): Uint8Array | null {
  if (lit.length < 2 || !lit.startsWith('"') || !lit.endsWith('"')) return null;
  const out: number[] = [];
  const enc = new TextEncoder();
  const body = lit.slice(1, -1);
  for (let i = 0; i < body.length;) {
    const c = body[i]!;
    if (c === '"') return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of enc.encode(ch)) out.push(b);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    const simple: Record<string, number> = {
      a: 7,
      b: 8,
      f: 12,
      n: 10,
      r: 13,
      t: 9,
      v: 11,
      '\\': 92,
      '"': 34,
      "'": 39,
    };
    if (e !== undefined && e in simple) {
      out.push(simple[e]!);
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (
      (e === 'u' || e === 'U') &&
      new RegExp(`^[0-9a-fA-F]{${e === 'u' ? 4 : 8}}$`).test(body.slice(i + 2, i + (e === 'u' ? 6 : 10)))
    ) {
      const n = e === 'u' ? 4 : 8;
      const cp = parseInt(body.slice(i + 2, i + 2 + n), 16);
      if (cp > 0x10ffff) return null;
      for (const b of enc.encode(String.fromCodePoint(cp))) out.push(b);
      i += 2 + n;
    } else if (e !== undefined && /^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      out.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 4;
    } else {
      return null;
    }
  }
  return Uint8Array.from(out);
}

const utf8 = new TextDecoder('utf-8');

/** Decodes a Go-quoted literal to text (invalid UTF-8 becomes U+FFFD), or null. */
export function goUnquote(lit: string): string | null {
  const b = goUnquoteBytes(lit);
  return b ? utf8.decode(b) : null;
}

/** Go's %q of a []string, as its strings. */
export function goQuotedList(list: string): string[] {
  return [...list.matchAll(new RegExp(QSTR, 'g'))].map((m) => goUnquote(m[0]) ?? m[0]);
}

/** cmd/internal/buildid.HashToString: the 20-character form of a hash used in build IDs and `file` lines. */
export function hashToString(hex: string): string {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < 5; i++) {
    const v = parseInt(hex.slice(6 * i, 6 * i + 6), 16);
    s += b64[(v >> 18) & 63]! + b64[(v >> 12) & 63]! + b64[(v >> 6) & 63]! + b64[v & 63]!;
  }
  return s;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface OpenHash {
  action: CacheHashAction;
  writes: Uint8Array[];
  sawStart: boolean;
  garbled: boolean;
}

/** Parses GODEBUG=gocachehash=1 output (other stderr lines may be mixed in; they are counted and skipped). */
export function parseCacheHash(text: string): CacheHashRun {
  const run: CacheHashRun = {
    actions: [],
    modules: [],
    moduleRoots: [],
    incomplete: false,
    problems: [],
    otherLines: 0,
  };
  const open = new Map<string, OpenHash>();
  const fileHashes = new Map<string, { path: string; sha256: string }>();
  const modules = new Set<string>();
  const roots = new Set<string>();
  const all: OpenHash[] = [];

  const startAction = (key: string, sawStart: boolean): OpenHash => {
    const sp = key.indexOf(' ');
    const mode = sp < 0 ? key : key.slice(0, sp);
    const action: CacheHashAction = {
      key,
      mode,
      package: sp < 0 ? '' : key.slice(sp + 1),
      inputs: [],
      complete: false,
      problems: [],
    };
    const h: OpenHash = { action, writes: [], sawStart, garbled: false };
    if (!sawStart)
      action.problems.push('its first lines are missing (the output starts in the middle of it)');
    open.set(key, h);
    all.push(h);
    run.actions.push(action);
    return h;
  };

  const lines = text.split('\n');
  // A last line without its newline was cut off: it is read only if it still parses completely.
  lines.forEach((raw, idx) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' && idx === lines.length - 1) return;
    if (!line.startsWith('HASH')) {
      if (line.includes('HASH['))
        run.problems.push(`line ${idx + 1} is cut or garbled: ${line.slice(0, 80)}`);
      else run.otherLines++;
      return;
    }
    const named = /^HASH\[(.+?)\](?=$|: )(.*)$/.exec(line);
    if (!named) {
      const file = /^HASH (.+): ([0-9a-f]{64})$/.exec(line);
      if (file) {
        fileHashes.set(hashToString(file[2]!), { path: file[1]!, sha256: file[2]! });
        return;
      }
      if (/^HASH subkey [0-9a-f]{64} "(?:[^"\\]|\\.)*" = [0-9a-f]{64}$/.test(line)) return;
      // `HASH /abs/file: open …: no such file` (the file could not be read) is output too.
      if (/^HASH \S.*: \S/.test(line) && !line.startsWith('HASH[')) return;
      run.problems.push(`line ${idx + 1} is cut or garbled: ${line.slice(0, 80)}`);
      return;
    }
    const name = named[1]!;
    const rest = named[2]!;
    const mode = name.split(' ', 1)[0]!;
    if (!ACTION_MODES.has(mode)) {
      // The module index, test caching, the C compiler's ID…: not actions. Only module roots are kept.
      const root = /^: "modroot (.*)\\n"$/.exec(rest);
      if (root) roots.add(goUnquote(`"${root[1]!}"`) ?? root[1]!);
      return;
    }
    if (rest === '') {
      const prev = open.get(name);
      if (prev) {
        prev.action.problems.push('its hash never finished: a new hash with the same name began');
        prev.garbled = true;
      }
      startAction(name, true);
      return;
    }
    const h = open.get(name) ?? startAction(name, false);
    const value = rest.slice(2);
    if (HEX64.test(value)) {
      h.action.actionId = value;
      open.delete(name);
      return;
    }
    const bytes = value.startsWith('"') ? goUnquoteBytes(value) : null;
    if (!bytes) {
      h.action.problems.push(`line ${idx + 1} is cut or garbled`);
      h.garbled = true;
      return;
    }
    h.writes.push(bytes);
  });

  for (const h of all) {
    const a = h.action;
    a.inputs = h.writes.map((w, i) => classify(utf8.decode(w), i === 0 && h.sawStart, a));
    dedupeSlots(a.inputs);
    for (const input of a.inputs) {
      if (input.file !== undefined) {
        const known = fileHashes.get(input.value);
        if (known) {
          input.sha256 = known.sha256;
          input.path = known.path;
        }
      }
      if (input.slot === 'module') modules.add(input.value.replace(/@.*$/, ''));
      if (input.slot === 'modinfo') {
        for (const l of input.value.split('\n')) {
          const f = l.split('\t');
          if (f[0] === 'mod' && f[1]) {
            modules.add(f[1]);
            run.mainModule ??= f[1];
          }
          if (f[0] === 'dep' && f[1]) modules.add(f[1]);
        }
      }
    }
    if (h.sawStart && a.inputs[0]?.slot === 'go version') run.goVersion ??= a.inputs[0].value;
    if (!a.actionId) {
      a.problems.push('its hash has no sum (the output ends before it)');
    } else if (!h.garbled && h.sawStart) {
      let len = 0;
      for (const w of h.writes) len += w.length;
      const all = new Uint8Array(len);
      let off = 0;
      for (const w of h.writes) {
        all.set(w, off);
        off += w.length;
      }
      if (sha256Hex(all) === a.actionId) a.complete = true;
      else
        a.problems.push('its printed inputs do not add up to its action ID (lines are missing or damaged)');
    }
    if (!a.complete) run.incomplete = true;
  }
  if (run.problems.length) run.incomplete = true;
  run.modules = [...modules].sort();
  run.moduleRoots = [...roots].sort();
  return run;
}

function dedupeSlots(inputs: HashInput[]): void {
  const seen = new Map<string, number>();
  for (const input of inputs) {
    const n = seen.get(input.slot) ?? 0;
    seen.set(input.slot, n + 1);
    if (n > 0) input.slot = `${input.slot} #${n + 1}`;
  }
}

function line(
  kind: HashInputKind,
  text: string,
  slot: string,
  value: string,
  extra: Partial<HashInput> = {},
): HashInput {
  return { kind, text, slot, value, ...extra };
}

/** Gives one hashed line its kind and slot. `salt` marks the first write (the toolchain version). */
function classify(raw: string, salt: boolean, action: CacheHashAction): HashInput {
  const text = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
  if (salt) return line('toolchain', text, 'go version', text);
  let m: RegExpExecArray | null;
  if (text === action.mode || text === 'compile' || text === 'link') return line('other', text, 'mode', text);
  if ((m = /^dir (.*)$/.exec(text))) {
    action.dir = m[1]!;
    return line('other', text, 'dir', m[1]!);
  }
  if ((m = /^module (.*)$/.exec(text))) return line('other', text, 'module', m[1]!);
  if ((m = /^go (\S+)$/.exec(text))) return line('other', text, 'go directive', m[1]!);
  if ((m = /^goos (\S+) goarch (\S+)$/.exec(text))) {
    return line('env', text, 'goos goarch', text, {
      fields: [
        { name: 'GOOS', value: m[1]!, kind: 'env' },
        { name: 'GOARCH', value: m[2]!, kind: 'env' },
      ],
    });
  }
  if ((m = /^buildmode (\S+) goos (\S+) goarch (\S+)$/.exec(text))) {
    return line('flag', text, 'buildmode', text, {
      fields: [
        { name: '-buildmode', value: m[1]!, kind: 'flag' },
        { name: 'GOOS', value: m[2]!, kind: 'env' },
        { name: 'GOARCH', value: m[3]!, kind: 'env' },
      ],
    });
  }
  if ((m = new RegExp(`^import (${QSTR})$`).exec(text))) return line('other', text, 'import path', m[1]!);
  if ((m = /^omitdebug (\S+) standard (\S+) local (\S+) prefix (.*)$/.exec(text))) {
    action.standard = m[2] === 'true';
    return line('other', text, 'omitdebug', text);
  }
  if (text === 'trimpath') return line('flag', text, 'trimpath', text);
  if (text === 'forcelibrary') return line('other', text, 'forcelibrary', text);
  if ((m = /^cgo (.*)$/.exec(text))) return line('cgo', text, 'cgo tool', m[1]!);
  if ((m = /^(CC|CXX|FC)( ID| ID ERROR)?=(.*)$/.exec(text)))
    return line('cgo', text, `${m[1]!}${m[2] ? ' ID' : ''}`, m[3]!);
  if ((m = /^(cover|fuzz) (.*)$/.exec(text))) return line('flag', text, m[1]!, m[2]!);
  if ((m = new RegExp(`^modinfo (${QSTR})$`).exec(text)))
    return line('other', text, 'modinfo', goUnquote(m[1]!) ?? m[1]!);
  if ((m = new RegExp(`^compile (.*) (${QLIST}) (${QLIST})$`).exec(text))) {
    return line('toolchain', text, 'compile', text, {
      fields: [
        { name: 'compiler', value: m[1]!, kind: 'toolchain' },
        { name: 'forced compiler flags', value: m[2]!, kind: 'flag' },
        { name: '-gcflags', value: m[3]!, kind: 'flag' },
      ],
    });
  }
  if ((m = new RegExp(`^asm (${QSTR}) (${QLIST}) (${QLIST})$`).exec(text))) {
    return line('toolchain', text, 'asm', text, {
      fields: [
        { name: 'assembler', value: goUnquote(m[1]!) ?? m[1]!, kind: 'toolchain' },
        { name: 'forced assembler flags', value: m[2]!, kind: 'flag' },
        { name: '-asmflags', value: m[3]!, kind: 'flag' },
      ],
    });
  }
  if ((m = new RegExp(`^link (.*) (${QLIST}) (\\S*)$`).exec(text))) {
    return line('toolchain', text, 'link tool', text, {
      fields: [
        { name: 'linker', value: m[1]!, kind: 'toolchain' },
        { name: 'forced linker flags', value: m[2]!, kind: 'flag' },
        { name: 'link mode', value: m[3]!, kind: 'flag' },
      ],
    });
  }
  if ((m = new RegExp(`^linkflags (${QLIST})$`).exec(text))) return line('flag', text, '-ldflags', m[1]!);
  if ((m = new RegExp(`^defaultgodebug (${QSTR})$`).exec(text)))
    return line('other', text, 'default GODEBUG', goUnquote(m[1]!) ?? m[1]!);
  if ((m = /^magic ([A-Z0-9_]+)=(.*)$/.exec(text))) return line('env', text, m[1]!, m[2]!);
  if ((m = /^(GO[A-Z0-9_]*)=(.*)$/.exec(text))) {
    const v = m[1] === 'GOEXPERIMENT' ? (goUnquote(m[2]!) ?? m[2]!) : m[2]!;
    return line('env', text, m[1]!, v);
  }
  if ((m = /^file (.+) ([A-Za-z0-9_-]{20}|)$/.exec(text))) {
    const file = m[1]!;
    return line(SOURCE_EXT.test(file) ? 'file' : 'embed', text, `file ${file}`, m[2]!, { file });
  }
  if ((m = /^pgofile (\S*)$/.exec(text)))
    return line('file', text, 'pgofile', m[1]!, { file: 'PGO profile' });
  // A test variant's path has a space: `import example.org/p [example.org/p.test] <id>`.
  if ((m = /^import (.+) ([A-Za-z0-9_-]*)$/.exec(text))) {
    return line('dependency', text, `import ${m[1]!}`, m[2]!, {
      dependency: { action: `build ${m[1]!}`, id: m[2]!, idKind: 'content' },
    });
  }
  if ((m = /^packagefile (.+)=(\S*)$/.exec(text))) {
    return line('dependency', text, `packagefile ${m[1]!}`, m[2]!, {
      dependency: { action: `build ${m[1]!}`, id: m[2]!, idKind: 'content' },
    });
  }
  if ((m = /^packagemain (\S+)$/.exec(text))) {
    return line('dependency', text, 'packagemain', m[1]!, {
      dependency: { action: `build ${action.package}`, id: m[1]!, idKind: 'buildid' },
    });
  }
  if ((m = /^packageshlib (.+)=(\S*)$/.exec(text))) {
    return line('dependency', text, `packageshlib ${m[1]!}`, m[2]!, {
      dependency: { action: `build ${m[1]!}`, id: m[2]!, idKind: 'content' },
    });
  }
  if ((m = new RegExp(`^vet (${QSTR})$`).exec(text)))
    return line('toolchain', text, 'vet tool', goUnquote(m[1]!) ?? m[1]!);
  if ((m = new RegExp(`^vetflags (${QLIST})$`).exec(text))) return line('flag', text, 'vetflags', m[1]!);
  if ((m = new RegExp(`^pkg (${QSTR})$`).exec(text))) {
    const id = goUnquoteBytes(m[1]!);
    const hex = id ? toHex(id) : m[1]!;
    return line('dependency', text, 'pkg', hex, {
      dependency: { action: `build ${action.package}`, id: hex, idKind: 'action' },
    });
  }
  if ((m = new RegExp(`^vetout (${QSTR}) (\\S*)$`).exec(text))) {
    const pkg = goUnquote(m[1]!) ?? m[1]!;
    return line('dependency', text, `vetout ${pkg}`, m[2]!, {
      dependency: { action: `vet ${pkg}`, id: m[2]!, idKind: 'vetout' },
    });
  }
  return line('other', text, text, text);
}
