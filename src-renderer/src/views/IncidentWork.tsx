/**
 * Working an incident in the detail view: its alerts (details as key/value rows, link candidates,
 * raw JSON), the conference bridge (Join opens its https URL through main's link check; the dial-in
 * to copy), responder requests, and the actions with their keys: reassign (t, by name), escalate (e,
 * who is at each level), responders (h), priority and urgency (p), status update (w), merge (m,
 * confirmed naming both). Each goes through the core's durable queue; its snapshot shows it at once.
 * Also the impacted service and the related change events (hidden when there are none; their https
 * links open on a click through main's link check). All their text is untrusted and renders as text.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type {
  EscalationPolicyInfo,
  Incident,
  IncidentWork,
  Priority,
  User,
} from '../../../src-main/shared/types';
import { DetailsTree } from '../components/DetailsTree';
import { useApi, useApp } from '../store/context';
import { clockTime } from '../store/format';
import type { WorkDialog } from '../store/store';

type Work = IncidentWork & { respondersUnavailable: string | null };

/** Reads the incident's work view; again after each of its actions settles. */
function useIncidentWork(id: string): { work: Work | null; error: string | null } {
  const api = useApi();
  const pending = useApp((s) => s.data.pendingActions.filter((a) => a.incidentIds.includes(id)).length);
  const [state, setState] = useState<{ work: Work | null; error: string | null }>({
    work: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    void api.getIncidentWork(id).then((res) => {
      if (!live) return;
      setState(res.ok ? { work: res.value, error: null } : { work: null, error: res.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, id, pending]);
  return state;
}

function Dialog(props: { title: string; children: ReactNode; onClose: () => void; ready?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus the first field (or marked button) on open, and again once async content (`ready`) is in.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, button[data-first]')?.focus();
  }, [props.ready]);
  return (
    <div className="overlay" role="presentation" onClick={props.onClose}>
      <div
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        ref={ref}
        onClick={(e) => e.stopPropagation()}
      >
        <h3>{props.title}</h3>
        {props.children}
        <div className="dialog-foot">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

/** A search box over people (and policies): the results as buttons, Enter picks the first. */
function useSearch<T>(find: (q: string) => Promise<T[]>, q: string): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void find(q).then((r) => {
        if (live) setItems(r);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [find, q]);
  return items;
}

/**
 * Stable finders over the API (a search box's effect re-runs only when the text changes), searching
 * the account of the incident they pick for.
 */
function useFinders(incidentId: string) {
  const api = useApi();
  return useMemo(
    () => ({
      findUsers: async (s: string): Promise<User[]> => {
        if (!s.trim()) return [];
        const r = await api.findUsers(s, incidentId);
        return r.ok ? r.value : [];
      },
      findPolicies: async (s: string): Promise<EscalationPolicyInfo[]> => {
        if (!s.trim()) return [];
        const r = await api.findPolicies(s, incidentId);
        return r.ok ? r.value : [];
      },
    }),
    [api, incidentId],
  );
}

function ReassignDialog({ inc, close }: { inc: Incident; close: () => void }) {
  const api = useApi();
  const { findUsers, findPolicies } = useFinders(inc.id);
  const work = useApp((s) => s.work);
  const [q, setQ] = useState('');
  const users = useSearch(findUsers, q);
  const policies = useSearch(findPolicies, q);
  const toUser = (u: User) => {
    close();
    void work('reassign', inc.id, () => api.reassign(inc.id, { userIds: [u.id] }), `Reassigned to ${u.name}`);
  };
  const toPolicy = (p: EscalationPolicyInfo) => {
    close();
    void work('reassign', inc.id, () => api.reassign(inc.id, { policyId: p.id }), `Reassigned to ${p.name}`);
  };
  return (
    <Dialog title={`Reassign #${inc.number}`} onClose={close}>
      <label className="field">
        <span>Type part of a name or an email</span>
        <input
          type="search"
          value={q}
          aria-label="Reassign to"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (users[0]) toUser(users[0]);
            else if (policies[0]) toPolicy(policies[0]);
          }}
        />
      </label>
      <ul className="pick-list" aria-label="Matches">
        {users.map((u) => (
          <li key={u.id}>
            <button type="button" className="btn btn-link" onClick={() => toUser(u)}>
              <span dir="auto">{u.name}</span> <span className="muted">{u.email}</span>
            </button>
          </li>
        ))}
        {policies.map((p) => (
          <li key={p.id}>
            <button type="button" className="btn btn-link" onClick={() => toPolicy(p)}>
              <span dir="auto">{p.name}</span> <span className="muted">escalation policy</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

function EscalateDialog({ inc, work: w, close }: { inc: Incident; work: Work | null; close: () => void }) {
  const api = useApi();
  const work = useApp((s) => s.work);
  const levels = w?.escalationPolicy?.levels ?? [];
  // Focus starts on the first level it can go to (the current one is disabled).
  const firstPick = levels.find((l) => l.level !== inc.escalationLevel)?.level ?? null;
  const pick = (level: number) => {
    close();
    void work('escalate', inc.id, () => api.escalate(inc.id, level), `Escalated to level ${level}`);
  };
  return (
    <Dialog title={`Escalate #${inc.number}`} onClose={close} ready={firstPick}>
      {levels.length === 0 ? (
        <p className="muted">The escalation policy's levels could not be read.</p>
      ) : null}
      <ol
        className="pick-list"
        onKeyDown={(e) => {
          const n = Number(e.key);
          if (Number.isInteger(n) && n >= 1 && n <= levels.length) {
            e.preventDefault();
            pick(n);
          }
        }}
      >
        {levels.map((l) => (
          <li key={l.level}>
            <button
              type="button"
              className="btn"
              data-first={l.level === firstPick ? '' : undefined}
              disabled={l.level === inc.escalationLevel}
              onClick={() => pick(l.level)}
            >
              Level {l.level}:{' '}
              <span dir="auto">{l.targets.map((t) => `${t.summary} (${t.type})`).join(', ')}</span>
              {l.level === inc.escalationLevel ? ' — now' : ''}
            </button>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}

function RespondersDialog({ inc, close }: { inc: Incident; close: () => void }) {
  const api = useApi();
  const { findUsers } = useFinders(inc.id);
  const work = useApp((s) => s.work);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<User[]>([]);
  const [message, setMessage] = useState('');
  const users = useSearch(findUsers, q);
  const send = () => {
    if (chosen.length === 0 || !message.trim()) return;
    close();
    void work(
      'add_responders',
      inc.id,
      () =>
        api.addResponders(
          inc.id,
          chosen.map((u) => u.id),
          message,
        ),
      `Asked ${chosen.map((u) => u.name).join(', ')} to join`,
    );
  };
  return (
    <Dialog title={`Add responders to #${inc.number}`} onClose={close}>
      <label className="field">
        <span>Who (type part of a name)</span>
        <input
          type="search"
          aria-label="Find a responder"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && users[0]) {
              e.preventDefault();
              const u = users[0];
              setChosen((c) => (c.some((x) => x.id === u.id) ? c : [...c, u]));
              setQ('');
            }
          }}
        />
      </label>
      <ul className="pick-list" aria-label="Matches">
        {users.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              className="btn btn-link"
              onClick={() => setChosen((c) => (c.some((x) => x.id === u.id) ? c : [...c, u]))}
            >
              <span dir="auto">{u.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <p aria-live="polite">
        {chosen.length ? (
          <>
            Asking: <span dir="auto">{chosen.map((u) => u.name).join(', ')}</span>
          </>
        ) : (
          <span className="muted">Nobody picked yet.</span>
        )}
      </p>
      <MessageBox label="Message" aria="Responder message" value={message} set={setMessage} submit={send} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={!chosen.length || !message.trim()}
        onClick={send}
      >
        Ask to join <kbd aria-hidden="true">Ctrl+Enter</kbd>
      </button>
    </Dialog>
  );
}

/** A message field that Ctrl+Enter (Cmd+Enter) submits. */
function MessageBox(p: { label: string; aria: string; value: string; set(v: string): void; submit(): void }) {
  return (
    <label className="field">
      <span>{p.label}</span>
      <textarea
        aria-label={p.aria}
        value={p.value}
        maxLength={10_000}
        onChange={(e) => p.set(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            p.submit();
          }
        }}
      />
    </label>
  );
}

function PriorityDialog({ inc, close }: { inc: Incident; close: () => void }) {
  const api = useApi();
  const work = useApp((s) => s.work);
  const [priorities, setPriorities] = useState<Priority[] | null>(null);
  useEffect(() => {
    void api.getPriorities(inc.id).then((r) => setPriorities(r.ok ? r.value : []));
  }, [api, inc.id]);
  const setP = (p: Priority) => {
    close();
    void work('set_priority', inc.id, () => api.setPriority(inc.id, p.id), `Priority set to ${p.name}`);
  };
  const setU = (u: 'high' | 'low') => {
    close();
    void work('set_urgency', inc.id, () => api.setUrgency(inc.id, u), `Urgency set to ${u}`);
  };
  return (
    <Dialog title={`Priority and urgency of #${inc.number}`} onClose={close} ready={priorities}>
      {priorities && priorities.length > 0 ? (
        <div
          role="group"
          aria-label="Priority (keys 1 to 9)"
          className="pick-row"
          onKeyDown={(e) => {
            const n = Number(e.key);
            const p = Number.isInteger(n) && n >= 1 ? priorities[n - 1] : undefined;
            if (p) {
              e.preventDefault();
              setP(p);
            }
          }}
        >
          {priorities.map((p, i) => (
            <button
              key={p.id}
              type="button"
              className="btn"
              data-first={i === 0 ? '' : undefined}
              aria-pressed={inc.priority === p.name}
              title={p.description ?? undefined}
              onClick={() => setP(p)}
            >
              {p.name}
            </button>
          ))}
        </div>
      ) : null}
      <div role="group" aria-label="Urgency" className="pick-row">
        {(['high', 'low'] as const).map((u) => (
          <button
            key={u}
            type="button"
            className="btn"
            aria-pressed={inc.urgency === u}
            onClick={() => setU(u)}
          >
            {u === 'high' ? 'High urgency' : 'Low urgency'}
          </button>
        ))}
      </div>
    </Dialog>
  );
}

function StatusUpdateDialog({ inc, close }: { inc: Incident; close: () => void }) {
  const api = useApi();
  const work = useApp((s) => s.work);
  const [message, setMessage] = useState('');
  const post = () => {
    if (!message.trim()) return;
    close();
    void work('status_update', inc.id, () => api.postStatusUpdate(inc.id, message), 'Status update posted');
  };
  return (
    <Dialog title={`Status update on #${inc.number}`} onClose={close}>
      <MessageBox
        label="What stakeholders should know"
        aria="Status update"
        value={message}
        set={setMessage}
        submit={post}
      />
      <button type="button" className="btn btn-primary" disabled={!message.trim()} onClick={post}>
        Post <kbd aria-hidden="true">Ctrl+Enter</kbd>
      </button>
    </Dialog>
  );
}

function MergeDialog({ inc, close }: { inc: Incident; close: () => void }) {
  const api = useApi();
  const work = useApp((s) => s.work);
  const all = useApp((s) => s.data.incidents);
  const others = Object.values(all).filter((i) => i.id !== inc.id);
  const [pick, setPick] = useState<Incident | null>(null);
  if (pick)
    return (
      <Dialog key="confirm" title="Merge incidents" onClose={close}>
        <p dir="auto">
          Merge #{pick.number} “{pick.title}” into #{inc.number} “{inc.title}”? Its alerts move over and it is
          resolved.
        </p>
        <button
          type="button"
          className="btn btn-primary"
          data-first=""
          onClick={() => {
            close();
            void work('merge', inc.id, () => api.mergeIncidents(inc.id, [pick.id]), `Merged #${pick.number}`);
          }}
        >
          Merge #{pick.number} into #{inc.number}
        </button>
      </Dialog>
    );
  return (
    <Dialog title={`Merge into #${inc.number}`} onClose={close}>
      {others.length === 0 ? <p className="muted">No other open incident to merge.</p> : null}
      <ul className="pick-list" aria-label="Incidents to merge">
        {others.map((o, i) => (
          <li key={o.id}>
            <button
              type="button"
              className="btn btn-link"
              data-first={i === 0 ? '' : undefined}
              onClick={() => setPick(o)}
            >
              #{o.number} <span dir="auto">{o.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

const BUTTONS: Array<{ d: WorkDialog; label: string; key: string }> = [
  { d: 'reassign', label: 'Reassign', key: 't' },
  { d: 'escalate', label: 'Escalate', key: 'e' },
  { d: 'responders', label: 'Add responders', key: 'h' },
  { d: 'priority', label: 'Priority', key: 'p' },
  { d: 'statusUpdate', label: 'Status update', key: 'w' },
  { d: 'merge', label: 'Merge', key: 'm' },
];

/** The detail's incident-work panel: actions, bridge, responders, alerts; and the open dialog. */
export function IncidentWorkPanel({ inc }: { inc: Incident }) {
  const api = useApi();
  const { work, error } = useIncidentWork(inc.id);
  const dialog = useApp((s) => s.workDialog);
  const setDialog = useApp((s) => s.setWorkDialog);
  const toast = useApp((s) => s.toast);
  const now = useApp((s) => s.now);
  const close = () => setDialog(null);
  const open = async (url: string) => {
    const res = await api.openExternal(url);
    if (!res.ok) toast('error', res.error.message);
    else if (!res.value.opened) toast('info', res.value.reason ?? 'The link was not opened.');
  };
  const bridge = work?.conferenceBridge ?? null;
  const bridgeUrl = bridge?.url && bridge.url.startsWith('https://') ? bridge.url : null;
  return (
    <>
      <section className="card work-actions" aria-label="Work this incident">
        <div className="detail-actions">
          {BUTTONS.map((b) => {
            const off = b.d === 'responders' ? (work?.respondersUnavailable ?? null) : null;
            return (
              <button
                key={b.d}
                type="button"
                className="btn"
                disabled={off !== null}
                title={off ?? undefined}
                onClick={() => setDialog(b.d)}
              >
                {b.label} <kbd aria-hidden="true">{b.key}</kbd>
              </button>
            );
          })}
        </div>
        {work?.respondersUnavailable ? (
          <p className="field-hint" dir="auto">
            {work.respondersUnavailable}
          </p>
        ) : null}
        {bridge ? (
          <div className="bridge">
            <strong>Conference bridge</strong>{' '}
            {bridgeUrl ? (
              <button
                type="button"
                className="btn btn-primary"
                data-join-bridge=""
                onClick={() => void open(bridgeUrl)}
              >
                Join <kbd aria-hidden="true">b</kbd>
              </button>
            ) : null}{' '}
            {bridge.number ? (
              <>
                <span className="muted">Dial-in</span> <code dir="ltr">{bridge.number}</code>{' '}
                <button
                  type="button"
                  className="btn btn-link"
                  onClick={() =>
                    void navigator.clipboard?.writeText(bridge.number ?? '').catch(() => undefined)
                  }
                >
                  Copy
                </button>
              </>
            ) : null}
          </div>
        ) : null}
        <p className="impacted" data-impacted-services="">
          <span className="muted">Impacted service</span> <strong dir="auto">{inc.service.summary}</strong>
        </p>
        {work && work.responderRequests.length > 0 ? (
          <ul className="responders" aria-label="Responder requests">
            {work.responderRequests.map((r, i) => (
              <li key={r.id ?? i} dir="auto">
                {r.targets.map((t) => t.summary).join(', ')}: “{r.message}”
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {work && work.changeEvents.length > 0 ? (
        <section className="card" aria-labelledby="changes-h" data-change-events="">
          <h3 id="changes-h">Related changes ({work.changeEvents.length})</h3>
          <ul className="change-events">
            {work.changeEvents.map((c) => (
              <li key={c.id}>
                <div>
                  <time dateTime={c.timestamp}>{clockTime(c.timestamp, now, true)}</time>{' '}
                  <span dir="auto">{c.summary}</span>
                </div>
                <div className="muted" dir="auto">
                  {[c.source, c.services.map((s) => s.summary).join(', '), c.reason?.replace(/_/g, ' ')]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                {c.links.some((l) => l.href.startsWith('https://')) ? (
                  <ul className="change-links">
                    {c.links
                      .filter((l) => l.href.startsWith('https://'))
                      .map((l) => (
                        <li key={l.href}>
                          <button
                            type="button"
                            className="btn btn-link"
                            title={l.href}
                            onClick={() => void open(l.href)}
                          >
                            {l.text || l.href}
                          </button>
                        </li>
                      ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="alerts-h">
        <h3 id="alerts-h">Alerts{work ? ` (${work.alerts.length})` : ''}</h3>
        {error ? (
          <p className="field-hint" dir="auto">
            Could not read the alerts: {error}
          </p>
        ) : null}
        {work?.skippedAlerts.length ? (
          <p className="field-hint">
            {work.skippedAlerts.length} alert(s) could not be read and are not shown.
          </p>
        ) : null}
        {work?.alerts.map((a) => (
          <article key={a.id} className="alert" aria-label={a.summary}>
            <header>
              <strong dir="auto">{a.summary}</strong>{' '}
              <span className={`sev sev-${a.severity ?? 'unknown'}`}>{a.severity ?? 'no severity'}</span>{' '}
              <span className="muted" dir="auto">
                {a.source ?? ''} · {a.status}
              </span>
            </header>
            {a.links && a.links.length > 0 ? (
              <div className="alert-links">
                <span className="muted">Links in this alert (open on click):</span>
                <ul>
                  {a.links.map((l) => (
                    <li key={l}>
                      <button type="button" className="btn btn-link" onClick={() => void open(l)}>
                        {l}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <DetailsTree details={a.details} />
          </article>
        ))}
      </section>
      {dialog === 'reassign' ? <ReassignDialog inc={inc} close={close} /> : null}
      {dialog === 'escalate' ? <EscalateDialog inc={inc} work={work} close={close} /> : null}
      {dialog === 'responders' ? <RespondersDialog inc={inc} close={close} /> : null}
      {dialog === 'priority' ? <PriorityDialog inc={inc} close={close} /> : null}
      {dialog === 'statusUpdate' ? <StatusUpdateDialog inc={inc} close={close} /> : null}
      {dialog === 'merge' ? <MergeDialog inc={inc} close={close} /> : null}
    </>
  );
}
