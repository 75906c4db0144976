// The shapes build.compileCost and `gopsy compile-cost` attach: read from the project's sources (here
// the generated shape packages the real compiler timed, scripts/fixtures-compile-shapes.mjs), never
// from outside the project, and none when a source is gone.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseCompileCost } from '../../../src/core/build/compileCost';
import { shapeKey } from '../../../src/core/build/compileShape';
import { functionShapes } from '../../../src/main/services/runs/compileCost';
import { compileShapeFixture } from '../../core/build/fixtures';
import { makeTemp, removeTemp } from '../../support/backend';

let temp: string;
let project: string;
const { time, sources } = compileShapeFixture();
const cost = parseCompileCost(time);

beforeAll(async () => {
  temp = await makeTemp('compile-shapes');
  project = path.join(temp, 'project');
  for (const [rel, text] of sources) {
    await mkdir(path.join(project, path.dirname(rel)), { recursive: true });
    await writeFile(path.join(project, rel), text);
  }
});
afterAll(() => removeTemp(temp));

test('each dominating function gets its shape from the file in the project', async () => {
  const shapes = await functionShapes(cost.functions, project);
  const kinds = cost.functions.filter((f) => shapes.has(shapeKey(f))).map((f) => `${f.function} ${shapes.get(shapeKey(f))!.kind}`);
  expect(kinds.sort()).toEqual(['Churn huge-function', 'Classify switch-chain', 'Grade if-chain', 'Table composite-literal']);
});

test('a source that is gone, or a position leading outside the project, gives no shape', async () => {
  await rm(path.join(project, 'switchy'), { recursive: true });
  const outside = cost.functions.map((f) => (f.function === 'Table' ? { ...f, position: f.position.replace('literal/', '../project/literal/') } : f));
  await writeFile(path.join(temp, 'x.go'), sources.get('literal/literal.go')!);
  const escaped = outside.map((f) => (f.function === 'Grade' ? { ...f, position: f.position.replace('ifchain/ifchain.go', '../x.go') } : f));
  const shapes = await functionShapes(escaped, project);
  const named = escaped.filter((f) => shapes.has(shapeKey(f))).map((f) => f.function);
  // Table's path still lands in the project; Grade's leaves it (its shape is not read from ../x.go).
  expect(named.sort()).toEqual(['Churn', 'Table']);
});
