// `gopsy ssa` prints the same block and value counts from ssa.html and from the text dumps of one
// capture, and says what it counts. The capture is main.main of the sample, by `gopsy ssa capture` and
// the real compiler: its ssa.html shows dead blocks (class dead-block), which the text dumps leave out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { ssaCommand } from '../../src/cli/ssa';
import { copySample, removeTemp } from '../support/backend';

let temp: string;
let out: string;

async function run(argv: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((text += String(chunk)), true));
  try {
    return { code: (await ssaCommand.run(argv)) ?? 0, text };
  } finally {
    spy.mockRestore();
  }
}

async function summary(format: 'html' | 'dumps') {
  const { code, text } = await run([out, '--func', 'main', '--format', format]);
  expect(code).toBe(0);
  const rows = new Map<string, { blocks: number; values: number; dead: string }>();
  for (const line of text.split('\n')) {
    const m = /^(.+?)\s+(\d+) blocks\s+(\d+) values( {2}\+\d+ dead blocks \+\d+ dead values)?/.exec(line);
    // ssa.html merges passes that changed nothing ("a  +  b"): the column shows the last one's result.
    if (m) rows.set(m[1]!.split('+').pop()!.trim(), { blocks: Number(m[2]), values: Number(m[3]), dead: m[4] ?? '' });
  }
  return { text, rows };
}

beforeAll(async () => {
  let project: string;
  ({ temp, project } = await copySample('ssa-cli'));
  out = path.join(temp, 'capture');
  const res = await run(['capture', project, '--func', 'main', '--pkg', '.', '--out', out, '--storage', path.join(temp, 'storage')]);
  expect(res.text).toMatch(/SSA of main\.main written to/);
}, 300_000);
afterAll(() => removeTemp(temp));

describe('gopsy ssa counts blocks and values the same way from ssa.html and from dumps', () => {
  it('every pass both hold has the same counts; dead blocks are counted apart', async () => {
    const html = await summary('html');
    const dumps = await summary('dumps');
    const shared = [...dumps.rows.keys()].filter((name) => html.rows.has(name));
    expect(shared.length).toBeGreaterThan(10);
    for (const name of shared) {
      const { blocks, values } = html.rows.get(name)!;
      expect({ name, blocks, values }).toEqual({ name, blocks: dumps.rows.get(name)!.blocks, values: dumps.rows.get(name)!.values });
    }
    // ssa.html of main.main shows dead blocks in passes the dumps also hold: they are counted apart.
    expect(shared.some((name) => /\+[1-9]\d* dead blocks/.test(html.rows.get(name)!.dead))).toBe(true);
    for (const s of [html, dumps]) expect(s.text).toMatch(/counts: blocks: reachable ones; values: live ones/);
  });
});
