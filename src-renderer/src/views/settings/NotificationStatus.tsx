/**
 * Settings → Notifications status: "Send a test notification" (shown or not, with the reason), the
 * last notification that failed to show, and whether the system silences them (Do Not Disturb).
 */
import { useState } from 'react';
import { useApi, useApp } from '../../store/context';
import { clockTime } from '../../store/format';

/** The status block. */
export function NotificationStatus() {
  const api = useApi();
  const health = useApp((s) => s.notificationHealth);
  const now = useApp((s) => s.now);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const test = async (): Promise<void> => {
    setBusy(true);
    const r = await api.testNotification();
    setBusy(false);
    if (!r.ok) setResult(`Not shown: ${r.error.message}`);
    else
      setResult(r.value.delivered ? 'Test notification shown.' : `Not shown: ${r.value.reason ?? 'unknown'}`);
  };
  return (
    <div className="notif-status">
      <button type="button" className="btn" disabled={busy} onClick={() => void test()}>
        Send a test notification
      </button>
      {result ? (
        <p role="status" className={result.startsWith('Not') ? 'field-error' : 'field-ok'} dir="auto">
          {result}
        </p>
      ) : null}
      {health?.silenced ? (
        <p className="field-error" dir="auto">
          The system silences notifications now: {health.silenced}.
        </p>
      ) : null}
      {health?.lastFailure ? (
        <p className="field-error" dir="auto" data-last-failure>
          Last notification not shown ({clockTime(health.lastFailure.at, now)}): “{health.lastFailure.title}”
          — {health.lastFailure.reason}
        </p>
      ) : null}
    </div>
  );
}
