// "Why did this test run again?": parses what `go test` prints with GODEBUG=gocachetest=1 (its
// `testcache: PKG: …` lines, stderr) and, when gocachehash=1 is on too, the `HASH[testResult]`,
// `HASH[testInputs]` and `HASH[getenv]` blocks that name the test's flags and the env vars and files
// it read. explainTestCache then gives each package's reason, comparing with an earlier run's parse to
// tell a changed test binary from changed flags and to name the env var or file that changed.
// The go command caches a passing result under (test binary, cacheable flags) → (inputs the test read).
// Damaged lines are reported as problems and their package's reason is "other", never guessed.
import { goQuotedList, goUnquote } from './cacheHash';

export type TestCacheReasonKind = 'new' | 'binary' | 'flag' | 'env' | 'file' | 'uncacheable' | 'other';

export interface TestCacheReason {
  kind: TestCacheReasonKind;
  /** In a Go developer's words: "GOPSY_DEMO changed ("one" → "two")", "-count=1 turns off test caching". */
  detail: string;
}

/** One input the test read (from its testlog), as hashed into the input ID. */
export interface TestInput {
  op: 'env' | 'open' | 'stat' | 'chdir';
  /** The variable's name, or the file's absolute path. */
  name: string;
  /** The hash of its value (env) or of its size, mode and mtime (files). */
  hash: string;
  /** Whether the variable was set, when its HASH[getenv] block was printed. */
  set?: boolean;
  /** The variable's value, when printed; never kept for names that look like secrets. */
  value?: string;
}

/** The outcome of one cache lookup (the go command looks up twice: by link inputs, then by test binary). */
export type TestLookupOutcome =
  | 'hit'
  | 'input-list-not-found'
  | 'input-list-malformed'
  | 'output-not-found'
  | 'output-malformed'
  | 'expired'
  | 'input-file-too-new'
  | 'input-file-error'
  | 'coverage'
  | 'pending';

export interface TestLookup {
  /** Hex of the test binary's ID: the link action ID for the first lookup, the binary's content ID for the second. */
  binaryID: string;
  /** The test ID: binary, cacheable flags and exec command hashed together. */
  testID: string;
  /** Hash of the current values of the inputs the previous run recorded, when that list was found. */
  inputID?: string;
  outcome: TestLookupOutcome;
  /** The go command's own words after the package name, for outcomes other than a hit. */
  message?: string;
  /** The file named by an `input file` line. */
  file?: string;
}

export interface TestCachePackage {
  package: string;
  lookups: TestLookup[];
  /** Input ID of the result the go command stored after running the test. */
  savedInputID?: string;
  /** From the summary line: `ok … (cached)`, `ok … 0.01s`, `FAIL`, `? … [no test files]`. */
  result?: 'cached' | 'ok' | 'fail' | 'no-test-files';
  /** The test flags hashed into the first lookup's test ID (gocachehash=1 only), without `-test.`. */
  args?: string[];
  /** The inputs the first lookup hashed (gocachehash=1 only). */
  inputs?: TestInput[];
  /** The inputs recorded with the saved result (gocachehash=1 only). */
  savedInputs?: TestInput[];
  /** The package's directory, from its `HASH[build P]: "dir …"` line (gocachehash=1 only). */
  dir?: string;
  /** "caching disabled for package outside of module root, GOPATH, or GOROOT" was printed for it. */
  outside?: boolean;
  /** Lines of this package that could not be read: its reason is not guessed. */
  damaged: string[];
}

export interface TestCacheRun {
  packages: TestCachePackage[];
  /** A run-wide "caching disabled" line: the argument (`-test.count=1`), or `local directory mode`. */
  disabled?: { kind: 'argument' | 'local'; what: string };
  /** Whether any `testcache:` line was seen (GODEBUG=gocachetest=1 was on). */
  recognised: boolean;
  /** Lines or blocks that could not be read. */
  problems: string[];
}

