/**
 * Pause low-urgency notifications for a while (as the tray's "pause 1 h"), or resume them.
 */
import { useApi, useApp } from '../../store/context';
import { clockTime } from '../../store/format';

const CHOICES: Array<[number, string]> = [
  [60, '1 hour'],
  [240, '4 hours'],
  [480, '8 hours'],
];

/** The pause control with its current state. */
export function PauseLowUrgency() {
  const api = useApi();
  const until = useApp((s) => s.data.lowUrgencyPausedUntil);
  const now = useApp((s) => s.now);
  const refresh = useApp((s) => s.refresh);
  const toast = useApp((s) => s.toast);
  const paused = until !== null && until > now;
  const pause = async (minutes: number | null): Promise<void> => {
    const res = await api.pauseLowUrgency(minutes);
    if (!res.ok) toast('error', `Could not change the pause: ${res.error.message}`);
    await refresh();
  };
  return (
    <div className="field" role="group" aria-labelledby="pause-h">
      <span className="label" id="pause-h">
        Low-urgency notifications
      </span>
      <div className="inline">
        <span className={paused ? 'field-hint warn' : 'field-hint'}>
          {paused ? `Paused until ${clockTime(new Date(until).toISOString(), now)}` : 'On'}
        </span>
        {paused ? (
          <button type="button" className="btn btn-small" onClick={() => void pause(null)}>
            Resume now
          </button>
        ) : (
          CHOICES.map(([m, label]) => (
            <button key={m} type="button" className="btn btn-small" onClick={() => void pause(m)}>
              Pause {label}
            </button>
          ))
        )}
      </div>
    </div>
  );
}
