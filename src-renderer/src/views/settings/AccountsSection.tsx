/**
 * The accounts the window runs beside the first one (whose source and token are the cards above):
 * list, add, rename, edit and remove, each saved on its own button so the main form never sends a
 * stale list back. A token is write-only per account; removing asks first (its token is deleted).
 * Each account shows its request budget: PagerDuty allows 960 requests a minute per user and
 * account; the estimate (polls, on-call and service-owner refreshes) sits beside the rate its client
 * really sends (measured by the runtime, read from the snapshot every 10 s).
 */
import { useEffect, useState } from 'react';
import type { FieldError, SettingsView } from '../../../../src-main/ipc/contract';
import {
  accountsListSchema,
  newAccountId,
  pollBudget,
  PRIMARY_ACCOUNT_ID,
  type AccountSettings,
  type RequestBudget,
  type RequestRate,
} from '../../../../src-main/shared/accounts';
import { POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../../../../src-main/shared/limits';
import { SignInButton } from '../../components/SignIn';
import { useApi, useApp } from '../../store/context';

type Region = 'us' | 'eu' | 'custom';

/** The editable fields of one account (strings as typed). */
interface Draft {
  name: string;
  kind: 'pagerduty' | 'demo';
  region: Region;
  apiUrl: string;
  fromEmail: string;
  poll: string;
}

function draftOf(a: AccountSettings | null): Draft {
  const s = a?.source;
  return {
    name: a?.name ?? '',
    kind: s?.kind ?? 'pagerduty',
    region: s?.kind === 'pagerduty' ? s.region : 'us',
    apiUrl: s?.kind === 'pagerduty' ? (s.apiUrl ?? '') : '',
    fromEmail: s?.kind === 'pagerduty' ? (s.fromEmail ?? '') : '',
    poll: a?.pollIntervalSeconds !== undefined ? String(a.pollIntervalSeconds) : '',
  };
}

function accountOf(id: string, d: Draft, before: AccountSettings | null): AccountSettings {
  const source: AccountSettings['source'] =
    d.kind === 'demo'
      ? { kind: 'demo', scenario: 'demo' }
      : {
          kind: 'pagerduty',
          region: d.region,
          ...(d.region === 'custom' && d.apiUrl.trim() ? { apiUrl: d.apiUrl.trim() } : {}),
          ...(d.fromEmail.trim() ? { fromEmail: d.fromEmail.trim() } : {}),
        };
  return {
    id,
    name: d.name.trim(),
    source,
    ...(before?.filters ? { filters: before.filters } : {}),
    ...(d.poll.trim() ? { pollIntervalSeconds: Number(d.poll) } : {}),
  };
}

/** The accounts card. */
export function AccountsSection(props: { view: SettingsView }) {
  const api = useApi();
  const setSettings = useApp((s) => s.setSettings);
  const accounts = props.view.settings.accounts;
  const [adding, setAdding] = useState(false);
  const measured = useMeasuredRates();

  /** Save a new list; answers the field errors (paths inside the list) or null. */
  const saveList = async (list: AccountSettings[]): Promise<FieldError[] | null> => {
    const local = accountsListSchema.safeParse(list);
    if (!local.success)
      return local.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const res = await api.updateSettings({ accounts: list });
    if (!res.ok) return [{ path: '', message: res.error.message }];
    if (!res.value.ok) return res.value.errors;
    setSettings(res.value.view);
    return null;
  };

  return (
    <section className="card" aria-labelledby="accounts-h">
      <h3 id="accounts-h">Accounts</h3>
      <p className="field-hint">
        The first account is <strong dir="auto">{props.view.settings.accountName}</strong> (Source and token
        above). Add more to watch them in this window: each row shows its account’s name.
      </p>
      <FirstBudget
        poll={props.view.settings.pollIntervalSeconds}
        measured={measured.get(PRIMARY_ACCOUNT_ID) ?? null}
      />
      <ul className="accounts-list" aria-label="Other accounts">
        {accounts.map((a, i) => (
          <AccountCard
            key={a.id}
            account={a}
            tokenSet={props.view.accountTokens[a.id]?.set ?? false}
            signedIn={props.view.accountTokens[a.id]?.signedIn ?? false}
            appPoll={props.view.settings.pollIntervalSeconds}
            measured={measured.get(a.id) ?? null}
            onSave={(next) => saveList(accounts.map((x, j) => (j === i ? next : x)))}
            onRemove={() => saveList(accounts.filter((x) => x.id !== a.id))}
          />
        ))}
      </ul>
      {adding ? (
        <AccountForm
          title="Add an account"
          initial={draftOf(null)}
          withToken
          submit="Add account"
          onCancel={() => setAdding(false)}
          onSubmit={async (d, token) => {
            const id = newAccountId(
              d.name,
              accounts.map((a) => a.id),
            );
            const errors = await saveList([...accounts, accountOf(id, d, null)]);
            if (errors) return errors;
            if (token.trim()) {
              const res = await api.setAccountToken(id, token.trim());
              if (!res.ok) return [{ path: 'token', message: res.error.message }];
              setSettings(res.value);
            }
            setAdding(false);
            return null;
          }}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setAdding(true)}>
          Add account…
        </button>
      )}
    </section>
  );
}

