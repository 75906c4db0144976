// The trace tee's batching: events arrive in order, in batches no bigger than EVENT_BATCH_MAX, and the
// last partial line is flushed on exit.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/api';
import { EVENT_BATCH_MAX, TraceSessions } from '../../../src/main/services/godebug/traceSessions';
import { waitUntil } from '../../support/backend';

describe('TraceSessions', () => {
  it('batches, keeps order, flushes the last line on exit, and ignores consoles without a profile', async () => {
    const batches: TraceEvent[][] = [];
    const s = new TraceSessions((_id, evs) => batches.push(evs));
    s.start('a', 'gctrace=1');
    const line = 'gc 1 @0.001s 1%: 0.01+0.1+0.01 ms clock, 0.02+0/0.1/0+0.02 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P\n';
    s.data('a', line.repeat(5000) + 'tail without newline');
    s.data('other', 'not tracked\n');
    await waitUntil(() => batches.flat().length >= 5000, 'the batches');
    s.exit('a');
    const all = batches.flat();
    expect(all).toHaveLength(5001);
    expect(all.map((e) => e.seq)).toEqual([...Array(5001).keys()]);
    expect(all.at(-1)).toEqual({ kind: 'output', seq: 5000, text: 'tail without newline' });
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(EVENT_BATCH_MAX);
    expect(s.get('a')!.events).toHaveLength(5001);
    expect(s.get('other')).toBeNull();
  });
});
