/**
 * The Shifts tab: my shifts for the next 14 days grouped by day (this computer's zone, or each
 * schedule's own), a week chart with a row per schedule I am on (my blocks highlighted, the others'
 * names on theirs), who is on call now and next per schedule, and the trades: "Cover me" on one of my
 * shifts (an override for a teammate) and "Take this shift" on someone else's block (one for me).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OncallApi } from '../../../src-main/ipc/contract';
import type {
  PendingTrade,
  Roster,
  RosterSchedule,
  RosterShift,
  ScheduleSpan,
} from '../../../src-main/shared/types';
import { clockTime, dayLabel, groupByDay } from '../../../src-main/shared/days';
import { H24 } from '../store/datetime';
import './shifts.css';

const DAY = 86_400_000;
const ROSTER_DAYS = 14;

/** Props of the Shifts view. */
export interface ShiftsViewProps {
  api: Pick<OncallApi, 'getRoster' | 'trade'>;
  /** The zone of this computer (tests pass one). */
  osZone?: string;
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Teammates seen on a schedule's blocks (for "Cover me"). */
function teammates(s: RosterSchedule | undefined, meId: string): Array<{ id: string; summary: string }> {
  const seen = new Map<string, string>();
  for (const b of s?.blocks ?? []) if (b.user.id !== meId) seen.set(b.user.id, b.user.summary);
  return [...seen].map(([id, summary]) => ({ id, summary }));
}

/** The week chart: one row per schedule, the next 7 days, my blocks highlighted. */
function WeekChart(props: {
  roster: Roster;
  zone: string;
  onTake(schedule: RosterSchedule, block: ScheduleSpan): void;
  busy: boolean;
}) {
  const { roster, zone } = props;
  const from = Date.parse(roster.since);
  const to = from + 7 * DAY;
  const pct = (t: number): number => ((Math.min(Math.max(t, from), to) - from) / (to - from)) * 100;
  const ticks = Array.from({ length: 7 }, (_, i) => from + i * DAY);
  return (
    <section className="shifts-card" aria-labelledby="week-h">
      <h3 id="week-h">This week</h3>
      <div className="week-chart" role="table" aria-label="Who is on call this week, per schedule">
        <div className="week-row week-axis" role="row">
          <span className="week-name" role="columnheader">
            Schedule
          </span>
          <div className="week-track" role="columnheader">
            {ticks.map((t) => (
              <span key={t} className="week-tick" style={{ left: `${pct(t)}%` }} title={dayLabel(t, zone)}>
                <span>{dayLabel(t, zone).split(' ')[0]}</span>
                <span className="week-tick-date"> {dayLabel(t, zone).split(' ').slice(1).join(' ')}</span>
              </span>
            ))}
          </div>
        </div>
        {roster.schedules.map((s) => (
          <div className="week-row" role="row" key={s.id}>
            <span className="week-name" role="rowheader">
              {s.name}
            </span>
            <div className="week-track" role="cell">
              {s.blocks
                .filter((b) => Date.parse(b.end) > from && Date.parse(b.start) < to)
                .map((b) => {
                  const mine = b.user.id === roster.me.id;
                  const left = pct(Date.parse(b.start));
                  const width = Math.max(0.4, pct(Date.parse(b.end)) - left);
                  const label = `${b.user.summary}, ${dayLabel(Date.parse(b.start), zone)} ${clockTime(Date.parse(b.start), zone, H24)} to ${dayLabel(Date.parse(b.end), zone)} ${clockTime(Date.parse(b.end), zone, H24)}`;
                  const canTake = !mine && Date.parse(b.end) > from;
                  return (
                    <button
                      type="button"
                      key={`${b.user.id}-${b.start}`}
                      className={`week-block${mine ? ' week-block-mine' : ''}`}
                      style={{ left: `${left}%`, width: `${width}%` }}
                      title={mine ? `You: ${label}` : `${label}: take this shift`}
                      aria-label={mine ? `You: ${label}` : `Take this shift: ${label}`}
                      disabled={mine || !canTake || props.busy}
                      onClick={() => props.onTake(s, b)}
                    >
                      <span className="week-block-text">{mine ? 'You' : b.user.summary}</span>
                    </button>
                  );
                })}
            </div>
          </div>
        ))}
      </div>
      <p className="field-hint">Click someone else&apos;s block to take that shift.</p>
    </section>
  );
}

/** One of my shifts with its "Cover me" form. */
function ShiftRow(props: {
  item: ReturnType<typeof groupByDay>[number]['items'][number];
  schedule: RosterSchedule | undefined;
  meId: string;
  busy: boolean;
  onCover(shift: RosterShift, userId: string): void;
}) {
  const { item, schedule } = props;
  const s = item.shift;
  const mates = teammates(schedule, props.meId);
  const [pick, setPick] = useState(mates[0]?.id ?? '');
  const [open, setOpen] = useState(false);
  return (
    <li className={`shift-row${s.fromOverride ? ' shift-override' : ''}`} data-shift-id={s.id}>
      <span className="shift-time">
        {item.start}–{item.end}
        {item.endsDaysLater > 0 ? <sup title="ends the next day">+{item.endsDaysLater}</sup> : null}
        <span className="shift-zone muted"> {item.zoneLabel}</span>
      </span>
      <span className="shift-len muted">{item.length}</span>
      <span className="shift-where">
        <strong>{s.schedule?.summary ?? 'Direct assignment'}</strong>
        <span className="muted">
          {' '}
          · {s.escalationPolicy.summary} · level {s.level}
        </span>
        {s.fromOverride ? <span className="shift-tag">override</span> : null}
      </span>
      <span className="shift-handoff muted">
        {s.takesOverFrom ? `from ${s.takesOverFrom.summary}` : ''}
        {s.takesOverFrom && s.handsOverTo ? ' · ' : ''}
        {s.handsOverTo ? `to ${s.handsOverTo.summary}` : ''}
      </span>
      {s.schedule && mates.length ? (
        open ? (
          <span className="shift-cover">
            <label>
              <span className="sr-only">Teammate to cover this shift</span>
              <select value={pick} onChange={(e) => setPick(e.target.value)} aria-label="Teammate">
                {mates.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.summary}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="btn btn-small"
              disabled={props.busy || !pick}
              onClick={() => props.onCover(s, pick)}
            >
              Create override
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(true)}>
            Cover me
          </button>
        )
      ) : null}
    </li>
  );
}

