// A windowed list: only the rows in view (plus a margin) are in the DOM, so a phase with 100,000
// values scrolls as lightly as one with ten.
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  count: number;
  rowHeight: number;
  render: (index: number) => ReactNode;
  /** Scrolls so that this row is visible when it changes. */
  scrollTo?: number | null;
  testId?: string;
}

export function VirtualRows({ count, rowHeight, render, scrollTo, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = host.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!el || scrollTo === null || scrollTo === undefined) return;
    const y = scrollTo * rowHeight;
    if (y < el.scrollTop || y > el.scrollTop + el.clientHeight - rowHeight) el.scrollTop = Math.max(0, y - el.clientHeight / 3);
  }, [scrollTo, rowHeight]);

  const first = Math.max(0, Math.floor(top / rowHeight) - 20);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + 20);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {render(i)}
      </div>,
    );
  }
  return (
    <div className="vrows" ref={host} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid={testId}>
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
