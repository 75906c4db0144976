// The GC view: heap before/after/live/goal over time, stop-the-world pauses, GC CPU %, cycle table.
import { gcPauseMs } from '../../../../core/godebug/gctrace';
import type { TraceSession } from './store';
import { LineChart } from './LineChart';

const TABLE_ROWS = 500;

export function GcPanel({ session }: { session: TraceSession }) {
  const gc = session.gc;
  const at = (f: (g: (typeof gc)[number]) => number) => gc.map((g) => [g.atSec, f(g)] as [number, number]);
  const pauses = gc.map(gcPauseMs);
  const totalPause = pauses.reduce((a, b) => a + b, 0);
  return (
    <div className="rt-panel" data-testid="gc-panel">
      <div className="rt-summary" data-testid="gc-summary">
        {gc.length} cycles{gc.length > 0 && <> · {gc.filter((g) => g.forced).length} forced · total STW {totalPause.toFixed(2)} ms · max {Math.max(...pauses).toFixed(3)} ms · GC CPU {gc.at(-1)!.cpuPercent}%</>}
      </div>
      <LineChart
        testId="gc-heap-chart"
        title="Heap (MB)"
        xLabel="s"
        yLabel="MB"
        series={[
          { label: 'before', color: '#e5b045', points: at((g) => g.heapStartMB) },
          { label: 'after', color: '#4fa3ff', points: at((g) => g.heapEndMB) },
          { label: 'live', color: '#5fcf80', points: at((g) => g.liveMB) },
          { label: 'goal', color: '#c678dd', points: at((g) => g.goalMB), dashed: true },
        ]}
      />
      <LineChart testId="gc-pause-chart" title="Stop-the-world pause per cycle (ms)" xLabel="s" yLabel="ms" height={120} series={[{ label: 'pause', color: '#ff6b6b', points: at(gcPauseMs), bars: true }]} />
      <LineChart testId="gc-cpu-chart" title="GC CPU since start (%)" xLabel="s" yLabel="%" height={110} series={[{ label: 'GC CPU', color: '#56b6c2', points: at((g) => g.cpuPercent) }]} />
      <table className="rt-table" data-testid="gc-table">
        <thead>
          <tr>
            <th>#</th><th>at (s)</th><th>CPU %</th><th>pause ms</th><th>mark ms</th><th>before→after→live MB</th><th>goal MB</th><th>stacks</th><th>globals</th><th>P</th><th></th>
          </tr>
        </thead>
        <tbody>
          {gc.slice(-TABLE_ROWS).reverse().map((g) => (
            <tr key={g.seq}>
              <td>{g.n}</td>
              <td>{g.atSec}</td>
              <td>{g.cpuPercent}</td>
              <td>{gcPauseMs(g).toFixed(3)}</td>
              <td>{g.clockMs[1]}</td>
              <td>{g.heapStartMB}→{g.heapEndMB}→{g.liveMB}</td>
              <td>{g.goalMB}</td>
              <td>{g.stacksMB ?? ''}</td>
              <td>{g.globalsMB ?? ''}</td>
              <td>{g.procs}</td>
              <td>{g.forced ? 'forced' : (g.note ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gc.length > TABLE_ROWS && <div className="muted">showing the last {TABLE_ROWS} of {gc.length} cycles</div>}
    </div>
  );
}
