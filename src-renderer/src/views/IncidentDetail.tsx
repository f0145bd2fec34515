/**
 * The incident detail: title, urgency, status, service, details as plain text, people, actions,
 * "Open in PagerDuty", the runbook checklist slot, the incident-work panel (alerts, bridge,
 * reassign, escalate, responders, priority, status update, merge), the timeline and notes.
 */
import { useEffect, useRef, useState } from 'react';
import { ChecklistSlot } from '../components/Slots';
import { WhoElse } from '../components/WhoElse';
import { SnoozeMenu } from '../components/SnoozeMenu';
import { StatusChip, UrgencyBadge } from '../components/Urgency';
import { useApi, useApp } from '../store/context';
import { clockTime, age, peopleList } from '../store/format';
import { effectiveStatus, snoozeEnd } from '../store/selectors';
import { Timeline } from './Timeline';
import { IncidentWorkPanel } from './IncidentWork';

const snoozeEndOf = (inc: Parameters<typeof snoozeEnd>[0] | undefined) => (inc ? snoozeEnd(inc) : undefined);

/** The detail of the open incident. */
export function IncidentDetail() {
  const api = useApi();
  const id = useApp((s) => s.openId);
  const inc = useApp((s) => (s.openId ? s.data.incidents[s.openId] : undefined));
  const mark = useApp((s) => (s.openId ? s.data.sending[s.openId] : undefined));
  const queued = useApp((s) =>
    s.openId ? s.data.pendingActions.some((a) => a.incidentIds.includes(s.openId!)) : false,
  );
  const snoozedUntil = useApp((s) =>
    s.openId ? (s.data.snoozed[s.openId] ?? snoozeEndOf(s.data.incidents[s.openId])) : undefined,
  );
  const meId = useApp((s) => s.data.me?.id ?? null);
  const now = useApp((s) => s.now);
  const snoozeFor = useApp((s) => s.snoozeFor);
  const a = {
    back: useApp((s) => s.back),
    acknowledge: useApp((s) => s.acknowledge),
    resolve: useApp((s) => s.resolve),
    snooze: useApp((s) => s.snooze),
    setSnoozeFor: useApp((s) => s.setSnoozeFor),
  };
  const [openMsg, setOpenMsg] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Opening a detail puts the focus in it (a screen reader reads the title; Tab goes to its actions).
  useEffect(() => {
    titleRef.current?.focus();
  }, [id]);

  if (!id || !inc) {
    return (
      <section className="detail">
        <button type="button" className="btn btn-link" onClick={a.back}>
          ← Incidents
        </button>
        <p className="muted">This incident is no longer open.</p>
      </section>
    );
  }
  const status = effectiveStatus(inc, mark);
  const snoozed =
    snoozedUntil && snoozedUntil > now ? clockTime(new Date(snoozedUntil).toISOString(), now) : null;
  const openInPd = async (): Promise<void> => {
    const res = await api.openIncidentInBrowser(inc.id);
    if (!res.ok) setOpenMsg(res.error.message);
    else setOpenMsg(res.value.opened ? null : (res.value.reason ?? 'Could not open the browser.'));
  };

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-nav">
        <button type="button" className="btn btn-link" onClick={a.back}>
          ← Incidents <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
      <div className="detail-head">
        <h2 id="detail-title" dir="auto" tabIndex={-1} ref={titleRef}>
          {inc.title}
        </h2>
        <div className="detail-chips">
          <UrgencyBadge urgency={inc.urgency} />
          <StatusChip status={status} snoozed={snoozed} pending={mark !== undefined || queued} />
          <span className="meta-num">#{inc.number}</span>
          <span dir="auto">{inc.service.summary}</span>
          <span className="muted">
            opened {clockTime(inc.createdAt, now)} ({age(inc.createdAt, now)} ago)
          </span>
        </div>
        <div className="detail-actions">
          {status === 'triggered' ? (
            <button type="button" className="btn btn-primary" onClick={() => void a.acknowledge([inc.id])}>
              Acknowledge
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => void a.resolve([inc.id])} title="r">
            Resolve
          </button>
          <button
            type="button"
            className="btn"
            aria-haspopup="menu"
            aria-expanded={snoozeFor === inc.id}
            data-snooze-for={inc.id}
            onClick={() => a.setSnoozeFor(snoozeFor === inc.id ? null : inc.id)}
          >
            Snooze
          </button>
          {inc.htmlUrl && inc.htmlUrl.startsWith('https://') ? (
            <button type="button" className="btn" onClick={() => void openInPd()}>
              Open in PagerDuty <span aria-hidden="true">↗</span>
            </button>
          ) : null}
          {openMsg ? (
            <span className="field-hint" role="status" dir="auto">
              {openMsg}
            </span>
          ) : null}
        </div>
      </div>
      <div className="detail-grid">
        <div className="detail-col">
          <dl className="facts card">
            <dt>Assigned to</dt>
            <dd dir="auto">{peopleList(inc.assignees, meId)}</dd>
            <dt>Acknowledged by</dt>
            <dd dir="auto">{inc.acknowledgers.length ? peopleList(inc.acknowledgers, meId) : '—'}</dd>
            <dt>Escalation policy</dt>
            <dd dir="auto">
              {inc.escalationPolicy?.summary ?? '—'}
              {inc.escalationLevel ? ` · level ${inc.escalationLevel}` : ''}
            </dd>
            <dt>Priority</dt>
            <dd>{inc.priority ?? '—'}</dd>
            <dt>Teams</dt>
            <dd dir="auto">{inc.teams.length ? inc.teams.map((t) => t.summary).join(', ') : '—'}</dd>
          </dl>
          {/* Keyed by incident: another incident starts folded. */}
          <WhoElse key={inc.id} inc={inc} />
          {/* Working the incident comes first: its actions and alerts above the raw details. */}
          <IncidentWorkPanel inc={inc} />
          <ChecklistSlot incidentId={inc.id} serviceId={inc.service.id} />
          <section aria-labelledby="details-h" className="card">
            <h3 id="details-h">Details</h3>
            {inc.details ? (
              <pre className="details-text" dir="auto">
                {inc.details}
              </pre>
            ) : (
              <p className="muted">No details in the first alert.</p>
            )}
          </section>
        </div>
        <div className="detail-col">
          <Timeline incidentId={inc.id} />
        </div>
      </div>
      {snoozeFor === inc.id ? (
        <SnoozeMenu
          incidentId={inc.id}
          incidentTitle={inc.title}
          onClose={() => a.setSnoozeFor(null)}
          onPick={(seconds) => {
            a.setSnoozeFor(null);
            void a.snooze(inc.id, seconds);
          }}
        />
      ) : null}
    </section>
  );
}
