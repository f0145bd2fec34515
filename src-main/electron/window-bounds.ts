/**
 * Remembered window bounds, clamped to the displays that exist now: a window saved on a monitor that
 * is gone comes back on the primary display, fully visible and never larger than its work area.
 */

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Saved window geometry. */
export interface SavedBounds extends Rect {
  maximized?: boolean;
}

/** Size of a new window. */
export const DEFAULT_SIZE = { width: 1100, height: 760 };
/** Smallest usable window. */
export const MIN_SIZE = { width: 480, height: 360 };
/** How much of the title bar must be on a display for the window to count as reachable. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return r > x && bottom > y ? { x, y, width: r - x, height: bottom - y } : null;
}

function isFiniteRect(r: unknown): r is Rect {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]));
}

function centreIn(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return {
    x: Math.round(area.x + (area.width - w) / 2),
    y: Math.round(area.y + (area.height - h) / 2),
    width: w,
    height: h,
  };
}

/**
 * Where to open the window: the saved bounds when enough of the title bar is on a display (shrunk and
 * moved inside that display's work area), otherwise centred on the primary work area.
 * `workAreas[0]` is the primary display.
 */
export function clampBounds(saved: unknown, workAreas: Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!isFiniteRect(saved) || saved.width <= 0 || saved.height <= 0) {
    return centreIn(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
  }
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, 32) };
  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const o = overlap(titleBar, area);
    const visible = o ? o.width * o.height : 0;
    if (o && o.width >= Math.min(MIN_VISIBLE, saved.width) && (!best || visible > best.visible)) {
      best = { area, visible };
    }
  }
  if (!best) {
    return centreIn(primary, Math.max(saved.width, MIN_SIZE.width), Math.max(saved.height, MIN_SIZE.height));
  }
  const area = best.area;
  const width = Math.min(Math.max(Math.round(saved.width), MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(Math.round(saved.height), MIN_SIZE.height), area.height);
  const x = Math.min(Math.max(Math.round(saved.x), area.x), area.x + area.width - width);
  const y = Math.min(Math.max(Math.round(saved.y), area.y), area.y + area.height - height);
  return { x, y, width, height };
}
