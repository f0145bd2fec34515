/**
 * The Services view: who owns what. Each service I can see with its team(s), its escalation policy,
 * who is on call at each level now, its runbook (from Settings or the shared runbook file) and its
 * open incidents (a click opens the incident, or the list filtered to the service). Searchable by
 * name: typing a letter anywhere in the view types into the search, `/` focuses it; ↑/↓ (Home/End)
 * move between the service cards and Enter opens a card's incidents. The answers come
 * from the runtime's ownership cache (refreshed with the on-call data), so a search costs no request
 * to PagerDuty; "Refresh" reads it again. Every text of a service is PagerDuty's, shown as text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OncallApi, ServicesView as ServicesAnswer } from '../../../src-main/ipc/contract';
import { useApi, useApp } from '../store/context';
import './services.css';

type Service = ServicesAnswer['services'][number];

/** How long after the last keystroke the search is sent (a local read from the cache). */
const SEARCH_DEBOUNCE_MS = 120;
/** While the view is open, it reads the cache again this often (the cache refreshes itself every 5 min). */
const REREAD_MS = 60_000;

/** "just now", "3 min ago", "2 h ago". */
export function agoText(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const min = Math.floor((now - Date.parse(iso)) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  return `${Math.floor(min / 60)} h ago`;
}

/** The on-call levels of a policy, as a list of "Level N: names" lines. */
export function OncallLevels(props: { levels: Service['levels']; label: string }) {
  if (props.levels.length === 0)
    return <p className="muted services-nobody">Nobody on call now (or the policy could not be read).</p>;
  return (
    <ol className="services-levels" aria-label={props.label}>
      {props.levels.map((l) => (
        <li key={l.level} data-level={l.level}>
          <span className="services-level">Level {l.level}</span>{' '}
          <span dir="auto" className="services-people">
            {l.users.map((u) => u.summary).join(', ') || 'nobody'}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** One service card. */
export function ServiceCard(props: {
  o: Service;
  onOpenIncidents(o: Service): void;
  onOpenRunbook(url: string): void;
}) {
  const { o } = props;
  const s = o.service;
  const teams = s.teams.map((t) => t.summary).join(', ');
  return (
    <li
      className="service-card card"
      data-service={s.name}
      data-service-id={s.id}
      // Reached with the arrow keys (not Tab: its buttons are in the Tab order already).
      tabIndex={-1}
      aria-label={`${s.name}: ${o.openIncidents} open`}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
        e.preventDefault();
        if (o.openIncidents > 0) props.onOpenIncidents(o);
      }}
    >
      <div className="service-head">
        <h3 dir="auto" className="service-name">
          {s.name}
        </h3>
        {o.account ? (
          <span className="account-badge" dir="auto">
            {o.account.name}
          </span>
        ) : null}
        <button
          type="button"
          className={`btn btn-small${o.openIncidents > 0 ? ' services-open-some' : ''}`}
          data-open-incidents={o.openIncidents}
          disabled={o.openIncidents === 0}
          onClick={() => props.onOpenIncidents(o)}
          aria-label={`${o.openIncidents} open incident${o.openIncidents === 1 ? '' : 's'} on ${s.name}`}
        >
          {o.openIncidents} open
        </button>
      </div>
      <dl className="service-facts">
        <dt>Team</dt>
        <dd dir="auto" data-teams>
          {teams || '—'}
        </dd>
        <dt>Escalation policy</dt>
        <dd dir="auto" data-policy>
          {s.escalationPolicy.summary}
        </dd>
        <dt>On call now</dt>
        <dd data-oncall>
          <OncallLevels levels={o.levels} label={`Who is on call for ${s.name}`} />
        </dd>
        <dt>Runbook</dt>
        <dd data-runbook={o.runbook ? o.runbook.origin : 'none'}>
          {o.runbook ? (
            <>
              {o.runbook.steps > 0
                ? `${o.runbook.steps} step checklist${o.runbook.origin === 'file' ? ' (shared file)' : ''}`
                : 'a link'}
              {o.runbook.url ? (
                <>
                  {' · '}
                  <button
                    type="button"
                    className="btn btn-link"
                    onClick={() => props.onOpenRunbook(o.runbook!.url!)}
                  >
                    Open runbook <span aria-hidden="true">↗</span>
                  </button>
                </>
              ) : null}
              {o.openIncidents > 0 && o.runbook.steps > 0 ? (
                <span className="muted"> · the checklist is on each of its incidents</span>
              ) : null}
            </>
          ) : (
            <span className="muted">none (add one in Settings → Runbooks)</span>
          )}
        </dd>
      </dl>
    </li>
  );
}

/** The list part (no data fetching), for render tests. */
export function ServiceList(props: {
  answer: ServicesAnswer;
  query: string;
  now: number;
  onOpenIncidents(o: Service): void;
  onOpenRunbook(url: string): void;
}) {
  const { answer } = props;
  return (
    <>
      <p className="muted services-status" role="status">
        {answer.services.length} service{answer.services.length === 1 ? '' : 's'}
        {props.query.trim() ? ` matching “${props.query.trim()}”` : ''} · read from PagerDuty{' '}
        {agoText(answer.fetchedAt, props.now)}
      </p>
      {answer.stale ? (
        <p className="field-error services-stale" role="alert" dir="auto">
          {answer.stale}
        </p>
      ) : null}
      {answer.services.length === 0 ? (
        <p className="muted">{props.query.trim() ? 'No service has that in its name.' : 'No services.'}</p>
      ) : (
        <ul className="services-list" aria-label="Services">
          {answer.services.map((o) => (
            <ServiceCard
              key={`${o.account?.id ?? ''}|${o.service.id}`}
              o={o}
              onOpenIncidents={props.onOpenIncidents}
              onOpenRunbook={props.onOpenRunbook}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** ↑/↓/Home/End among the service cards; true when the key was taken. */
function moveBetweenCards(e: KeyboardEvent, search: HTMLInputElement | null): boolean {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return false;
  const active = document.activeElement;
  const cards = [...document.querySelectorAll<HTMLElement>('.services-list > .service-card')];
  if (cards.length === 0) return false;
  const at = cards.findIndex((c) => c === active || c.contains(active));
  if (active === search) {
    if (e.key !== 'ArrowDown') return false;
    cards[0]!.focus();
  } else if (at < 0) {
    if (isTextField(active)) return false;
    cards[e.key === 'End' || e.key === 'ArrowUp' ? cards.length - 1 : 0]!.focus();
  } else if (e.key === 'ArrowUp' && at === 0) {
    search?.focus();
  } else {
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? cards.length - 1
          : Math.min(cards.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1));
    cards[next]!.focus();
  }
  cards.find((c) => c === document.activeElement)?.scrollIntoView({ block: 'nearest' });
  e.preventDefault();
  return true;
}

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

/** The view, reading the runtime's cache through `api`. */
export function ServicesView(props: {
  api: Pick<OncallApi, 'getServices' | 'openExternal'>;
  onOpenIncidents(o: Service): void;
}) {
  const { api } = props;
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<ServicesAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [linkMsg, setLinkMsg] = useState<string | null>(null);
  // Ages are in minutes: re-render once a minute, not on every tick.
  const now = useApp((s) => Math.floor(s.now / 60_000) * 60_000);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  const load = useCallback(
    async (q: string, refresh: boolean): Promise<void> => {
      const n = ++asked.current;
      if (refresh) setBusy(true);
      const res = await api.getServices(q, refresh);
      if (n !== asked.current) return;
      setBusy(false);
      if (res.ok) {
        setAnswer(res.value);
        setError(null);
      } else setError(res.error.message);
    },
    [api],
  );

  useEffect(() => {
    const t = setTimeout(() => void load(query, false), answer ? SEARCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(t);
    // `answer` only picks the first read's delay.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, load]);

  useEffect(() => {
    const t = setInterval(() => void load(input.current?.value ?? '', false), REREAD_MS);
    return () => clearInterval(t);
  }, [load]);

  // Type to search: a letter typed anywhere in the view goes into the search box. The arrow keys
  // move between the cards (from the search box, ↓ goes to the first one; ↑ from the first, back).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (moveBetweenCards(e, input.current)) return;
      if (isTextField(document.activeElement)) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (!/^\p{L}$/u.test(e.key)) return;
      e.preventDefault();
      setQuery((q) => q + e.key);
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    input.current?.focus();
  }, []);

  // The contract's `openExternal` channel: main checks the link again (https, a runbook link it
  // offered in this answer or a configured host, see src-main/app/external-url.ts).
  const { openExternal: openLink } = api;
  const openRunbook = (url: string): void => {
    setLinkMsg(null);
    void openLink(url).then((res) => {
      if (!res.ok) setLinkMsg(res.error.message);
      else if (!res.value.opened) setLinkMsg(res.value.reason ?? 'The link was not opened.');
    });
  };

  return (
    <section className="services" aria-labelledby="services-h">
      <div className="services-bar">
        <h2 id="services-h">Services</h2>
        <input
          ref={input}
          type="search"
          className="services-search"
          data-services-search
          placeholder="Search by name  ( / )"
          aria-label="Search services by name"
          value={query}
          maxLength={200}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              e.stopPropagation();
              setQuery('');
            }
          }}
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => void load(query, true)}
          title="Read the services and who is on call from PagerDuty again now"
        >
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert" dir="auto">
          {error}
        </p>
      ) : null}
      {linkMsg ? (
        <p className="field-hint" role="status" dir="auto">
          {linkMsg}
        </p>
      ) : null}
      {answer ? (
        <ServiceList
          answer={answer}
          query={query}
          now={now}
          onOpenIncidents={props.onOpenIncidents}
          onOpenRunbook={openRunbook}
        />
      ) : error ? null : (
        <p className="muted">Reading the services…</p>
      )}
    </section>
  );
}

/** The Services tab's content: opening a service's incidents goes to the incident, or the filtered list. */
export function ServicesSlot() {
  const api = useApi();
  const incidents = useApp((s) => s.data.incidents);
  const open = useApp((s) => s.open);
  const setFilter = useApp((s) => s.setFilter);
  const setView = useApp((s) => s.setView);
  const onOpenIncidents = (o: Service): void => {
    const mine = Object.values(incidents).filter(
      (i) =>
        i.service.id === o.service.id &&
        (o.account ? i.account?.id === o.account.id : true) &&
        i.status !== 'resolved',
    );
    if (mine.length === 1) return open(mine[0]!.id);
    setView('incidents');
    setFilter(o.service.name);
  };
  return <ServicesView api={api} onOpenIncidents={onOpenIncidents} />;
}