/** Each running account's measured request rate (a local read, no PagerDuty request), every 10 s. */
function useMeasuredRates(): Map<string, RequestRate> {
  const api = useApi();
  const [rates, setRates] = useState<Map<string, RequestRate>>(new Map());
  useEffect(() => {
    let live = true;
    const read = async (): Promise<void> => {
      const res = await api.getSnapshot();
      if (!live || !res.ok) return;
      const m = new Map<string, RequestRate>();
      for (const a of res.value.accounts ?? []) if (a.requests) m.set(a.id, a.requests);
      setRates(m);
    };
    void read();
    const t = setInterval(() => void read(), MEASURE_EVERY_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api]);
  return rates;
}

const MEASURE_EVERY_MS = 10_000;

/** "Measured: 12 in the last minute (about 12.4 a minute over 10 min)". */
function Measured({ rate }: { rate: RequestRate | null }) {
  if (!rate)
    return (
      <span className="budget-measured" data-measured="none">
        {' '}
        Measured: not running.
      </span>
    );
  return (
    <span className="budget-measured" data-measured={rate.lastMinute}>
      {' '}
      Measured: {rate.lastMinute} in the last minute (about {rate.perMinute} a minute lately, busiest minute{' '}
      {rate.peakMinute}).
    </span>
  );
}

function estimateText(b: RequestBudget): string {
  const extra = Math.round((b.oncall + b.ownership) * 10) / 10;
  return `about ${b.perMinute} (polls ${Math.round(b.polls * 10) / 10}, on-call and service owners ${extra})`;
}

function FirstBudget({ poll, measured }: { poll: number; measured: RequestRate | null }) {
  const b = pollBudget(poll);
  return (
    <p className="field-hint" data-budget="default">
      Request budget of the first account: estimated {estimateText(b)} of the {b.limit} requests a minute
      PagerDuty allows per user and account.
      <Measured rate={measured} />
    </p>
  );
}

function AccountCard(props: {
  account: AccountSettings;
  tokenSet: boolean;
  signedIn: boolean;
  appPoll: number;
  measured: RequestRate | null;
  onSave: (a: AccountSettings) => Promise<FieldError[] | null>;
  onRemove: () => Promise<FieldError[] | null>;
}) {
  const api = useApi();
  const setSettings = useApp((s) => s.setSettings);
  const a = props.account;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const budget = pollBudget(a.pollIntervalSeconds ?? props.appPoll);
  const where =
    a.source.kind === 'demo'
      ? 'Demo (built-in simulator)'
      : a.source.region === 'custom'
        ? (a.source.apiUrl ?? 'custom API URL')
        : a.source.region === 'eu'
          ? 'PagerDuty EU'
          : 'PagerDuty US';

  const saveToken = async (): Promise<void> => {
    if (token.trim().length < 8) {
      setMessage('Paste the whole API token (at least 8 characters).');
      return;
    }
    const res = await api.setAccountToken(a.id, token.trim());
    if (!res.ok) return setMessage(res.error.message);
    setToken('');
    setSettings(res.value);
    setMessage('Token saved.');
  };

  return (
    <li className="account-card" data-account={a.name}>
      <div className="account-head">
        <strong dir="auto" className="account-name">
          {a.name}
        </strong>
        <span className="muted">{where}</span>
        {a.source.kind === 'pagerduty' ? (
          <span className={props.tokenSet ? 'field-ok' : 'field-error'} data-token-set={props.tokenSet}>
            {props.tokenSet ? (props.signedIn ? 'signed in' : 'token saved') : 'no token'}
          </span>
        ) : null}
      </div>
      <p className="field-hint" data-budget={a.name}>
        Request budget: polling every {a.pollIntervalSeconds ?? props.appPoll} s, estimated{' '}
        {estimateText(budget)} of its {budget.limit} requests a minute.
        <Measured rate={props.measured} />
      </p>
      {editing ? (
        <AccountForm
          title={`Edit ${a.name}`}
          initial={draftOf(a)}
          submit="Save account"
          onCancel={() => setEditing(false)}
          onSubmit={async (d) => {
            const errors = await props.onSave(accountOf(a.id, d, a));
            if (!errors) setEditing(false);
            return errors;
          }}
        />
      ) : (
        <div className="inline">
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            Edit or rename
          </button>
          {confirming ? (
            <span className="inline" role="group" aria-label={`Remove ${a.name}?`}>
              <span>Remove “{a.name}”? Its token is deleted and its rows leave the list.</span>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() =>
                  void props.onRemove().then((e) => {
                    if (e) setMessage(e[0]?.message ?? 'not removed');
                  })
                }
              >
                Yes, remove
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
              Remove…
            </button>
          )}
        </div>
      )}
      {a.source.kind === 'pagerduty' ? (
        <SignInButton accountId={a.id} label={`Sign in to ${a.name} with PagerDuty`} />
      ) : null}
      {a.source.kind === 'pagerduty' ? (
        <div className="field">
          <label htmlFor={`token-${a.id}`}>
            {props.tokenSet ? 'Replace token' : 'Token'} of {a.name}
          </label>
          <div className="inline">
            <input
              id={`token-${a.id}`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
            <button type="button" className="btn btn-small" onClick={() => void saveToken()}>
              Save token
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p className="field-hint" role="status">
          {message}
        </p>
      ) : null}
    </li>
  );
}

function AccountForm(props: {
  title: string;
  initial: Draft;
  withToken?: boolean;
  submit: string;
  onCancel: () => void;
  onSubmit: (d: Draft, token: string) => Promise<FieldError[] | null>;
}) {
  const [d, setD] = useState<Draft>(props.initial);
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = (k: keyof Draft, v: string) => setD((x) => ({ ...x, [k]: v }));
  const uid = props.title.replace(/\W+/g, '-').toLowerCase();
  return (
    <fieldset className="account-form" aria-label={props.title}>
      <legend>{props.title}</legend>
      <div className="field">
        <label htmlFor={`${uid}-name`}>Account name</label>
        <input
          id={`${uid}-name`}
          value={d.name}
          maxLength={40}
          onChange={(e) => set('name', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-kind`}>Kind</label>
        <select id={`${uid}-kind`} value={d.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="pagerduty">PagerDuty</option>
          <option value="demo">Demo (built-in simulator)</option>
        </select>
      </div>
      {d.kind === 'pagerduty' ? (
        <>
          <div className="field">
            <label htmlFor={`${uid}-region`}>API</label>
            <select id={`${uid}-region`} value={d.region} onChange={(e) => set('region', e.target.value)}>
              <option value="us">US (api.pagerduty.com)</option>
              <option value="eu">EU (api.eu.pagerduty.com)</option>
              <option value="custom">Other API URL</option>
            </select>
          </div>
          {d.region === 'custom' ? (
            <div className="field">
              <label htmlFor={`${uid}-url`}>API URL</label>
              <input
                id={`${uid}-url`}
                value={d.apiUrl}
                spellCheck={false}
                placeholder="https://api.pagerduty.com"
                onChange={(e) => set('apiUrl', e.target.value)}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${uid}-from`}>From email (optional)</label>
            <input
              id={`${uid}-from`}
              type="email"
              value={d.fromEmail}
              onChange={(e) => set('fromEmail', e.target.value)}
            />
          </div>
          {props.withToken ? (
            <div className="field">
              <label htmlFor={`${uid}-token`}>API token</label>
              <input
                id={`${uid}-token`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            </div>
          ) : null}
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${uid}-poll`}>
          Poll every (seconds, {POLL_INTERVAL_MIN_S}-{POLL_INTERVAL_MAX_S}; empty = the app’s)
        </label>
        <input
          id={`${uid}-poll`}
          inputMode="numeric"
          value={d.poll}
          onChange={(e) => set('poll', e.target.value)}
        />
      </div>
      {errors.map((e) => (
        <p key={`${e.path}:${e.message}`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {e.message}
        </p>
      ))}
      <div className="inline">
        <button
          type="button"
          className="btn btn-primary btn-small"
          onClick={() => void props.onSubmit(d, token).then((e) => setErrors(e ?? []))}
        >
          {props.submit}
        </button>
        <button type="button" className="btn btn-small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
