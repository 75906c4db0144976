import { describe, expect, it } from 'vitest';
import { entryNameProblem, entryNamesProblems } from '../../../src/core/bundle/entryName';
import { kindOf } from '../../../src/core/bundle/kinds';

describe('entry names', () => {
  it('accepts plain relative paths', () => {
    for (const n of ['session.json', 'runs/r1/build-x.log', 'sources/store/store.go', 'sources/ünïcode/ok.go', 'a/..b/c..']) {
      expect(entryNameProblem(n)).toBeNull();
    }
  });

  it.each([
    ['', /empty/],
    ['../etc/passwd', /climbs out/],
    ['sources/../../x', /climbs out/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/x', /drive letter/],
    ['c:x', /drive letter/],
    ['sources\\..\\x', /backslash/],
    ['a\0b', /NUL/],
    ['a\nb', /control/],
    ['dir/', /directory/],
    ['a//b', /empty segment/],
    ['./a', /"\." segment/],
    ['x'.repeat(300), /segment/],
    [('a'.repeat(200) + '/').repeat(6) + 'z', /longer than 1024/],
  ])('refuses %j', (name, why) => {
    expect(entryNameProblem(name)).toMatch(why);
  });

  it('reports duplicates', () => {
    expect(entryNamesProblems(['a', 'b', 'a'])).toEqual(['"a": the name appears more than once']);
    expect(entryNamesProblems(['a', 'A'])).toEqual([]);
  });
});

describe('kinds', () => {
  it('derives the kind from the path', () => {
    expect(kindOf('session.json')).toBe('session');
    expect(kindOf('notes.json')).toBe('note');
    expect(kindOf('layout.json')).toBe('layout');
    expect(kindOf('runs/20250101-build/manifest.json')).toBe('run-manifest');
    expect(kindOf('runs/20250101-build/x.log')).toBe('run-artefact');
    expect(kindOf('runs/20250101-build/logopt/a/b.json')).toBe('run-artefact');
    expect(kindOf('runs/manifest.json')).toBe('other');
    expect(kindOf('sources/go.mod')).toBe('source');
    expect(kindOf('events/godebug.jsonl')).toBe('events');
    expect(kindOf('debugger/state.json')).toBe('debugger');
    expect(kindOf('README')).toBe('other');
  });
});
