// The scheduler view: global and per-P run queues, threads and idle Ps over time (schedtrace).
import type { TraceSession } from './store';
import { LineChart } from './LineChart';

export function SchedPanel({ session }: { session: TraceSession }) {
  const s = session.sched;
  const at = (f: (e: (typeof s)[number]) => number) => s.map((e) => [e.atMs, f(e)] as [number, number]);
  const localSum = (e: (typeof s)[number]) => (e.localRunqueues ?? []).reduce((a, b) => a + b, 0);
  const last = s.at(-1);
  return (
    <div className="rt-panel" data-testid="sched-panel">
      <div className="rt-summary">
        {s.length} samples{last && <> · gomaxprocs {last.gomaxprocs} · threads {last.threads}</>}
      </div>
      <LineChart
        testId="sched-runq-chart"
        title="Run queues (goroutines waiting)"
        xLabel="ms"
        yLabel="G"
        series={[
          { label: 'global', color: '#4fa3ff', points: at((e) => e.runqueue) },
          { label: 'local (all Ps)', color: '#e5b045', points: at(localSum) },
        ]}
      />
      <LineChart
        title="Threads and Ps"
        xLabel="ms"
        yLabel="n"
        series={[
          { label: 'threads', color: '#5fcf80', points: at((e) => e.threads) },
          { label: 'idle Ps', color: '#c678dd', points: at((e) => e.idleprocs) },
          { label: 'spinning', color: '#ff6b6b', points: at((e) => e.spinningthreads) },
        ]}
      />
    </div>
  );
}
