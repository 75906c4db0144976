// The settings catalog read from real toolchain sources (current and go1.19), and validation.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILES,
  buildCatalog,
  parseCompileDebugHelp,
  parseGoDebugDirectives,
  parseModGodebug,
  validateCompileDebug,
  validateGodebug,
  type BuiltCatalog,
} from '../../../src/core/godebug';
import { fixture } from '../fixtures';

function catalogOf(label: string, goVersion: string): BuiltCatalog {
  const opt = (name: string) => {
    try {
      return fixture(`godebug/${label}-${name}`);
    } catch {
      return undefined;
    }
  };
  return buildCatalog({
    goVersion,
    goroot: '/goroot',
    runtime1: opt('runtime1.go.txt'),
    table: opt('godebugs-table.go.txt'),
    http2: opt('h2-godebug-lines.txt'),
    compileHelp: opt('compile-d-help.txt'),
  });
}

const version = /go version (go\S+)/.exec(fixture('go-version.txt'))![1]!;
const current = catalogOf('current', version);
const old = catalogOf('go1.19', 'go1.19.13');
const names = (c: BuiltCatalog) => c.settings.map((s) => s.name);

describe('catalog from the toolchain sources', () => {
  it('has the runtime debug vars with their defaults', () => {
    const by = new Map(current.settings.map((s) => [s.name, s]));
    for (const n of ['gctrace', 'schedtrace', 'scheddetail', 'inittrace', 'scavtrace', 'asyncpreemptoff', 'memprofilerate']) {
      expect(by.get(n)?.source).toBe('runtime');
    }
    expect(by.get('cgocheck')?.defaultValue).toBe('1');
    expect(by.get('profstackdepth')?.defaultValue).toBe('128');
    expect(current.cgocheck2Fatal).toBe(true);
  });

  it('has the compatibility table and the direct reads', () => {
    const by = new Map(current.settings.map((s) => [s.name, s]));
    expect(by.get('httpmuxgo121')).toMatchObject({ source: 'table', package: 'net/http', changed: 22, old: '1' });
    expect(by.get('panicnil')).toMatchObject({ package: 'runtime', changed: 21, old: '1' });
    expect(by.get('x509sha1')).toMatchObject({ source: 'removed', removedIn: 24 });
    expect(by.get('http2debug')?.values).toEqual(['1', '2']);
    expect(by.get('http2xconnect')).toMatchObject({ source: 'direct', values: ['1'] });
    expect(names(current)).not.toContain('mmap');
    expect(names(current)).not.toContain('multipartfiles'); // commented out in the table
    expect(by.get('gctrace')?.description).toMatch(/GC cycle/);
  });

  it('go1.19 has no table, had allocfreetrace, lacked newer runtime vars', () => {
    expect(names(old)).toContain('allocfreetrace');
    expect(names(current)).not.toContain('allocfreetrace');
    expect(names(old)).not.toContain('httpmuxgo121');
    expect(old.notes.join(' ')).toMatch(/table\.go is absent/);
    expect(old.cgocheck2Fatal).toBe(false);
  });

  it('reads the -d keys of go tool compile', () => {
    const keys = parseCompileDebugHelp(fixture('godebug/current-compile-d-help.txt'));
    expect(keys.map((k) => k.name)).toEqual(expect.arrayContaining(['nil', 'checkptr', 'loopvarhash', 'ssa/help']));
    expect(keys.find((k) => k.name === 'checkptr')!.help).toMatch(/instrument.*0: instrumentation disabled/);
  });
});

describe('validating GODEBUG', () => {
  it('mmap=1 is not a setting of this toolchain', () => {
    const f = validateGodebug('gctrace=1,mmap=1', current);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', code: 'unknown', key: 'mmap' });
    expect(f[0]!.message).toContain(`mmap is not a setting of ${version}`);
  });

  it('every built-in profile is clean on the current toolchain', () => {
    for (const p of BUILTIN_PROFILES) {
      expect(validateGodebug(p.godebug, current).filter((x) => x.severity !== 'info'), p.id).toEqual([]);
    }
  });

  it('bad values, syntax, duplicates, fatal and removed settings', () => {
    const codes = (spec: string) => validateGodebug(spec, current).map((x) => `${x.key}:${x.code}:${x.severity}`);
    expect(codes('gctrace=yes')).toEqual(['gctrace:bad-value:error']);
    expect(codes('gctrace')).toEqual(['gctrace:syntax:error']);
    expect(codes('gctrace=1,gctrace=2')).toEqual(['gctrace:duplicate:warning']);
    expect(codes('cgocheck=2')).toEqual(['cgocheck:fatal:error']);
    expect(codes('x509sha1=1')).toEqual(['x509sha1:removed:error']);
    expect(codes('http2debug=3')).toEqual(['http2debug:bad-value:error']);
    expect(codes('schedtrace=-5')).toEqual(['schedtrace:bad-value:warning']);
    expect(codes('cpu.avx2=off')).toEqual([]);
    expect(codes('cpu.avx2=maybe')).toEqual(['cpu.avx2:bad-value:error']);
    expect(codes('httpmuxgo121=1')).toEqual(['httpmuxgo121:bad-value:info']);
    expect(codes('')).toEqual([]);
  });

  it('tells "needs a newer Go" and "removed since" apart using other toolchains', () => {
    const onOld = validateGodebug('httpmuxgo121=1', old, { others: [current] });
    expect(onOld[0]).toMatchObject({ code: 'newer-toolchain' });
    expect(onOld[0]!.message).toContain(`needs a newer Go (${version} has it)`);
    const onNew = validateGodebug('allocfreetrace=1', current, { others: [old] });
    expect(onNew[0]).toMatchObject({ code: 'unknown' });
    expect(onNew[0]!.message).toContain('go1.19.13 had it');
  });
});

describe('validating GOCOMPILEDEBUG', () => {
  it('accepts -d keys and ssa/ settings, refuses a bare number and unknown keys', () => {
    expect(validateCompileDebug('nil=1,ssa/check_bce/debug=1', current)).toEqual([]);
    expect(validateCompileDebug('1', current)[0]).toMatchObject({ code: 'syntax', variable: 'GOCOMPILEDEBUG' });
    expect(validateCompileDebug('nil=1,bogus=1', current).map((f) => f.key)).toEqual(['bogus']);
  });

  it('go1.19 does not read GOCOMPILEDEBUG', () => {
    expect(validateCompileDebug('nil=1', old)[0]).toMatchObject({ code: 'newer-toolchain' });
  });
});

describe('project defaults', () => {
  it('reads go and godebug lines of go.mod', () => {
    const d = parseModGodebug('module x\n\ngo 1.22\n\ngodebug panicnil=1\ngodebug (\n\tdefault=go1.21\n\thttpmuxgo121=0 // why\n)\n');
    expect(d.go).toBe('1.22');
    expect(d.godebug.map((g) => `${g.key}=${g.value}@${g.line}`)).toEqual(['panicnil=1@5', 'default=go1.21@7', 'httpmuxgo121=0@8']);
  });

  it('reads //go:debug before the package clause only', () => {
    const d = parseGoDebugDirectives('// Copyright\n//go:debug panicnil=1\n/* x\n//go:debug nope=1 */\npackage main\n//go:debug late=1\n');
    expect(d.packageName).toBe('main');
    expect(d.directives).toEqual([{ key: 'panicnil', value: '1', line: 2 }]);
  });
});
