/**
 * The update banner: "Update ready: restart to install" with a button, or the download's progress.
 * It asks main once and then follows the `updateStatus` event. Restarting is the user's click only;
 * a failed check stays quiet here (it is in the log, and the next check comes by itself).
 */
import { useEffect, useState } from 'react';
import type { ShownUpdateStatus } from '../../../src-main/shared/types';
import { updateMessage } from '../../../src-main/shared/update';
import { useApi } from '../store/context';

export function UpdateBanner() {
  const api = useApi();
  const [status, setStatus] = useState<ShownUpdateStatus | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.getUpdateStatus().then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    const off = api.on('updateStatus', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  const message = status ? updateMessage(status) : null;
  if (!status || !message) return null;
  const install = async (): Promise<void> => {
    const r = await api.installUpdate();
    if (!r.ok) setNote(r.error.message);
    else if (!r.value.accepted) setNote(r.value.reason);
  };
  return (
    <div className="banner banner-info" role="status" data-banner="update">
      <span>
        <strong>{message}</strong>
        {status.simulated ? <span className="muted"> · simulated (browser preview)</span> : null}
        {note ? <span className="muted"> · {note}</span> : null}
      </span>
      {status.state === 'ready' ? (
        <button type="button" className="btn btn-small" onClick={() => void install()}>
          Restart now
        </button>
      ) : null}
    </div>
  );
}
