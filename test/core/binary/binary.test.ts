import { describe, expect, it } from 'vitest';
import { buildSetting, parseBuildInfo } from '../../../src/core/binary/buildInfo';
import { parseNm } from '../../../src/core/binary/nm';
import { LINKER_DATA, NON_GO, TYPE_DATA, moduleOfPackage, symbolPackage } from '../../../src/core/binary/symbolPackage';
import { buildSizeBreakdown } from '../../../src/core/binary/sizeTree';
import { exactSymbolPattern, linesToInstructions, parseObjdump } from '../../../src/core/binary/objdump';
import { diffSizes } from '../../../src/core/binary/sizeDiff';
import { parseLinkErrors, parseLinkVerbose } from '../../../src/core/binary/linkErrors';
import type { SizeNode } from '../../../src/shared/contract/binaryTypes';
import { squarify } from '../../../src/core/binary/treemap';
import { fixture } from '../fixtures';
import { parseLdd } from '../../../src/core/binary/ldd';
import { binaryMethods } from '../../../src/shared/contract/binary';
import { parseLdDebug } from '../../../src/core/binary/ldDebug';

describe('parseBuildInfo', () => {
  it('reads go version -m of the sample', () => {
    const info = parseBuildInfo(fixture('version-m-inventory.txt'))!;
    expect(info.goVersion).toMatch(/^go1\.\d+/);
    expect(info.path).toBe('example.com/inventory');
    expect(info.main).toEqual({ path: 'example.com/inventory', version: '(devel)' });
    expect(info.deps).toEqual([]);
    expect(buildSetting(info, '-ldflags')).toBe('-v');
    expect(buildSetting(info, 'CGO_ENABLED')).toMatch(/^[01]$/);
    expect(buildSetting(info, 'GOAMD64')).toMatch(/^v\d$/);
    expect(buildSetting(info, 'DefaultGODEBUG')).toContain('=');
  });
  it('reads dependencies with their sums', () => {
    const info = parseBuildInfo(fixture('version-m-app.txt'))!;
    expect(info.deps).toEqual([{ path: 'example.com/lib', version: 'v1.0.0', sum: expect.stringMatching(/^h1:/) }]);
  });
  it('reads replacements and quoted settings', () => {
    const info = parseBuildInfo(
      'bin: go1.26.8\n\tpath\tx.org/cmd\n\tmod\tx.org/cmd\tv0.1.0\th1:abc=\n\tdep\ty.org/lib\tv1.2.0\n\t=>\t../lib\t(devel)\t\n' +
        '\tbuild\t-ldflags="-X main.v=1 -s"\n\tbuild\t-trimpath=true\n',
    )!;
    expect(info.deps[0]).toEqual({ path: 'y.org/lib', version: 'v1.2.0', replace: { path: '../lib', version: '(devel)' } });
    expect(buildSetting(info, '-ldflags')).toBe('-X main.v=1 -s');
    expect(buildSetting(info, '-trimpath')).toBe('true');
  });
  it('says null for what is not build info', () => {
    expect(parseBuildInfo('/bin/ls: could not read Go build info from /bin/ls: unrecognized file format\n')).toBeNull();
    expect(parseBuildInfo('')).toBeNull();
  });
});

