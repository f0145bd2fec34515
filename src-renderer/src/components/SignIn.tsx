/**
 * "Sign in with PagerDuty" (Settings and the first-run welcome). The core runs the browser sign-in
 * and keeps the token; the window only starts it, shows the address to open (the desktop app opens
 * it itself) and how it went. The first-run welcome shows while no account is set up and the demo
 * has not been chosen (remembered in this window's localStorage).
 */
import { useEffect, useState } from 'react';
import type { SignInView } from '../../../src-main/ipc/contract';
import { useApi, useApp } from '../store/context';

const WELCOME_KEY = 'oncall.welcome.done';

/** Only our own sign-in addresses become a link: https, or the loopback simulator's. */
function linkable(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' ||
      (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'))
    );
  } catch {
    return false;
  }
}

/** The button and its progress; with `accountId`, for that extra account (Settings > Accounts). */
export function SignInButton(props: { primary?: boolean; accountId?: string; label?: string }) {
  const api = useApi();
  const setSettings = useApp((s) => s.setSettings);
  const [view, setView] = useState<SignInView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (view?.state !== 'waiting') return;
    const t = setInterval(() => {
      void api.getSignIn().then(async (r) => {
        if (!r.ok) return;
        // The controller runs one sign-in at a time; this button shows only its own.
        if ((r.value.accountId ?? undefined) !== props.accountId) return;
        setView(r.value);
        if (r.value.state !== 'waiting') {
          const s = await api.getSettings();
          if (s.ok) setSettings(s.value);
        }
      });
    }, 1000);
    return () => clearInterval(t);
  }, [api, view?.state, setSettings, props.accountId]);

  const start = async (): Promise<void> => {
    setError(null);
    const r = props.accountId ? await api.startAccountSignIn(props.accountId) : await api.startSignIn();
    if (!r.ok) return setError(r.error.message);
    setView({
      state: 'waiting',
      url: r.value.url,
      message: 'Waiting for you to allow access in the browser…',
    });
  };

  return (
    <div className="signin">
      <button
        type="button"
        className={`btn${props.primary ? ' btn-primary' : ''}`}
        onClick={() => void start()}
        disabled={view?.state === 'waiting'}
      >
        {props.label ?? 'Sign in with PagerDuty'}
      </button>
      {view?.state === 'waiting' ? (
        <p role="status" className="field-hint">
          {view.message}{' '}
          {view.url && linkable(view.url) ? (
            <a href={view.url} target="_blank" rel="noreferrer noopener">
              Open the PagerDuty sign-in page
            </a>
          ) : null}
        </p>
      ) : null}
      {view?.state === 'signed_in' ? (
        <p role="status" className="field-ok">
          {view.message}
        </p>
      ) : null}
      {view?.state === 'failed' || view?.state === 'signed_out' ? (
        <p role="alert" className="field-error">
          <span aria-hidden="true">⚠ </span>
          {view.message}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The first-run welcome (no account yet): sign in, or try the demo. */
export function Welcome() {
  const settings = useApp((s) => s.settings);
  const [done, setDone] = useState(() => {
    try {
      return localStorage.getItem(WELCOME_KEY) === '1';
    } catch {
      return false;
    }
  });
  if (done || !settings || settings.token.set || settings.settings.source.kind !== 'demo') return null;
  const tryDemo = (): void => {
    try {
      localStorage.setItem(WELCOME_KEY, '1');
    } catch {
      /* the choice lasts this session only */
    }
    setDone(true);
  };
  return (
    <section className="card welcome" aria-labelledby="welcome-h">
      <h2 id="welcome-h">Welcome to On-Call Companion</h2>
      <p>
        It watches your PagerDuty pages: it polls every 5 seconds (about 12 requests a minute), notifies you
        of new pages, and lets you acknowledge in one keystroke.
      </p>
      <div className="inline">
        <SignInButton primary />
        <button type="button" className="btn" onClick={tryDemo}>
          Try the demo
        </button>
      </div>
    </section>
  );
}
