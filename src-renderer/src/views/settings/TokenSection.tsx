/**
 * Token entry: write-only. The token goes to the main process (secret store) and never comes back;
 * the view only says whether one is set and where it is kept.
 */
import { useState } from 'react';
import type { SettingsView, TokenStorage } from '../../../../src-main/ipc/contract';
import { useApi, useApp } from '../../store/context';
import { SignInButton } from '../../components/SignIn';
import { TextField, type Bound } from './fields';

const STORAGE_WORDS: Record<TokenStorage, string> = {
  keyring: 'the system keyring (encrypted)',
  basic_text: 'a local file with basic obfuscation only (no system keyring was found)',
  unavailable: 'nowhere: no secret store is available',
  'preview-memory': 'the preview server’s memory, until it stops',
};

/** The token card. */
export function TokenSection(props: { view: SettingsView; bound: Bound }) {
  const api = useApi();
  const setSettings = useApp((s) => s.setSettings);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const t = props.view.token;

  const save = async (): Promise<void> => {
    setSaved(null);
    if (value.trim().length < 8) {
      setError('Paste the whole API token (at least 8 characters).');
      return;
    }
    const res = await api.setToken(value.trim());
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setValue('');
    setError(null);
    setSaved('Token saved.');
    setSettings(res.value);
  };
  const clear = async (): Promise<void> => {
    setConfirming(false);
    const res = await api.clearToken();
    if (res.ok) {
      setSettings(res.value);
      // A sign-in was revoked first (or could not be): the core says which.
      setSaved(t.signedIn ? (res.value.signIn?.message ?? 'Signed out.') : 'Token removed.');
    } else setError(res.error.message);
  };

  return (
    <section className="card" aria-labelledby="token-h">
      <h3 id="token-h">PagerDuty account</h3>
      <p className="field-hint">Sign in in your browser (no key to create), or paste an API token below.</p>
      <SignInButton />
      <TextField
        {...props.bound}
        path="signInClientId"
        label="OAuth client ID"
        hint="Empty: the project’s PagerDuty app. Your own app’s client ID where your admin requires one (see the README)."
        emptyAs={null}
      />
      <h4>API token</h4>
      <p className="token-state" data-token-set={t.set}>
        {t.set && t.signedIn ? (
          <>
            <span aria-hidden="true">✓ </span>Signed in with PagerDuty; the sign-in is kept in{' '}
            {STORAGE_WORDS[t.storage]}. Pasting a token replaces it.
          </>
        ) : t.set ? (
          <>
            <span aria-hidden="true">✓ </span>A token is saved in {STORAGE_WORDS[t.storage]}. It cannot be
            shown again; paste a new one to replace it.
          </>
        ) : (
          <>No token saved. Create a user API token in PagerDuty (My Profile → User Settings).</>
        )}
      </p>
      {t.warning ? <p className="field-hint warn">{t.warning}</p> : null}
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor="token-input">{t.set ? 'Replace token' : 'Token'}</label>
        <div className="inline">
          <input
            id="token-input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'token-err' : undefined}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              }
            }}
          />
          <button type="button" className="btn btn-primary" onClick={() => void save()}>
            Save token
          </button>
          {t.set && !confirming ? (
            <button type="button" className="btn" onClick={() => setConfirming(true)}>
              {t.signedIn ? 'Sign out…' : 'Remove token…'}
            </button>
          ) : null}
        </div>
        {t.set && confirming ? (
          <div className="inline" role="group" aria-label={t.signedIn ? 'Sign out?' : 'Remove the token?'}>
            <span>
              {t.signedIn
                ? 'Sign out? The sign-in is revoked in PagerDuty and removed here; the app shows the demo until you sign in again.'
                : 'Remove the saved token? The app shows the demo until you paste one again.'}
            </span>
            <button type="button" className="btn btn-small btn-danger" onClick={() => void clear()}>
              {t.signedIn ? 'Yes, sign out' : 'Yes, remove'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        ) : null}
        {error ? (
          <p className="field-error" id="token-err">
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        ) : null}
        {saved ? (
          <p className="field-ok" role="status">
            {saved}
          </p>
        ) : null}
      </div>
    </section>
  );
}
