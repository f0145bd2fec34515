/**
 * Banners under the header that say what is wrong and what to do: the demo source, stale or
 * offline data, a rejected token (with a way to Settings), a lost connection to the preview server,
 * saved state found damaged at start (what was moved aside, and where).
 */
import { useApp } from '../store/context';
import { clockTime } from '../store/format';
import { UpdateBanner } from './UpdateBanner';
import type { AccountState } from '../../../src-main/shared/accounts';

/** An extra account that is not live: its own banner, naming it (the others stay live). */
function AccountBanner({ account, now }: { account: AccountState; now: number }) {
  const s = account.sync;
  if (account.problem === null && (s.state === 'live' || s.state === 'starting')) return null;
  const refused = s.state === 'auth_error';
  const text =
    account.problem ??
    (s.state === 'stale'
      ? `${s.errorKind === 'unreachable' || s.errorKind === 'timeout' ? 'offline' : 'data may be stale'} since ${clockTime(s.since, now, true)}: ${s.reason}`
      : s.state === 'auth_error'
        ? `PagerDuty refused the token: ${s.reason}`
        : '');
  return (
    <div
      className={`banner ${refused || account.problem ? 'banner-bad' : 'banner-warn'}`}
      role="alert"
      data-banner="account-stale"
      data-account={account.name}
    >
      <span>
        <strong dir="auto">{account.name}:</strong> <span dir="auto">{text}</span> Its rows are marked stale.
      </span>
    </div>
  );
}

/** All banners that apply now. */
export function Banners() {
  const source = useApp((s) => s.data.source);
  const sync = useApp((s) => s.data.sync);
  const conn = useApp((s) => s.connection);
  const now = useApp((s) => s.now);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const syncNow = useApp((s) => s.syncNow);
  const silenced = useApp((s) => s.notificationHealth?.silenced ?? null);
  const onCall = useApp((s) => s.data.shifts.current.length > 0);
  const accounts = useApp((s) => s.data.accounts);
  const several = accounts.length > 1;
  const firstName = several ? `${accounts[0]!.name}: ` : '';
  const signIn = useApp((s) => s.settings?.signIn ?? null);
  // An extra account's sign-out is said in its own banner (its `problem`), not this one.
  const signedOut = signIn?.state === 'signed_out' && !signIn.accountId;
  const toSettings = (
    <button type="button" className="btn btn-small" onClick={() => setView('settings')}>
      Open Settings
    </button>
  );
  return (
    <div className="banners">
      <UpdateBanner />
      {silenced && onCall ? (
        <div className="banner banner-warn" role="alert" data-banner="silenced">
          <span>
            <strong>Notifications are silenced while you are on call</strong>{' '}
            <span dir="auto">({silenced}).</span> Pages still show here and in the tray; high urgency still
            plays the alert.
          </span>
        </div>
      ) : null}
      {conn === 'lost' ? (
        <div className="banner banner-bad" role="alert">
          <strong>Lost contact with the companion.</strong> Reconnecting… If this lasts, restart the preview (
          <code>npx oncall-companion preview</code>).
        </div>
      ) : null}
      {sync.state === 'stale' ? (
        <div className="banner banner-warn" role="alert" data-banner="stale">
          <span>
            <strong>
              {firstName}
              {sync.errorKind === 'unreachable' || sync.errorKind === 'timeout'
                ? 'Offline'
                : 'Data may be stale'}
            </strong>{' '}
            since {clockTime(sync.since, now, true)}: <span dir="auto">{sync.reason}</span> Next try at{' '}
            {clockTime(sync.retryAt, now, true)}.
          </span>
          <button type="button" className="btn btn-small" onClick={() => void syncNow()}>
            Retry now
          </button>
        </div>
      ) : null}
      {signedOut ? (
        <div className="banner banner-bad" role="alert" data-banner="signed-out">
          <span>
            <strong dir="auto">{signIn.message}</strong> Use Sign in with PagerDuty in Settings.
          </span>
          {view !== 'settings' ? toSettings : null}
        </div>
      ) : null}
      {sync.state === 'auth_error' && !signedOut ? (
        <div className="banner banner-bad" role="alert" data-banner="auth">
          <span>
            <strong>{firstName}PagerDuty refused the token.</strong> <span dir="auto">{sync.reason}</span>
            {/settings/i.test(sync.reason) ? null : ' Enter a valid token in Settings.'}
          </span>
          {view !== 'settings' ? toSettings : null}
        </div>
      ) : null}
      {accounts.slice(1).map((a) => (
        <AccountBanner key={a.id} account={a} now={now} />
      ))}
      {(sync.state === 'live' || sync.state === 'stale') && sync.damaged ? (
        <div className="banner banner-warn" role="alert" data-banner="damaged">
          <span>
            <strong>Some saved state was damaged.</strong> <span dir="auto">{sync.damaged}</span>
          </span>
        </div>
      ) : null}
      {source?.kind === 'demo' ? (
        <div className="banner banner-info" data-banner="demo">
          <span>
            <strong>Demo data: connect PagerDuty in Settings</strong>
            <span className="muted"> · pages here come from the built-in simulator</span>
          </span>
          {view !== 'settings' ? toSettings : null}
        </div>
      ) : null}
    </div>
  );
}