describe('symbolPackage', () => {
  it.each([
    ['example.com/inventory/store.(*Store).Items', 'example.com/inventory/store'],
    ['example.com/inventory/store.(*Store).Items.func1', 'example.com/inventory/store'],
    ['main.main', 'main'],
    ['slices.symMergeCmpFunc[go.shape.struct { Key reflect.Value; Value reflect.Value }]', 'slices'],
    ['internal/sync.(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).LoadOrStore', 'internal/sync'],
    ['internal/sync..dict.HashTrieMap[interface {},interface {}]', 'internal/sync'],
    ['slices.pdqsortCmpFunc[go.shape.*example.com/x/y.T]', 'slices'],
    ['type:.eq.example.com/inventory/store.Item', 'example.com/inventory/store'],
    ['type:.eq.[8]internal/cpu.option', 'internal/cpu'],
    ['type:.eq.struct { a int }', TYPE_DATA],
    ['type:*', TYPE_DATA],
    ['go:itab.*reflect.rtype,reflect.Type', 'reflect'],
    ['go:itab.internal/reflectlite.rtype,internal/reflectlite.Type', 'internal/reflectlite'],
    ['go:string.*', LINKER_DATA],
    ['go:func.*', LINKER_DATA],
    ['runtime.gcbits.*', 'runtime'],
    ['runtime.gcMarkTermination.gcRestoreSyncObjects.func6', 'runtime'],
    ['vendor/golang.org/x/net/dns/dnsmessage.(*Parser).Answer', 'vendor/golang.org/x/net/dns/dnsmessage'],
    ['_rt0_amd64_linux', NON_GO],
    ['x_cgo_init', NON_GO],
  ])('%s → %s', (name, pkg) => expect(symbolPackage(name)).toBe(pkg));

  it('maps packages to modules', () => {
    const mods = ['example.com/lib', 'example.com/lib/v2'];
    expect(moduleOfPackage('main', 'example.com/app', mods)).toBe('example.com/app');
    expect(moduleOfPackage('example.com/app/internal/x', 'example.com/app', mods)).toBe('example.com/app');
    expect(moduleOfPackage('example.com/lib/v2/sub', 'example.com/app', mods)).toBe('example.com/lib/v2');
    expect(moduleOfPackage('example.com/libx', 'example.com/app', mods)).toBe('(unknown module)');
    expect(moduleOfPackage('internal/cpu', 'example.com/app', mods)).toBe('std');
    expect(moduleOfPackage(LINKER_DATA, 'example.com/app', mods)).toBe('(linker)');
  });
});

const sumLeaves = (n: SizeNode): number => (n.children ? n.children.reduce((s, c) => s + sumLeaves(c), 0) : n.size);

describe('size breakdown', () => {
  const symbols = parseNm(fixture('nm-inventory.txt'));
  const info = parseBuildInfo(fixture('version-m-inventory.txt'));

  it('parses every nm line, names with spaces included', () => {
    expect(symbols.length).toBe(fixture('nm-inventory.txt').trim().split('\n').length);
    expect(symbols.find((s) => s.name.startsWith('slices.symMergeCmpFunc[go.shape.struct {'))?.type).toBe('T');
    expect(symbols[0]!.size).toBeGreaterThanOrEqual(symbols[1]!.size);
  });

  it('puts every byte nm reports in exactly one leaf', () => {
    const { tree, total, packages } = buildSizeBreakdown(symbols, info);
    const nmTotal = symbols.reduce((n, s) => n + s.size, 0);
    expect(total).toBe(nmTotal);
    expect(sumLeaves(tree)).toBe(nmTotal);
    expect(packages.reduce((n, p) => n + p.size, 0)).toBe(nmTotal);
  });

  it('groups the sample by module and package', () => {
    const { tree, packages } = buildSizeBreakdown(symbols, info);
    const own = tree.children!.find((m) => m.name === 'example.com/inventory')!;
    expect(own.children!.map((p) => p.name).sort()).toEqual(['example.com/inventory/internal/textfmt', 'example.com/inventory/store', 'main']);
    const store = packages.find((p) => p.package === 'example.com/inventory/store')!;
    expect(store.module).toBe('example.com/inventory');
    expect(tree.children!.map((m) => m.name)).toEqual(expect.arrayContaining(['std', '(linker)']));
    const runtime = tree.children!.find((m) => m.name === 'std')!.children!.find((p) => p.name === 'runtime')!;
    expect(runtime.children!.some((c) => c.kind === 'rest')).toBe(true);
  });
});

describe('parseObjdump', () => {
  const fns = parseObjdump(fixture('objdump-items.txt'));
  it('reads the functions and maps their instructions to store.go lines', () => {
    expect(fns.map((f) => f.name)).toEqual([
      'example.com/inventory/store.(*Store).Items',
      'example.com/inventory/store.(*Store).Items.func1',
    ]);
    const items = fns[0]!;
    expect(items.file).toBe('@ROOT@/store/store.go');
    expect(items.instructions[0]).toMatchObject({ file: 'store.go', line: 35, text: 'LEAQ 0xffffff50(SP), R12' });
    // Items spans lines 35-42 of store/store.go: its own instructions never leave that range.
    const own = items.instructions.filter((i) => i.file === 'store.go').map((i) => i.line);
    expect(Math.min(...own)).toBe(35);
    expect(Math.max(...own)).toBeLessThanOrEqual(42);
    // Line 39 is the loop's closing brace: no instruction belongs to it.
    expect(new Set(own)).toEqual(new Set([35, 36, 37, 38, 40, 41]));
  });
  it('resolves only the function file itself by default, and uses a resolver for inlined files', () => {
    const abs = fixture('objdump-items.txt').replaceAll('@ROOT@', '/p');
    const plain = parseObjdump(abs);
    expect(plain[0]!.instructions[0]!.path).toBe('/p/store/store.go');
    const other = plain[0]!.instructions.find((i) => i.file !== 'store.go');
    if (other) expect(other.path).toBeUndefined();
    const byLine = linesToInstructions(plain).get('/p/store/store.go')!;
    expect(byLine.get(36)!.length).toBeGreaterThan(0);
  });
  it('escapes symbol names into exact patterns', () => {
    expect(exactSymbolPattern('example.com/inventory/store.(*Store).Items')).toBe('^example\\.com/inventory/store\\.\\(\\*Store\\)\\.Items$');
  });
  it('ignores noise', () => {
    expect(parseObjdump('garbage\n  x.go:1\t0x1\tzz\n')).toEqual([]);
  });
});

