/**
 * Messages at the bottom of the window: errors stay until dismissed (a rolled-back action must be
 * seen), information fades by itself. Also the polite live region for screen readers.
 */
import { useApp } from '../store/context';

/** Toasts and the live region. */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  const announcement = useApp((s) => s.announcement);
  return (
    <>
      <div className="toasts" role="alert">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} data-tone={t.tone}>
            <span dir="auto">{t.message}</span>
            <button type="button" className="btn btn-small" onClick={() => dismiss(t.id)}>
              Dismiss
            </button>
          </div>
        ))}
      </div>
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
