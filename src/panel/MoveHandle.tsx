// The panel's Move handle: drag it with the pointer, or focus it and use the arrow keys (Shift:
// ten times as far). It only reports how far to move; the host on the page moves the frame.
import { useRef } from 'preact/hooks';
import { t } from '../shared/i18n';

/** Pixels an arrow key moves the panel. */
export const STEP = 16;

export interface MoveHandleProps {
  /** Move by (dx, dy) CSS pixels; `done` ends one move (a drag released, a key pressed). */
  onMove: (dx: number, dy: number, done: boolean) => void;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function MoveHandle({ onMove }: MoveHandleProps) {
  const drag = useRef<{ x: number; y: number } | null>(null);
  return (
    <button
      type="button"
      class="icon move"
      aria-label={t('ov_move')}
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown"
      title={t('ov_move_hint')}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        (e.currentTarget as Element).setPointerCapture(e.pointerId);
        drag.current = { x: e.screenX, y: e.screenY };
      }}
      onPointerMove={(e) => {
        // Screen coordinates: the frame itself moves under the pointer while dragging.
        if (!drag.current) return;
        onMove(e.screenX - drag.current.x, e.screenY - drag.current.y, false);
        drag.current = { x: e.screenX, y: e.screenY };
      }}
      onPointerUp={() => {
        if (!drag.current) return;
        drag.current = null;
        onMove(0, 0, true);
      }}
      onKeyDown={(e) => {
        const arrow = ARROWS[e.key];
        if (!arrow) return;
        e.preventDefault();
        const step = e.shiftKey ? STEP * 10 : STEP;
        onMove(arrow[0] * step, arrow[1] * step, true);
      }}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
}
