// A drag handle that resizes the pane before it (width or height), remembered across restarts.
import { useCallback } from 'react';

interface Props {
  direction: 'horizontal' | 'vertical';
  /** Current size in px of the pane being resized. */
  size: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the pane, -1 when it shrinks it. */
  sign: 1 | -1;
  onResize: (size: number) => void;
}

export function Splitter({ direction, size, min, max, sign, onResize }: Props) {
  const onPointerDown = useCallback(
    (e: React.PointerEvent) => {
      e.preventDefault();
      const start = direction === 'horizontal' ? e.clientX : e.clientY;
      const move = (ev: PointerEvent) => {
        const pos = direction === 'horizontal' ? ev.clientX : ev.clientY;
        onResize(Math.min(max, Math.max(min, size + sign * (pos - start))));
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    [direction, size, min, max, sign, onResize],
  );
  return <div className={`splitter ${direction}`} onPointerDown={onPointerDown} role="separator" aria-orientation={direction} />;
}
