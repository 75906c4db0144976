import { describe, expect, test } from 'vitest';
import {
  goUnquoteBytes,
  hashToString,
  parseCacheHash,
  type CacheHashAction,
} from '../../../src/core/build/cacheHash';
import { sha256Hex } from '../../../src/core/sha256';
import { cacheHashBlock, cacheHashFixture } from './fixtures';

const action = (actions: CacheHashAction[], key: string) => actions.find((a) => a.key === key)!;

describe('parseCacheHash (real GODEBUG=gocachehash=1 output of go1.26.8)', () => {
  const run = parseCacheHash(cacheHashFixture('go1.26', 'first'));

  test('every build and link action is read, and its printed inputs hash to its action ID', () => {
    expect(run.incomplete).toBe(false);
    expect(run.problems).toEqual([]);
    expect(run.goVersion).toBe('go1.26.8');
    expect(run.mainModule).toBe('example.org/x');
    const keys = run.actions.map((a) => a.key);
    expect(keys).toContain('build example.org/x/ledger');
    expect(keys).toContain('build example.org/x/report');
    expect(keys).toContain('build runtime');
    expect(keys).toContain('link example.org/x');
    // moduleIndex hashes are not actions.
    expect(keys.filter((k) => !/^(build|link) /.test(k))).toEqual([]);
    expect(run.actions.every((a) => a.complete && /^[0-9a-f]{64}$/.test(a.actionId!))).toBe(true);
  });

  test("a package's inputs: toolchain, directory, flags, env, files with their content hash, imports", () => {
    const report = action(run.actions, 'build example.org/x/report');
    expect(report.standard).toBe(false);
    expect(report.dir).toMatch(/\/x\/report$/);
    const bySlot = new Map(report.inputs.map((i) => [i.slot, i]));
    expect(bySlot.get('go version')).toMatchObject({ kind: 'toolchain', value: 'go1.26.8' });
    expect(bySlot.get('compile')!.fields).toEqual([
      { name: 'compiler', value: 'compile version go1.26.8', kind: 'toolchain' },
      { name: 'forced compiler flags', value: '[]', kind: 'flag' },
      { name: '-gcflags', value: '[]', kind: 'flag' },
    ]);
    expect(bySlot.get('GOAMD64')).toMatchObject({ kind: 'env', value: 'v1' });
    expect(bySlot.get('goos goarch')!.fields!.map((f) => f.value)).toEqual(['linux', 'amd64']);
    const file = bySlot.get('file report.go')!;
    expect(file.kind).toBe('file');
    // The `HASH /abs/report.go: <sha256>` line belongs to this file line: its build-ID form is the line's ID.
    expect(file.path).toMatch(/\/x\/report\/report\.go$/);
    expect(hashToString(file.sha256!)).toBe(file.value);
    const ledgerImport = bySlot.get('import example.org/x/ledger')!;
    expect(ledgerImport.kind).toBe('dependency');
    expect(ledgerImport.dependency).toMatchObject({
      action: 'build example.org/x/ledger',
      idKind: 'content',
    });
    expect(ledgerImport.value).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });

  test('a link action: build mode, -ldflags, GOROOT, every package file and the main package', () => {
    const link = action(run.actions, 'link example.org/x');
    const slots = link.inputs.map((i) => i.slot);
    expect(slots).toEqual(
      expect.arrayContaining([
        'buildmode',
        'link tool',
        '-ldflags',
        'GOROOT',
        'GO_EXTLINK_ENABLED',
        'packagemain',
      ]),
    );
    expect(link.inputs.find((i) => i.slot === 'packagefile runtime')!.dependency!.action).toBe(
      'build runtime',
    );
    // The import lines of main name the same content IDs as the link's packagefile lines.
    const main = action(run.actions, 'build example.org/x');
    expect(main.inputs.find((i) => i.slot === 'import example.org/x/report')!.value).toBe(
      link.inputs.find((i) => i.slot === 'packagefile example.org/x/report')!.value,
    );
    expect(main.inputs.find((i) => i.slot === 'modinfo')!.value).toContain('mod\texample.org/x\t(devel)');
  });

  test('interleaved output: lines of parallel actions arrive mixed, each with its action name', () => {
    // In the real output some hashes are still open while other actions' lines arrive (the go command
    // hashes in parallel): ledger's hash is one of them in this capture.
    const lines = cacheHashFixture('go1.26', 'first').split('\n');
    const key = 'build example.org/x/ledger';
    const first = lines.indexOf(`HASH[${key}]`);
    const sum = lines.findIndex((l) => l.startsWith(`HASH[${key}]: `) && /: [0-9a-f]{64}$/.test(l));
    const foreign = lines
      .slice(first, sum)
      .filter((l) => /^HASH\[(build|link) /.test(l) && !l.startsWith(`HASH[${key}]`));
    expect(foreign.length).toBeGreaterThan(0);
    expect(action(run.actions, key).complete).toBe(true);
    // Lines out of order (here: all reversed, sums before writes) never pass for a complete record.
    const reversed = parseCacheHash([...lines].reverse().join('\n'));
    expect(reversed.actions.every((a) => !a.complete)).toBe(true);
  });

  test('vet actions: the vet tool, its flags, the compile action it checks (by action ID) and the facts of its imports', () => {
    const vet = parseCacheHash(cacheHashFixture('go1.26', 'vet-first'));
    expect(vet.incomplete).toBe(false);
    const report = action(vet.actions, 'vet example.org/x/report');
    const bySlot = new Map(report.inputs.map((i) => [i.slot, i]));
    expect(bySlot.get('vet tool')).toMatchObject({ kind: 'toolchain', value: 'vet version go1.26.8' });
    expect(bySlot.get('vetflags')!.kind).toBe('flag');
    // `pkg "<32 raw bytes, Go-quoted twice>"` is the action ID of the package's compile.
    expect(bySlot.get('pkg')!.value).toBe(action(vet.actions, 'build example.org/x/report').actionId);
    expect(bySlot.get('vetout example.org/x/ledger')!.dependency).toMatchObject({
      action: 'vet example.org/x/ledger',
      idKind: 'vetout',
    });
  });

  test('go1.24.0 prints the same format', () => {
    const old = parseCacheHash(cacheHashFixture('go1.24', 'first'));
    expect(old.incomplete).toBe(false);
    expect(old.goVersion).toBe('go1.24.0');
    expect(
      action(old.actions, 'link example.org/x').inputs.find((i) => i.slot === 'GOROOT')!.value,
    ).toContain('go1.24.0');
  });
});

describe('parseCacheHash on damaged input', () => {
  const text = cacheHashFixture('go1.26', 'first');
  const ledgerKey = 'build example.org/x/ledger';

  test('output cut in the middle of an action: that action is incomplete, the ones before are whole', () => {
    const cut = text.indexOf(`HASH[${ledgerKey}]: "file ledger.go`);
    const run = parseCacheHash(text.slice(0, cut + 20));
    expect(run.incomplete).toBe(true);
    const ledger = action(run.actions, ledgerKey);
    expect(ledger.complete).toBe(false);
    expect(ledger.actionId).toBeUndefined();
    expect(action(run.actions, 'build internal/goarch').complete).toBe(true);
  });

  test('output that starts in the middle of an action: that action is incomplete', () => {
    const start = text.indexOf(`HASH[${ledgerKey}]: "goos`);
    const run = parseCacheHash(text.slice(start));
    const ledger = action(run.actions, ledgerKey);
    expect(ledger.complete).toBe(false);
    expect(ledger.problems.join(' ')).toMatch(/first lines are missing/);
  });

  test('a lost line or a changed value does not add up to the action ID: incomplete, not misread', () => {
    const lost = text.replace(`HASH[${ledgerKey}]: "GOAMD64=v1\\n"\n`, '');
    expect(lost).not.toBe(text);
    expect(action(parseCacheHash(lost).actions, ledgerKey).complete).toBe(false);
    const changed = text.replace(
      `HASH[${ledgerKey}]: "GOAMD64=v1\\n"`,
      `HASH[${ledgerKey}]: "GOAMD64=v3\\n"`,
    );
    const ledger = action(parseCacheHash(changed).actions, ledgerKey);
    expect(ledger.complete).toBe(false);
    expect(ledger.problems.join(' ')).toMatch(/do not add up/);
  });

  test('a garbled line is reported and spoils only its action', () => {
    const garbled = text.replace(`HASH[${ledgerKey}]: "GOAMD64=v1\\n"`, `HASH[${ledgerKey}]: "GOAMD64=v1`);
    const run = parseCacheHash(garbled);
    expect(action(run.actions, ledgerKey).complete).toBe(false);
    expect(action(run.actions, 'build example.org/x/report').complete).toBe(true);
    expect(parseCacheHash('noise\nHASH[build x]: "a\nHASH[build').incomplete).toBe(true);
  });

  test('other stderr lines in between are skipped', () => {
    const run = parseCacheHash(
      `go: downloading example.org/y v1.0.0\n${text}# example.org/x\n./main.go:1:1: note\n`,
    );
    expect(run.incomplete).toBe(false);
    expect(run.otherLines).toBe(3);
  });
});

describe('parseCacheHash on hand-made input', () => {
  const block = cacheHashBlock;

  test('a test variant: its name and its imports carry a bracketed suffix', () => {
    const name = 'build example.org/p [example.org/p.test]';
    const run = parseCacheHash(
      block(name, [
        'go1.26.8',
        'compile\n',
        'import example.org/q [example.org/p.test] AAAAAAAAAAAAAAAAAAAA\n',
      ]),
    );
    const a = action(run.actions, name);
    expect(a).toMatchObject({ complete: true, mode: 'build', package: 'example.org/p [example.org/p.test]' });
    expect(a.inputs[2]!.dependency).toMatchObject({ action: 'build example.org/q [example.org/p.test]' });
  });

  test('two hashes with the same name one after the other are two records', () => {
    const b = block('build example.org/p', ['go1.26.8', 'compile\n']);
    const run = parseCacheHash(`${b}\n${b}\n`);
    expect(run.actions.map((a) => a.complete)).toEqual([true, true]);
  });
});

describe('Go quoting and hashes', () => {
  test('goUnquoteBytes reads \\x bytes, kept UTF-8 and escapes', () => {
    expect(Array.from(goUnquoteBytes(String.raw`"\xff.6\x9d맱\n\"\\"`)!)).toEqual([
      0xff, 0x2e, 0x36, 0x9d, 0xeb, 0xa7, 0xb1, 10, 34, 92,
    ]);
    expect(goUnquoteBytes('"unterminated')).toBeNull();
    expect(goUnquoteBytes(String.raw`"bad \q"`)).toBeNull();
  });
  test('sha256Hex matches known digests', () => {
    expect(sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const long = new TextEncoder().encode('a'.repeat(1000));
    expect(sha256Hex(long)).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });
});
