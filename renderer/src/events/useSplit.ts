import { useCallback, useEffect, useState } from 'react';

const STORAGE = 'mwi.listWidth';
const MIN = 420;
/** The detail pane keeps at least this much when the window narrows (1024 px: list 544, detail 480). */
const DETAIL_MIN = 480;

function useWindowWidth(): number {
  const [width, setWidth] = useState(window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

/** The list/detail divider: draggable, remembered across sessions. */
export function useSplit() {
  const [width, setWidth] = useState(() => {
    const saved = Number(localStorage.getItem(STORAGE));
    // Half the window, but on a laptop the list takes what the detail can spare (1024 px: 544 | 480).
    return Number.isFinite(saved) && saved >= MIN ? saved : Math.max(MIN, Math.round(window.innerWidth * 0.5), Math.min(560, window.innerWidth - DETAIL_MIN));
  });
  const start = useCallback(
    (e: React.PointerEvent) => {
      e.preventDefault();
      const startX = e.clientX;
      const startWidth = width;
      let last = startWidth;
      const move = (ev: PointerEvent) => {
        last = Math.max(MIN, Math.min(window.innerWidth - 360, startWidth + ev.clientX - startX));
        setWidth(last);
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        localStorage.setItem(STORAGE, String(last));
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    [width],
  );
  const windowWidth = useWindowWidth();
  return { width: Math.max(MIN, Math.min(width, windowWidth - DETAIL_MIN)), start };
}
