import { describe, expect, it } from 'vitest';
import { byteColumnToUtf16, findSourceLocations, toProjectPath } from '../../src/core/locations';
import { fixture } from './fixtures';

describe('findSourceLocations', () => {
  it('finds the compile error in real go build output', () => {
    const lines = fixture('build-broken.txt').split('\n');
    const found = lines.flatMap(findSourceLocations);
    expect(found).toEqual([{ start: 0, length: 'broken/typeerror.go:11:9'.length, path: 'broken/typeerror.go', line: 11, column: 9 }]);
  });

  it('finds it after the vet: prefix', () => {
    const line = fixture('vet-broken.txt').split('\n').find((l) => l.startsWith('vet:'))!;
    const [loc] = findSourceLocations(line);
    expect(loc).toMatchObject({ start: 5, path: 'broken/typeerror.go', line: 11, column: 9 });
  });

  it('handles ./, ../, absolute paths, test output and assembly files', () => {
    expect(findSourceLocations('./main.go:3:2: x')[0]).toMatchObject({ path: './main.go', line: 3, column: 2 });
    expect(findSourceLocations('../m/a.go:1:1')[0]).toMatchObject({ path: '../m/a.go' });
    expect(findSourceLocations('/usr/lib/go/src/fmt/print.go:200 +0x1f')[0]).toMatchObject({
      path: '/usr/lib/go/src/fmt/print.go',
      line: 200,
    });
    expect(findSourceLocations('    store_test.go:10: qty = 4, want 5')[0]).toMatchObject({ start: 4, line: 10 });
    expect(findSourceLocations('asm_amd64.s:12: bad')[0]).toMatchObject({ path: 'asm_amd64.s' });
    expect(findSourceLocations('pkg@v1.2.3/x.go:5:1')[0]).toMatchObject({ path: 'pkg@v1.2.3/x.go' });
  });

  it('ignores things that are not locations', () => {
    expect(findSourceLocations('go: downloading example.com/x v1.0.0')).toEqual([]);
    expect(findSourceLocations('x.go:0:1')).toEqual([]);
    expect(findSourceLocations('file.gopher:1')).toEqual([]);
    expect(findSourceLocations('see http://host/a.go:1')).toEqual([]); // a URL is not a file
  });

  it('finds several on one line', () => {
    expect(findSourceLocations('a.go:1:2 and b.go:3').map((l) => l.path)).toEqual(['a.go', 'b.go']);
  });
});

describe('byteColumnToUtf16', () => {
  it('is the identity on ASCII', () => {
    expect(byteColumnToUtf16('\treturn total', 9)).toBe(9);
  });
  it('counts multi-byte characters once per UTF-16 unit', () => {
    // "é" is 2 bytes / 1 unit, "世" 3 bytes / 1 unit, "𝄞" 4 bytes / 2 units
    const line = 'é世𝄞x';
    expect(byteColumnToUtf16(line, 1)).toBe(1);
    expect(byteColumnToUtf16(line, 3)).toBe(2); // after é
    expect(byteColumnToUtf16(line, 6)).toBe(3); // after 世
    expect(byteColumnToUtf16(line, 10)).toBe(5); // after 𝄞 (two units)
  });
  it('clamps past the end of the line', () => {
    expect(byteColumnToUtf16('ab', 40)).toBe(3);
  });
});

describe('toProjectPath', () => {
  it('maps what go prints to project paths', () => {
    expect(toProjectPath('/p/inv', 'broken/typeerror.go')).toBe('broken/typeerror.go');
    expect(toProjectPath('/p/inv', './main.go')).toBe('main.go');
    expect(toProjectPath('/p/inv/', '/p/inv/store/store.go')).toBe('store/store.go');
    expect(toProjectPath('/p/inv', 'store/../main.go')).toBe('main.go');
  });
  it('refuses what is outside', () => {
    expect(toProjectPath('/p/inv', '/usr/lib/go/src/fmt/print.go')).toBeNull();
    expect(toProjectPath('/p/inv', '/p/inventory/x.go')).toBeNull();
    expect(toProjectPath('/p/inv', '../x.go')).toBeNull();
    expect(toProjectPath('/p/inv', '.')).toBeNull();
  });
});
