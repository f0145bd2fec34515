/**
 * "Who else is on call" for an incident (key `c`): its service's team(s) and escalation policy, and
 * who is at each level of the incident's policy now, from the runtime's ownership cache (the same
 * one the Services view reads; opening it costs no request while the cache is fresh). Folded until
 * asked; names are PagerDuty's, shown as text.
 */
import { useEffect, useRef, useState } from 'react';
import type { IncidentOncall, Incident } from '../../../src-main/shared/types';
import { OncallLevels, agoText } from '../views/ServicesView';
import { useApi, useApp } from '../store/context';

export function WhoElse({ inc }: { inc: Incident }) {
  const api = useApi();
  // Ages are in minutes: re-render once a minute, not on every tick.
  const now = useApp((s) => Math.floor(s.now / 60_000) * 60_000);
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState<IncidentOncall | null>(null);
  const [error, setError] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void api.getOncallFor(inc.id).then((res) => {
      if (!live) return;
      if (res.ok) {
        setAnswer(res.value);
        setError(null);
      } else setError(res.error.message);
      body.current?.focus();
    });
    return () => {
      live = false;
    };
  }, [open, api, inc.id]);

  const svc = answer?.service ?? null;
  const teams = svc?.service.teams.map((t) => t.summary).join(', ') ?? '';
  return (
    <section className="card who-else" aria-labelledby="who-else-h">
      <h3 id="who-else-h" className="who-else-h">
        <button
          type="button"
          className="btn btn-link"
          data-who-else
          aria-expanded={open}
          aria-controls="who-else-body"
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Who else is on call{' '}
          <kbd aria-hidden="true">c</kbd>
        </button>
      </h3>
      {open ? (
        <div id="who-else-body" ref={body} tabIndex={-1} data-who-else-body>
          {error ? (
            <p className="field-error" role="alert" dir="auto">
              {error}
            </p>
          ) : !answer ? (
            <p className="muted">Reading who is on call…</p>
          ) : (
            <>
              <dl className="service-facts">
                <dt>Service</dt>
                <dd dir="auto" data-who-service>
                  {svc?.service.name ?? inc.service.summary}
                </dd>
                <dt>Team</dt>
                <dd dir="auto" data-who-teams>
                  {svc ? teams || '—' : 'not known (the service is not among those this key can list)'}
                </dd>
                <dt>Escalation policy</dt>
                <dd dir="auto" data-who-policy>
                  {answer.policy?.summary ?? '—'}
                  {inc.escalationLevel ? (
                    <span className="muted"> · the incident is at level {inc.escalationLevel}</span>
                  ) : null}
                </dd>
                <dt>On call now</dt>
                <dd data-who-levels>
                  {answer.policy ? (
                    <OncallLevels
                      levels={answer.policy.levels}
                      label={`Who is on call for ${answer.policy.summary}`}
                    />
                  ) : (
                    <span className="muted">The incident has no escalation policy.</span>
                  )}
                </dd>
                {svc && answer.policy && svc.service.escalationPolicy.id !== answer.policy.id ? (
                  <>
                    <dt>Service's own policy</dt>
                    <dd dir="auto">
                      {svc.service.escalationPolicy.summary}
                      <OncallLevels levels={svc.levels} label={`Who is on call for ${svc.service.name}`} />
                    </dd>
                  </>
                ) : null}
              </dl>
              <p className="muted who-else-age">
                Read from PagerDuty {agoText(answer.fetchedAt, now)}.{answer.stale ? ` ${answer.stale}` : ''}
              </p>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
