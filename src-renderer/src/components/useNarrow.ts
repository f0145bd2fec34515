/**
 * True while the window is a narrow side panel (at most 560 px wide, as in styles/narrow.css), where
 * list rows take three lines.
 */
import { useEffect, useState } from 'react';

/** The width at and below which the window is a side panel. */
export const NARROW_QUERY = '(max-width: 560px)';

const query = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(NARROW_QUERY)
    : null;

/** Follows the window width. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => query()?.matches ?? false);
  useEffect(() => {
    const mq = query();
    if (!mq) return;
    const on = (): void => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    on();
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
