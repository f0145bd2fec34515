/**
 * Under the empty incident list ("All quiet"): who is on call with me now on the schedules I am on,
 * and my next shift, from the roster (read once when the list becomes empty, then every 5 minutes).
 */
import { useEffect, useState } from 'react';
import { clockTime, dayLabel } from '../../../src-main/shared/days';
import { H24 } from '../store/datetime';
import type { Roster } from '../../../src-main/shared/types';
import { useApi, useApp } from '../store/context';

function zone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The "on call with you" lines. */
export function OnCallWithMe() {
  const api = useApi();
  const [roster, setRoster] = useState<Roster | null>(null);
  const now = useApp((s) => Math.floor(s.now / 60_000) * 60_000);
  useEffect(() => {
    let live = true;
    const load = (): void =>
      void api.getRoster(14).then((r) => {
        if (live && r.ok) setRoster(r.value);
      });
    load();
    const t = setInterval(load, 5 * 60_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api]);
  if (!roster) return null;
  const tz = zone();
  const next = roster.shifts.find((s) => Date.parse(s.start) > now);
  const others = roster.withMeNow;
  const when = (t: number): string => `${dayLabel(t, tz)} ${clockTime(t, tz, H24)}`;
  return (
    <div className="oncall-with-me" aria-label="On call with you">
      {others.length ? (
        <p>
          On call now:{' '}
          {others.map((o, i) => (
            <span key={`${o.user.id}-${o.escalationPolicy.id}-${o.level}`}>
              {i ? '; ' : ''}
              {o.user.summary}{' '}
              <span className="muted">
                ({o.schedule?.summary ?? o.escalationPolicy.summary}, level {o.level})
              </span>
            </span>
          ))}
        </p>
      ) : null}
      <p>
        {next
          ? `Your next shift: ${when(Date.parse(next.start))} to ${when(Date.parse(next.end))}, ${next.schedule?.summary ?? next.escalationPolicy.summary}`
          : `No shift of yours in the next ${roster.days} days.`}
      </p>
    </div>
  );
}