/** The Shifts tab. */
/** Trades in the action queue, shown at once (they leave when PagerDuty made them). */
export function PendingTrades(props: { trades: PendingTrade[]; zone: string }) {
  if (props.trades.length === 0) return null;
  return (
    <section className="shifts-card shifts-pending" aria-labelledby="pending-h">
      <h3 id="pending-h">Waiting to be sent</h3>
      <p className="muted">
        PagerDuty has not answered these yet. They are kept, and sent when it does, also after a restart.
      </p>
      <ul>
        {props.trades.map((t) => (
          <li key={t.actionId} data-pending-trade={t.actionId}>
            <strong dir="auto">{t.user.summary}</strong> on call on{' '}
            <span dir="auto">{t.schedule.summary}</span> from {dayLabel(Date.parse(t.start), props.zone)}{' '}
            {clockTime(Date.parse(t.start), props.zone, H24)} to {dayLabel(Date.parse(t.end), props.zone)}{' '}
            {clockTime(Date.parse(t.end), props.zone, H24)}
            {t.lastError ? (
              <span className="muted">
                {' '}
                · tried {t.attempts} time{t.attempts === 1 ? '' : 's'}: <span dir="auto">{t.lastError}</span>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ShiftsView(props: ShiftsViewProps) {
  const { api } = props;
  const osZone = props.osZone ?? localZone();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [scheduleZone, setScheduleZone] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    void api.getRoster(ROSTER_DAYS).then((r) => {
      if (r.ok) {
        setRoster(r.value);
        setError(null);
      } else setError(r.error.message);
    });
  }, [api]);
  // While a trade waits in the queue the roster is read every 10 s, so it shows the override the
  // moment PagerDuty made it; otherwise every 5 minutes.
  const waiting = (roster?.pendingTrades.length ?? 0) > 0;
  useEffect(() => {
    load();
    const t = setInterval(load, waiting ? 10_000 : 5 * 60_000);
    return () => clearInterval(t);
  }, [load, waiting]);

  const trade = (kind: 'cover' | 'take', scheduleId: string, userId: string, start: string, end: string) => {
    setBusy(true);
    setMessage(null);
    const startAt = new Date(Math.max(Date.parse(start), Date.now())).toISOString();
    void api.trade({ kind, scheduleId, userId, start: startAt, end }).then((r) => {
      setBusy(false);
      if (r.ok) {
        setRoster(r.value.roster);
        const o = r.value.override;
        const span = `${clockTime(Date.parse(o.start), osZone, H24)} to ${clockTime(Date.parse(o.end), osZone, H24)}`;
        setMessage(
          r.value.queued
            ? `Override queued: ${o.user.summary} from ${span}. PagerDuty has not answered yet; it will be sent, also after a restart.`
            : `Override made: ${o.user.summary} is on call from ${span}.`,
        );
      } else setMessage(r.error.message);
    });
  };

  const days = useMemo(
    () => (roster ? groupByDay(roster, osZone, scheduleZone, H24) : []),
    [roster, osZone, scheduleZone],
  );
  const byId = useMemo(() => new Map((roster?.schedules ?? []).map((s) => [s.id, s])), [roster]);

  if (error)
    return (
      <p className="shifts-error" role="alert">
        Shifts could not be read: {error}
      </p>
    );
  if (!roster) return <p className="muted">Reading your shifts…</p>;
  return (
    <div className="shifts-view">
      <header className="shifts-head">
        <h2>My shifts, next {roster.days} days</h2>
        <label className="shifts-zone">
          <input type="checkbox" checked={scheduleZone} onChange={(e) => setScheduleZone(e.target.checked)} />
          Times in each schedule&apos;s zone {scheduleZone ? '' : `(now: ${osZone})`}
        </label>
      </header>
      {message ? (
        <p className="shifts-message" role="status">
          {message}
        </p>
      ) : null}
      <PendingTrades trades={roster.pendingTrades} zone={osZone} />
      <section className="shifts-card" aria-labelledby="oncall-now-h">
        <h3 id="oncall-now-h">On call now</h3>
        <ul className="oncall-now">
          {roster.schedules.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong>: {s.onNow ? s.onNow.summary : 'nobody'}
              {s.next ? (
                <span className="muted">
                  {' '}
                  · next {s.next.user.summary} from {dayLabel(Date.parse(s.next.start), osZone)}{' '}
                  {clockTime(Date.parse(s.next.start), osZone, H24)}
                </span>
              ) : null}
            </li>
          ))}
          {roster.standing.map((st) => (
            <li key={`${st.escalationPolicy.id}-${st.level}`}>
              Always on call: <strong>{st.escalationPolicy.summary}</strong> level {st.level}
            </li>
          ))}
        </ul>
      </section>
      <WeekChart
        roster={roster}
        zone={osZone}
        busy={busy}
        onTake={(s, b) => trade('take', s.id, roster.me.id, b.start, b.end)}
      />
      <section className="shifts-card" aria-labelledby="roster-h">
        <h3 id="roster-h">Roster</h3>
        <ol className="roster-days">
          {days.map((d) => (
            <li key={d.date} className="roster-day" data-date={d.date}>
              <h4>{d.label}</h4>
              {d.items.length === 0 ? (
                <p className="muted roster-free">No shift</p>
              ) : (
                <ul className="roster-shifts">
                  {d.items.map((it) => (
                    <ShiftRow
                      key={it.shift.id}
                      item={it}
                      schedule={it.shift.schedule ? byId.get(it.shift.schedule.id) : undefined}
                      meId={roster.me.id}
                      busy={busy}
                      onCover={(s, userId) => trade('cover', s.schedule!.id, userId, s.start, s.end)}
                    />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