describe('diffSizes', () => {
  it('reports growth by package and symbol', () => {
    const before = parseNm('  1000        100 T a.com/p.F\n  2000         50 T a.com/q.G\n');
    const after = parseNm('  1000        180 T a.com/p.F\n  2100         20 T a.com/p.H\n');
    const d = diffSizes(before, after);
    expect(d.totalBefore).toBe(150);
    expect(d.totalAfter).toBe(200);
    expect(d.packages).toEqual([
      { name: 'a.com/p', before: 100, after: 200, delta: 100 },
      { name: 'a.com/q', before: 50, after: 0, delta: -50 },
    ]);
    expect(d.symbols[0]).toEqual({ name: 'a.com/p.F', package: 'a.com/p', before: 100, after: 180, delta: 80 });
  });
});

describe('parseLinkErrors', () => {
  it('reads an undefined symbol from the linkfail sample', () => {
    expect(parseLinkErrors(fixture('link-undefined.txt'))).toEqual([
      {
        kind: 'undefined',
        symbol: 'example.com/linkfail/impl.answer',
        referencedBy: 'main.main',
        package: 'example.com/linkfail',
        message: 'main.main: relocation target example.com/linkfail/impl.answer not defined',
      },
    ]);
  });
  it('reads a duplicate definition', () => {
    const [p] = parseLinkErrors(fixture('link-duplicate.txt'));
    expect(p).toMatchObject({
      kind: 'duplicate',
      symbol: 'example.com/linkfail/dup.value',
      definedIn: ['example.com/linkfail/dupb', 'example.com/linkfail/dupa'],
    });
  });
  it('reads blocked linknames and external linker errors, and ignores compile errors', () => {
    const text =
      '# example.com/c\nlink: example.com/c: invalid reference to runtime.addmoduledata\n' +
      "/usr/bin/ld: $WORK/b001/_x002.o: in function `main':\nmain.c:(.text+0x5): undefined reference to `missing_fn'\n" +
      'broken/typeerror.go:11:9: cannot use total\n';
    expect(parseLinkErrors(text).map((p) => [p.kind, p.symbol, p.package])).toEqual([
      ['undefined', 'runtime.addmoduledata', 'example.com/c'],
      ['external', 'missing_fn', 'example.com/c'],
    ]);
    expect(parseLinkErrors(fixture('build-broken.txt'))).toEqual([]);
  });
  it('reads the -ldflags=-v summary', () => {
    expect(parseLinkVerbose(fixture('link-v-inventory.txt'))).toMatchObject({ buildMode: 'exe', symbols: expect.any(Number) });
  });
});

describe('squarify', () => {
  it('tiles the rectangle exactly, area proportional to size', () => {
    const sizes = [6, 6, 4, 3, 2, 2, 1];
    const rects = squarify(sizes, { x: 0, y: 0, w: 6, h: 4 });
    const area = rects.reduce((n, r) => n + r.w * r.h, 0);
    expect(area).toBeCloseTo(24, 6);
    rects.forEach((r, i) => expect(r.w * r.h).toBeCloseTo(sizes[i]!, 6));
    for (const r of rects) {
      expect(r.x).toBeGreaterThanOrEqual(-1e-9);
      expect(r.y).toBeGreaterThanOrEqual(-1e-9);
      expect(r.x + r.w).toBeLessThanOrEqual(6 + 1e-9);
      expect(r.y + r.h).toBeLessThanOrEqual(4 + 1e-9);
    }
  });
  it('gives zero rectangles to empty sizes and survives an empty box', () => {
    expect(squarify([0, 5], { x: 0, y: 0, w: 10, h: 10 })[0]).toEqual({ x: 0, y: 0, w: 0, h: 0 });
    expect(squarify([1], { x: 0, y: 0, w: 0, h: 10 })).toEqual([{ x: 0, y: 0, w: 0, h: 0 }]);
  });
});