export interface TestCacheRecord {
  package: string;
  cached: boolean;
  testID?: string;
  inputID?: string;
  /** Why it ran (the first of `reasons`); null when the result came from the cache. */
  reason: TestCacheReason | null;
  reasons: TestCacheReason[];
}

export interface TestCacheExplanation {
  records: TestCacheRecord[];
  problems: string[];
}

/** The prefix of the go command's GODEBUG=gocachetest=1 lines. */
export const TEST_CACHE_PREFIX = 'testcache: ';

/** Names whose values are never shown. */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|KEY|CREDENTIAL/i;

/** Flags the go command caches (`go help testflag`; cmd/go/internal/test tryCacheWithID). */
export const CACHEABLE_TEST_FLAGS = [
  '-benchtime',
  '-cpu',
  '-list',
  '-parallel',
  '-run',
  '-short',
  '-skip',
  '-timeout',
  '-failfast',
  '-v',
  '-fullpath',
  '-coverprofile',
  '-outputdir',
];

const HEX64 = '[0-9a-f]{64}';
const PKG = String.raw`(\S+)`;
const LINE = {
  inputs: new RegExp(`^testcache: ${PKG}: test ID (${HEX64}) => input ID (${HEX64}) => (${HEX64})$`),
  save: new RegExp(`^testcache: ${PKG}: save test ID (${HEX64}) => input ID (${HEX64}) => (${HEX64})$`),
  testID: new RegExp(`^testcache: ${PKG}: test ID ([0-9a-f]+) => (${HEX64})$`),
  listNotFound: new RegExp(`^testcache: ${PKG}: input list not found: (.+)$`),
  listMalformed: new RegExp(`^testcache: ${PKG}: input list malformed(?: \\((.*)\\))?$`),
  outputNotFound: new RegExp(`^testcache: ${PKG}: test output not found: (.+)$`),
  outputMalformed: new RegExp(`^testcache: ${PKG}: test output malformed$`),
  expired: new RegExp(`^testcache: ${PKG}: test output expired due to go clean -testcache$`),
  inputFile: new RegExp(`^testcache: ${PKG}: input file (.+): (file used as input is too new|.+)$`),
  coverage: new RegExp(
    `^testcache: ${PKG}: (cached cover profile missing|coverage metadata changed, re-running test): (.+)$`,
  ),
  reading: new RegExp(`^testcache: ${PKG}: (reading (?:testlog|cover profile): .+)$`),
  argument: /^testcache: caching disabled for test argument: (.+)$/,
  local: /^testcache: caching disabled in local directory mode$/,
  outside: /^testcache: caching disabled for package outside of module root, GOPATH, or GOROOT: (\S+)$/,
  anyPackage: /^testcache: (\S+): /,
};
/** A package's summary line: `ok  \tP\t0.01s`, `ok  \tP\t(cached)`, `FAIL\tP\t0.01s`, `?   \tP\t[no test files]`. */
const RESULT = /^(ok|FAIL|\?)\s+(\S+)\s+(\(cached\)|\d+(?:\.\d+)?s|\[[^\]]+\])(?:\s|$)/;
const HASH_LINE = /^HASH\[(.+?)\](?:: (.*))?$/;

interface HashBlock {
  writes: string[];
}

/** The HASH blocks the test cache prints, keyed by their sums, and the packages' directories. */
interface HashBlocks {
  testResult: Map<string, string[]>;
  testInputs: Map<string, string[]>;
  getenv: Map<string, string[]>;
  dirs: Map<string, string>;
}

