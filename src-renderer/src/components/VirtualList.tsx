/**
 * A small windowing list: only the rows in view (plus a few) are in the DOM, so a thousand
 * incidents scroll and update as smoothly as ten. Fixed row height; keeps a given index in view.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Index to keep visible (the selection), or -1. */
  keepVisible: number;
  /** Extra rows rendered above and below the view. */
  overscan?: number;
  label: string;
  className?: string;
  renderRow(item: T, index: number, top: number): ReactNode;
}

/** The windowed list (role=list; rows render their own role=listitem). */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, keepVisible, overscan = 6 } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || 800);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 800));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || keepVisible < 0) return;
    const top = keepVisible * rowHeight;
    const bottom = top + rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
    setScrollTop(el.scrollTop);
  }, [keepVisible, rowHeight, items.length]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(props.renderRow(items[i] as T, i, i * rowHeight));

  return (
    <div
      ref={ref}
      className={`vlist ${props.className ?? ''}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div
        role="list"
        aria-label={props.label}
        className="vlist-inner"
        style={{ height: items.length * rowHeight }}
      >
        {rows}
      </div>
    </div>
  );
}