describe('ldd', () => {
  it('flags a library the loader cannot find and tells the loader and vDSO apart', () => {
    const r = parseLdd(fixture('ldd-cgo-notfound.txt'));
    expect(r.static).toBe(false);
    expect(r.libraries).toEqual([
      { name: 'linux-vdso.so.1', kind: 'vdso', notFound: false },
      { name: 'libgopsydemo.so', kind: 'library', notFound: true },
      { name: 'libc.so.6', kind: 'library', notFound: false, path: '/lib/x86_64-linux-gnu/libc.so.6' },
      { name: 'ld-linux-x86-64.so.2', kind: 'interpreter', notFound: false, path: '/lib64/ld-linux-x86-64.so.2' },
    ]);
  });

  it('detects a static binary', () => {
    expect(parseLdd(fixture('ldd-static.txt'))).toEqual({ static: true, libraries: [] });
    expect(parseLdd('\tstatically linked\n').static).toBe(true);
  });
});

describe('LD_DEBUG=libs', () => {
  it('lists every file tried for a library that is not found, and the loader error', () => {
    const r = parseLdDebug(fixture('ld-debug-notfound.txt'));
    expect(r.searches.map((s) => s.library)).toEqual(['libgopsydemo.so']);
    const s = r.searches[0]!;
    expect(s.found).toBe(false);
    expect(s.path).toBeUndefined();
    expect(s.steps.map((st) => [st.kind, st.source])).toEqual([
      ['cache', '/etc/ld.so.cache'],
      ['path', 'system search path'],
    ]);
    expect(s.tried).toContain('/usr/lib/x86_64-linux-gnu/libgopsydemo.so');
    expect(s.tried.at(-1)).toBe('/usr/lib/libgopsydemo.so');
    expect(r.loaderError).toMatch(/libgopsydemo\.so: cannot open shared object file/);
  });

  it('takes the last tried file as where a library was found, confirmed by its initialiser', () => {
    const r = parseLdDebug(fixture('ld-debug-found.txt'));
    expect(r.loaderError).toBeUndefined();
    const demo = r.searches.find((s) => s.library === 'libgopsydemo.so')!;
    expect(demo.steps[0]).toMatchObject({ kind: 'path', source: 'LD_LIBRARY_PATH' });
    expect(demo.steps[0]!.dirs.at(-1)).toBe('/home/user/cgodeps/lib');
    expect(demo).toMatchObject({ found: true, path: '/home/user/cgodeps/lib/libgopsydemo.so', initialised: true });
    const libc = r.searches.find((s) => s.library === 'libc.so.6')!;
    expect(libc.tried).toEqual(['/home/user/cgodeps/lib/libc.so.6', '/lib/x86_64-linux-gnu/libc.so.6']);
    expect(libc).toMatchObject({ found: true, path: '/lib/x86_64-linux-gnu/libc.so.6', initialised: true });
  });

  it('keeps the program’s own stderr apart and ignores the loaders of its children', () => {
    const text = '     10:\tfind library=liba.so [0]; searching\n     10:\t  trying file=/x/liba.so\n     10:\t\n     11:\tfind library=libb.so [0]; searching\nhello from the program\n12: not the loader\n';
    const r = parseLdDebug(text);
    expect(r.searches.map((s) => s.library)).toEqual(['liba.so']);
    expect(r.otherOutput).toBe('hello from the program\n12: not the loader');
  });
});

describe('binary.traceLoader params', () => {
  it('refuse a call the user did not confirm, and control characters in LD_LIBRARY_PATH', () => {
    const params = binaryMethods['binary.traceLoader'].params;
    expect(params.safeParse({ id: 'b-1' }).success).toBe(false);
    expect(params.safeParse({ id: 'b-1', confirmed: false }).success).toBe(false);
    expect(params.safeParse({ id: 'b-1', confirmed: true, libraryPath: '/x\n/y' }).success).toBe(false);
    expect(params.safeParse({ id: 'b-1', confirmed: true, libraryPath: '/x:/y' }).success).toBe(true);
  });
});
