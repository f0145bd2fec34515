/**
 * Text for times and durations as an engineer reads them at 3 a.m.: short ages ("4m", "2h 05m"),
 * countdowns ("3h 12m"), clock times in the local zone. Pure functions of their inputs.
 */

import { timeOfDay } from './datetime';

/** A short duration: "45s", "4m", "2h 05m", "3d 4h". Negative durations count as zero. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

/** Age of something that happened at `iso`, seen at `now`. */
export function age(iso: string, now: number): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '?' : shortDuration(now - t);
}

/** A countdown with seconds under an hour: "59:12", "1h 02m", "2d 3h". */
export function countdown(untilIso: string | null, now: number): string {
  if (!untilIso) return '';
  const ms = Date.parse(untilIso) - now;
  if (Number.isNaN(ms)) return '';
  if (ms <= 0) return 'now';
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return shortDuration(ms);
}

/** Local clock time, with the weekday when not today: "14:05", "Tue 4 Dec 09:00" (or 12 h, per the OS). */
export function clockTime(iso: string | null, now: number, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const today = new Date(now);
  const sameDay =
    d.getFullYear() === today.getFullYear() &&
    d.getMonth() === today.getMonth() &&
    d.getDate() === today.getDate();
  if (sameDay) return timeOfDay(d, withSeconds);
  const day = d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day} ${timeOfDay(d, withSeconds)}`;
}

/** Snooze durations offered, in seconds, with their labels and menu keys. */
export const SNOOZE_OPTIONS: ReadonlyArray<{ seconds: number; label: string; key: string }> = [
  { seconds: 15 * 60, label: '15 minutes', key: '1' },
  { seconds: 60 * 60, label: '1 hour', key: '2' },
  { seconds: 4 * 3600, label: '4 hours', key: '3' },
  { seconds: 8 * 3600, label: '8 hours', key: '4' },
  { seconds: 24 * 3600, label: '24 hours', key: '5' },
];

/** Names of people, "You" for me, joined; "Unassigned" when none. */
export function peopleList(people: Array<{ id: string; summary: string }>, meId: string | null): string {
  if (people.length === 0) return 'Unassigned';
  return people.map((p) => (p.id === meId ? 'You' : p.summary)).join(', ');
}
