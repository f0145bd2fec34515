/**
 * Backfill progress on stderr: on a terminal one line redrawn in place (at most a few times a
 * second), otherwise plain lines (a new phase, then at most one a second, and the last one).
 */
import type { BackfillProgress as ShiftProgress } from '../core/history/backfill.js';
import type { TeamBackfillProgress } from '../core/team/backfill.js';

type BackfillProgress = ShiftProgress | TeamBackfillProgress;

/** Options of {@link createProgressPrinter}. */
export interface ProgressPrinterOptions {
  /** Raw stderr writer. */
  write(text: string): void;
  tty: boolean;
  now?: () => number;
  /** Least time between two updates of the same phase (default 250 ms on a terminal, 1 s otherwise). */
  minIntervalMs?: number;
}

/** A progress printer: feed it every progress report; `end()` finishes the line on a terminal. */
export interface ProgressPrinter {
  update(p: BackfillProgress): void;
  end(): void;
}

const PHASE: Record<BackfillProgress['phase'], string> = {
  incidents: 'listing incidents',
  log_entries: 'reading log entries',
  oncalls: 'reading on-call spans',
  done: 'done',
};

/** The text of one progress report, e.g. `backfill: reading log entries 12/40 (30%)`. */
export function progressText(p: BackfillProgress): string {
  if (p.phase === 'done') return `backfill: done, ${p.done} page${p.done === 1 ? '' : 's'} found`;
  const pct = p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0;
  return `backfill: ${PHASE[p.phase]} ${p.done}/${p.total} (${pct}%)`;
}

/** Create a printer. */
export function createProgressPrinter(o: ProgressPrinterOptions): ProgressPrinter {
  const now = o.now ?? Date.now;
  const minInterval = o.minIntervalMs ?? (o.tty ? 250 : 1000);
  let phase: BackfillProgress['phase'] | null = null;
  let last = -Infinity;
  let pending: BackfillProgress | null = null;
  let open = false;
  let width = 0;

  const show = (p: BackfillProgress): void => {
    const text = progressText(p);
    if (o.tty) {
      o.write(`\r${text.padEnd(width)}`);
      width = text.length;
      open = true;
    } else {
      o.write(`${text}\n`);
    }
    last = now();
    pending = null;
  };

  return {
    update(p) {
      const finished = p.phase === 'done' || (p.total > 0 && p.done >= p.total);
      if (p.phase !== phase || finished || now() - last >= minInterval) {
        if (p.phase !== phase && pending && o.tty) show(pending);
        phase = p.phase;
        show(p);
      } else {
        pending = p;
      }
    },
    end() {
      if (pending) show(pending);
      if (open) o.write('\n');
      open = false;
    },
  };
}
