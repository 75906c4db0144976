// Which file an SSA line is in, when the sources column and genssa disagree or say nothing (the real
// case, with inlined code from other files, is in test/main/ssa/ssa.test.ts).
import { expect, it } from 'vitest';
import { lineFiles } from '../../../src/core/ssa/lineFiles';

it('a line of two files is the function\'s own, uncertainly, naming the other; an unknown line too', () => {
  const fileOf = lineFiles(
    [{ file: '/p/a.go', lines: [{ line: 5, text: 'x' }, { line: 6, text: 'y' }] }],
    [
      { line: 5, stmt: '', text: 'MOVQ', pc: 1, file: '/p/a.go' },
      { line: 5, stmt: '', text: 'CALL', pc: 2, file: '/p/b.go' },
      // Later rows name a file by its base name: it stands for the path given before.
      { line: 9, stmt: '', text: 'RET', pc: 3, file: 'b.go' },
    ],
  );
  expect(fileOf(6)).toEqual({ file: '/p/a.go', certain: true, others: [] });
  expect(fileOf(5)).toEqual({ file: '/p/a.go', certain: false, others: ['/p/b.go'] });
  expect(fileOf(9)).toEqual({ file: '/p/b.go', certain: true, others: [] });
  expect(fileOf(99)).toEqual({ file: '/p/a.go', certain: false, others: [] });
  expect(lineFiles([], [])(1)).toBeNull();
});
