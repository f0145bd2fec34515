/**
 * The one way the window writes a time of day: the OS locale's hour cycle (24 h where the system
 * uses 24 h, "3:05 PM" where it uses 12 h), read once from Intl, whose default locale is the OS's
 * in Electron (and the browser's in the preview). Every clock time and date-time in the app goes
 * through here.
 */

/** True when the locale writes 24-hour times. */
export function uses24h(locale?: string): boolean {
  const hc = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return hc === 'h23' || hc === 'h24';
}

/** The OS's hour cycle, read once (the roster's times in the Shifts view follow it too). */
export const H24 = uses24h();

/** "14:05" / "2:05 PM" (with seconds when asked). */
export function timeOfDay(d: Date, withSeconds = false, h24 = H24): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const ss = withSeconds ? `:${pad(d.getSeconds())}` : '';
  if (h24) return `${pad(d.getHours())}:${pad(d.getMinutes())}${ss}`;
  const h = d.getHours() % 12 || 12;
  return `${h}:${pad(d.getMinutes())}${ss} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
}

/** "Thu 4 Dec 14:05": a date and a time in the same format as every other time in the app. */
export function dateAndTime(ms: number, h24 = H24): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const day = d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day} ${timeOfDay(d, false, h24)}`;
}
