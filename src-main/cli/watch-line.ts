/**
 * `watch --format line`: one status line that follows the feed. On a terminal (tmux's pane, a plain
 * shell) it rewrites itself in place; piped (polybar's `tail = true`, a systemd unit's journal) it
 * prints a new line only when the text changes. Redrawn after each batch of events and once every
 * `tickMs` so the oldest page's age moves on.
 */
import type { CompanionApi } from '../core/companion-types.js';
import { formatLine } from './status-formats.js';

export interface LineWatchOptions {
  companion: Pick<CompanionApi, 'snapshot' | 'subscribe'>;
  /** stdout is a terminal: rewrite in place. */
  tty: boolean;
  colour: boolean;
  /** Raw write to stdout (no newline added). */
  write(text: string): void;
  now?: () => number;
  tickMs?: number;
}

/** Start drawing; returns the stop function (which ends a rewritten line with a newline). */
export function watchLine(opts: LineWatchOptions): () => void {
  const now = opts.now ?? Date.now;
  let last: string | null = null;
  let queued = false;
  const draw = (): void => {
    queued = false;
    const line = formatLine(opts.companion.snapshot(), now(), opts.colour);
    if (line === last) return;
    last = line;
    opts.write(opts.tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const schedule = (): void => {
    if (queued) return;
    queued = true;
    queueMicrotask(draw);
  };
  const unsubscribe = opts.companion.subscribe(schedule);
  const timer = setInterval(draw, opts.tickMs ?? 15_000);
  timer.unref?.();
  draw();
  return () => {
    clearInterval(timer);
    unsubscribe();
    if (opts.tty && last !== null) opts.write('\n');
  };
}