/** Reads `HASH[name]`, `HASH[name]: "write"` and `HASH[name]: <sum>` lines of the names it needs; blocks nest. */
function collectHashLine(line: string, open: Map<string, HashBlock>, blocks: HashBlocks, problems: string[]) {
  const m = HASH_LINE.exec(line);
  if (!m) return;
  const name = m[1]!;
  const rest = m[2];
  if (name.startsWith('build ') && rest?.startsWith('"dir ')) {
    const dir = goUnquote(rest)?.replace(/^dir /, '').replace(/\n$/, '');
    const pkg = name.slice('build '.length).replace(/ \[.*$/, '');
    if (dir && !blocks.dirs.has(pkg)) blocks.dirs.set(pkg, dir);
    return;
  }
  if (name !== 'testResult' && name !== 'testInputs' && name !== 'getenv') return;
  if (rest === undefined) {
    if (open.has(name)) problems.push(`A HASH[${name}] block ended without its sum: its lines are not used.`);
    open.set(name, { writes: [] });
    return;
  }
  const block = open.get(name);
  if (!block) {
    problems.push(`A HASH[${name}] line outside its block: ${shown(name, line)}`);
    return;
  }
  if (new RegExp(`^${HEX64}$`).test(rest)) {
    blocks[name].set(rest, block.writes);
    open.delete(name);
    return;
  }
  const text = goUnquote(rest);
  if (text === null) {
    problems.push(
      `An unreadable HASH[${name}] line (cut short?): ${shown(name, line)}; that block is not used.`,
    );
    open.delete(name);
    return;
  }
  block.writes.push(text);
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…` : s);
/** A HASH line as shown in a problem: never a HASH[getenv] line, which holds a variable's value. */
const shown = (name: string, line: string) =>
  name === 'getenv' ? '(an environment value, not shown)' : clip(line);

/** The text lines of `go test` output; `go test -json` events are replaced by their Output text. */
function textLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (raw.startsWith('{"')) {
      try {
        const ev = JSON.parse(raw) as { Action?: string; Output?: string };
        if (typeof ev.Output === 'string') lines.push(...ev.Output.replace(/\n$/, '').split('\n'));
        continue;
      } catch {
        // not an event: read it as text
      }
    }
    lines.push(raw);
  }
  return lines;
}

/** Parses the output of `GODEBUG=gocachetest=1[,gocachehash=1] go test …` (stdout and stderr, in any order). */
export function parseTestCache(text: string): TestCacheRun {
  const problems: string[] = [];
  const byName = new Map<string, TestCachePackage>();
  const pkg = (name: string) => {
    let p = byName.get(name);
    if (!p) {
      p = { package: name, lookups: [], damaged: [] };
      byName.set(name, p);
    }
    return p;
  };
  const blocks: HashBlocks = {
    testResult: new Map(),
    testInputs: new Map(),
    getenv: new Map(),
    dirs: new Map(),
  };
  const open = new Map<string, HashBlock>();
  let disabled: TestCacheRun['disabled'];
  let recognised = false;
  const last = (p: TestCachePackage) => p.lookups[p.lookups.length - 1];
  const settle = (p: TestCachePackage, outcome: TestLookupOutcome, message: string, file?: string) => {
    const l = last(p);
    if (!l) {
      p.damaged.push(`"${message}" without a test ID line before it`);
      return;
    }
    l.outcome = outcome;
    l.message = message;
    if (file) l.file = file;
  };

  for (const line of textLines(text)) {
    if (line.startsWith('HASH')) {
      collectHashLine(line, open, blocks, problems);
      continue;
    }
    let m: RegExpExecArray | null;
    if (line.startsWith('testcache: ')) {
      recognised = true;
      if ((m = LINE.inputs.exec(line))) {
        const p = pkg(m[1]!);
        const l = last(p);
        if (l && l.testID === m[2]) {
          l.inputID = m[3];
          l.outcome = 'hit';
        } else p.damaged.push(`an input ID line for test ID ${m[2]!.slice(0, 12)}… that was not looked up`);
      } else if ((m = LINE.save.exec(line))) pkg(m[1]!).savedInputID = m[3];
      else if ((m = LINE.testID.exec(line)))
        pkg(m[1]!).lookups.push({ binaryID: m[2]!, testID: m[3]!, outcome: 'pending' });
      else if ((m = LINE.listNotFound.exec(line)))
        settle(pkg(m[1]!), 'input-list-not-found', `input list not found: ${m[2]}`);
      else if ((m = LINE.listMalformed.exec(line))) {
        open.delete('testInputs');
        settle(pkg(m[1]!), 'input-list-malformed', 'input list malformed');
      } else if ((m = LINE.outputNotFound.exec(line)))
        settle(pkg(m[1]!), 'output-not-found', `test output not found: ${m[2]}`);
      else if ((m = LINE.outputMalformed.exec(line)))
        settle(pkg(m[1]!), 'output-malformed', 'test output malformed');
      else if ((m = LINE.expired.exec(line)))
        settle(pkg(m[1]!), 'expired', 'test output expired due to go clean -testcache');
      else if ((m = LINE.inputFile.exec(line))) {
        // The go command stops hashing the inputs at such a file: its HASH[testInputs] block has no sum.
        open.delete('testInputs');
        const tooNew = m[3] === 'file used as input is too new';
        // After the run the go command hashes the inputs again to save them; the same error is printed then.
        const p = pkg(m[1]!);
        const l = last(p);
        if (l && l.outcome !== 'pending' && l.file === m[2]) continue;
        settle(p, tooNew ? 'input-file-too-new' : 'input-file-error', `input file ${m[2]}: ${m[3]}`, m[2]);
      } else if ((m = LINE.coverage.exec(line))) settle(pkg(m[1]!), 'coverage', `${m[2]}: ${m[3]}`);
      else if ((m = LINE.reading.exec(line)))
        problems.push(`${m[1]}: the go command could not save the result: ${m[2]}`);
      else if ((m = LINE.argument.exec(line))) disabled = { kind: 'argument', what: m[1]! };
      else if (LINE.local.test(line)) disabled = { kind: 'local', what: 'local directory mode' };
      else if ((m = LINE.outside.exec(line))) pkg(m[1]!).outside = true;
      else if ((m = LINE.anyPackage.exec(line))) pkg(m[1]!).damaged.push(`unrecognised line: ${clip(line)}`);
      else problems.push(`Unrecognised testcache line: ${clip(line)}`);
      continue;
    }
    if ((m = RESULT.exec(line))) {
      const [, status, name, tail] = m;
      const p = pkg(name!);
      if (status === '?') p.result = 'no-test-files';
      else if (status === 'FAIL') p.result = 'fail';
      else p.result = tail === '(cached)' ? 'cached' : 'ok';
    }
  }
  for (const name of open.keys())
    problems.push(`A HASH[${name}] block was cut short: its lines are not used.`);

  for (const p of byName.values()) {
    p.dir = blocks.dirs.get(p.package);
    const first = p.lookups[0];
    const result = first && blocks.testResult.get(first.testID);
    if (result) p.args = testArgs(result);
    if (first?.inputID) p.inputs = testInputs(blocks, first.inputID);
    if (p.savedInputID) p.savedInputs = testInputs(blocks, p.savedInputID);
    for (const l of p.lookups)
      if (l.outcome === 'pending' && p.result !== 'cached')
        p.damaged.push(`the lookup of test ID ${l.testID.slice(0, 12)}… has no outcome (output cut short?)`);
  }
  return { packages: [...byName.values()], disabled, recognised, problems };
}

/** The flags of a HASH[testResult] block: `test binary ID args ["-test.run=X" …] execcmd […]`. */
function testArgs(writes: string[]): string[] | undefined {
  const w = writes.find((s) => s.startsWith('test binary '));
  const m = w && /^test binary \S+ args \[(.*)\] execcmd \[.*\]$/.exec(w);
  return m ? goQuotedList(m[1]!).map((a) => a.replace(/^-test\./, '-')) : undefined;
}

function testInputs(blocks: HashBlocks, inputID: string): TestInput[] | undefined {
  const writes = blocks.testInputs.get(inputID);
  if (!writes) return undefined;
  const list: TestInput[] = [];
  for (const w of writes) {
    const m = /^(env|open|stat|chdir) (.+) ([0-9a-f]{64})\n$/.exec(w);
    if (!m) continue; // the toolchain version line
    const input: TestInput = { op: m[1] as TestInput['op'], name: m[2]!, hash: m[3]! };
    const env = input.op === 'env' ? blocks.getenv.get(input.hash) : undefined;
    if (env) {
      // HASH[getenv] writes: the version, then "\x00" (unset) or "\x01" and the value.
      input.set = env[1] === '\u0001';
      if (input.set && !SECRET_NAME.test(input.name)) input.value = env.slice(2).join('');
    }
    list.push(input);
  }
  return list;
}

const flagName = (arg: string) => arg.replace(/^-test\./, '-').replace(/=.*$/, '');

function disabledReason(d: NonNullable<TestCacheRun['disabled']>): TestCacheReason {
  if (d.kind === 'local')
    return {
      kind: 'uncacheable',
      detail:
        'go test without package arguments (local directory mode) never caches: name the packages, e.g. go test .',
    };
  const name = flagName(d.what);
  if (name === '-count')
    return { kind: 'flag', detail: `${d.what.replace(/^-test\./, '-')} turns off test caching` };
  if (!d.what.startsWith('-test.'))
    return {
      kind: 'uncacheable',
      detail: `the argument ${d.what} is not a test flag: go test cannot cache a run given it`,
    };
  return {
    kind: 'uncacheable',
    detail: `${name} is not a cacheable flag: go test runs the test every time it is given (cacheable: ${CACHEABLE_TEST_FLAGS.join(', ')})`,
  };
}

const showValue = (i: TestInput | undefined) => {
  if (!i) return 'not read';
  if (i.set === false) return 'unset';
  if (i.value === undefined) return '?';
  const v = JSON.stringify(i.value);
  return v.length > 60 ? `${v.slice(0, 59)}…"` : v;
};

function relativePath(name: string, dir: string | undefined): string {
  if (dir && name.startsWith(`${dir}/`)) return name.slice(dir.length + 1);
  return name;
}

/** The inputs that differ between the earlier run's list and the one looked up now. */
function inputReasons(before: TestInput[], now: TestInput[], dir: string | undefined): TestCacheReason[] {
  const key = (i: TestInput) => `${i.op} ${i.name}`;
  const old = new Map(before.map((i) => [key(i), i]));
  const reasons: TestCacheReason[] = [];
  for (const i of now) {
    const o = old.get(key(i));
    if (o && o.hash === i.hash) continue;
    if (i.op === 'env') {
      const detail = SECRET_NAME.test(i.name)
        ? `${i.name} (changed; value hidden)`
        : o && (o.value !== undefined || o.set === false) && (i.value !== undefined || i.set === false)
          ? `${i.name} changed (${showValue(o)} → ${showValue(i)})`
          : `${i.name} changed`;
      reasons.push({ kind: 'env', detail });
    } else {
      const path = relativePath(i.name, dir);
      const what =
        i.op === 'open'
          ? `${path} changed`
          : i.op === 'stat'
            ? `${path} changed (the test looked at its size, mode or time)`
            : `the directory the test changed into, ${path}, changed`;
      reasons.push({ kind: 'file', detail: what });
    }
  }
  return reasons;
}

function argsReason(before: string[] | undefined, now: string[] | undefined): TestCacheReason {
  if (!before || !now)
    return { kind: 'flag', detail: 'the test flags changed (same test binary, another test ID)' };
  const added = now.filter((a) => !before.includes(a));
  const removed = before.filter((a) => !now.includes(a));
  const parts = [
    ...added.map((a) => `${a} added${a === '-v=test2json' ? ' (go test -json)' : ''}`),
    ...removed.map((a) => `${a} removed`),
  ];
  return {
    kind: 'flag',
    detail: parts.length
      ? `the test flags changed: ${parts.join(', ')}`
      : 'the test flags changed (same test binary, another test ID)',
  };
}

const BINARY_CHANGED = 'the test binary changed (its sources or dependencies changed: see Why rebuilt)';

/** Why the package's test ran (its first lookup missed), given the earlier run's parse when there is one. */
function whyRan(
  run: TestCacheRun,
  p: TestCachePackage,
  before: TestCachePackage | undefined,
): TestCacheReason[] {
  if (p.damaged.length)
    return [
      {
        kind: 'other',
        detail: `the go command's test cache lines for this package are damaged (${p.damaged[0]}): no reason given`,
      },
    ];
  if (run.disabled) return [disabledReason(run.disabled)];
  if (p.outside)
    return [
      {
        kind: 'uncacheable',
        detail: `${p.package} is outside any module, GOPATH or GOROOT: its results are never cached`,
      },
    ];
  const l = p.lookups.find((x) => x.outcome !== 'hit') ?? p.lookups[0];
  if (!l)
    return [
      {
        kind: 'other',
        detail: run.recognised
          ? 'the go command printed no test cache lines for this package'
          : 'no GODEBUG=gocachetest=1 lines in this output: the go command did not say why',
      },
    ];
  switch (l.outcome) {
    case 'input-file-too-new': {
      const file = relativePath(l.file ?? '', p.dir);
      return [
        {
          kind: 'file',
          detail: `${file} was modified less than 2 s before the run: the go command does not cache a result that read it`,
        },
      ];
    }
    case 'output-not-found': {
      const earlier = before?.savedInputs ?? before?.inputs;
      if (!p.inputs || !earlier)
        return [
          {
            kind: 'other',
            detail:
              'an environment variable or file the test read changed since its result was cached (run with GODEBUG=gocachetest=1,gocachehash=1, before and after, to name it)',
          },
        ];
      const reasons = inputReasons(earlier, p.inputs, p.dir);
      return reasons.length
        ? reasons
        : [
            {
              kind: 'other',
              detail: "the test's inputs hash differently, but the earlier run's list shows no difference",
            },
          ];
    }
    case 'input-list-not-found': {
      const b = before?.lookups[0];
      const first = p.lookups[0]!;
      if (!b)
        return [
          {
            kind: 'new',
            detail:
              'no result of this test binary with these flags in the cache (a first run, or a cache cleaned since)',
          },
        ];
      if (b.binaryID !== first.binaryID) return [{ kind: 'binary', detail: BINARY_CHANGED }];
      if (b.testID !== first.testID) return [argsReason(before.args, p.args)];
      if (before.result === 'fail')
        return [{ kind: 'other', detail: 'the earlier run failed: go test caches only passing results' }];
      return [
        {
          kind: 'new',
          detail:
            'same test binary and flags as the earlier run, but no result of them is in the cache (cleaned or trimmed since)',
        },
      ];
    }
    case 'expired':
      return [{ kind: 'other', detail: 'go clean -testcache was run since the result was cached' }];
    case 'pending':
      return [{ kind: 'other', detail: 'the lookup has no outcome in this output: no reason given' }];
    default:
      return [{ kind: 'other', detail: `the go command said: ${l.message ?? l.outcome}` }];
  }
}

/**
 * Each package's record: cached or why it ran. `earlier` is the parse of an earlier run of the same
 * packages with the same GODEBUG=gocachetest settings; without it a missing result is "new".
 */
export function explainTestCache(run: TestCacheRun, earlier?: TestCacheRun): TestCacheExplanation {
  const problems = [...run.problems];
  if (!run.recognised)
    problems.push(
      'Format not recognised: no "testcache:" lines. Run go test with GODEBUG=gocachetest=1 (and gocachehash=1 to name inputs and flags).',
    );
  const records: TestCacheRecord[] = [];
  for (const p of run.packages) {
    if (p.result === 'no-test-files') continue;
    for (const d of p.damaged) problems.push(`${p.package}: ${d}`);
    const first = p.lookups[0];
    const hit = p.lookups.some((l) => l.outcome === 'hit');
    const cached =
      !p.damaged.length &&
      !run.disabled &&
      !p.outside &&
      (p.result === 'cached' || (p.result === undefined && hit));
    const before = earlier?.packages.find((x) => x.package === p.package);
    const reasons = cached ? [] : whyRan(run, p, before);
    records.push({
      package: p.package,
      cached,
      testID: first?.testID,
      inputID: p.lookups.find((l) => l.inputID)?.inputID ?? p.savedInputID,
      reason: reasons[0] ?? null,
      reasons,
    });
  }
  return { records, problems };
}
