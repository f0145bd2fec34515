/**
 * The shift header: am I on call, for which schedule and escalation policy, at which level, until
 * when (with a countdown), the next shift, and the connection state with the last sync time.
 */
import type { OncallEntry } from '../../../src-main/shared/types';
import { useApp } from '../store/context';
import { clockTime, countdown } from '../store/format';

function entryLabel(e: OncallEntry): string {
  const via = e.schedule ? ` · ${e.schedule.summary}` : '';
  return `${e.escalationPolicy.summary}${via}`;
}

function Current(props: { entries: OncallEntry[]; now: number }) {
  const [first, ...rest] = [...props.entries].sort(
    (a, b) => (a.end ?? '9999').localeCompare(b.end ?? '9999') || a.escalationLevel - b.escalationLevel,
  );
  if (!first) return null;
  return (
    <div className="shift-now">
      <span className="pill pill-oncall">
        <span aria-hidden="true">◉</span>On call
      </span>
      <span className="shift-what" dir="auto" title={props.entries.map(entryLabel).join('\n')}>
        <strong>{first.escalationPolicy.summary}</strong>
        <span className="sep"> · </span>
        Level {first.escalationLevel}
        {first.schedule ? (
          <>
            <span className="sep"> · </span>
            {first.schedule.summary}
          </>
        ) : null}
        {rest.length > 0 ? <span className="muted"> (+{rest.length} more)</span> : null}
      </span>
      <span className="shift-until">
        {first.end ? (
          <>
            until <time dateTime={first.end}>{clockTime(first.end, props.now)}</time>{' '}
            <span className="countdown" aria-label={`ends in ${countdown(first.end, props.now)}`}>
              ({countdown(first.end, props.now)} left)
            </span>
          </>
        ) : (
          'permanently'
        )}
      </span>
    </div>
  );
}

function Next(props: { next: OncallEntry | null; onCall: boolean; now: number }) {
  if (!props.next) {
    return props.onCall ? null : <span className="shift-next muted">No upcoming shift</span>;
  }
  const n = props.next;
  return (
    <span className="shift-next" dir="auto">
      Next: <strong>{n.escalationPolicy.summary}</strong> L{n.escalationLevel}
      {n.schedule ? ` · ${n.schedule.summary}` : ''},{' '}
      <time dateTime={n.start ?? ''}>{clockTime(n.start, props.now)}</time>
      <span className="muted"> (in {countdown(n.start, props.now)})</span>
    </span>
  );
}

/** The connection indicator: a word and a shape for each state. */
export function ConnectionState() {
  const sync = useApp((s) => s.data.sync);
  const conn = useApp((s) => s.connection);
  const now = useApp((s) => s.now);
  if (conn === 'lost') {
    return <span className="conn conn-bad">✕ Disconnected</span>;
  }
  switch (sync.state) {
    case 'starting':
      return <span className="conn conn-wait">◌ Connecting…</span>;
    case 'live':
      return (
        <span className="conn conn-live" title={`Last sync ${clockTime(sync.lastSyncAt, now, true)}`}>
          <span aria-hidden="true">● </span>Live · synced {clockTime(sync.lastSyncAt, now, true)}
        </span>
      );
    case 'stale':
      return (
        <span className="conn conn-warn">
          <span aria-hidden="true">▲ </span>
          {sync.errorKind === 'unreachable' || sync.errorKind === 'timeout' ? 'Offline' : 'Stale'}
          {sync.lastSyncAt ? ` · last sync ${clockTime(sync.lastSyncAt, now, true)}` : ''}
        </span>
      );
    case 'auth_error':
      return (
        <span className="conn conn-bad">
          <span aria-hidden="true">✕ </span>Token rejected
        </span>
      );
  }
}

/** The header. */
export function ShiftHeader() {
  const shifts = useApp((s) => s.data.shifts);
  const me = useApp((s) => s.data.me);
  const now = useApp((s) => s.now);
  const onCall = shifts.current.length > 0;
  return (
    <header className="shift" aria-label="Current shift">
      <div className="shift-main">
        {onCall ? (
          <Current entries={shifts.current} now={now} />
        ) : (
          <div className="shift-now">
            <span className="pill pill-off">
              <span aria-hidden="true">○</span>Not on call
            </span>
          </div>
        )}
        <Next next={shifts.next} onCall={onCall} now={now} />
      </div>
      <div className="shift-side">
        {me ? (
          <span className="me" dir="auto" title={me.email}>
            {me.name}
          </span>
        ) : null}
        <ConnectionState />
      </div>
    </header>
  );
}
