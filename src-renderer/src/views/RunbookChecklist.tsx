/**
 * The runbook checklist of an incident: the service's steps as checkboxes (each tick saved at once),
 * the runbook link, links from the alert offered as candidates, and the shared file's error said
 * plainly. Links are shown as text; they open only through `onOpenExternal` and only when https.
 */
import { useEffect, useState } from 'react';
import type { OncallApi } from '../../../src-main/ipc/contract';
import type { RunbookView } from '../../../src-main/shared/types';
import './load.css';

/** Props of the checklist. */
export interface RunbookChecklistProps {
  api: Pick<OncallApi, 'getRunbook' | 'setChecklistStep'>;
  incidentId: string;
  serviceId?: string;
  /** Opens an https link in the system browser (main checks it again); absent = links are copy-only. */
  onOpenExternal?: (url: string) => void;
}

/** True for a well-formed https URL. */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function LinkText({ url, onOpen, label }: { url: string; onOpen?: (url: string) => void; label: string }) {
  const safe = isHttpsUrl(url);
  return (
    <span className="rb-link">
      <code className="rb-url" dir="ltr">
        {url}
      </code>
      {safe && onOpen ? (
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Open ${label} in the browser`}
          onClick={() => onOpen(url)}
        >
          Open
        </button>
      ) : null}
      {safe ? (
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label={`Copy ${label}`}
          onClick={() => void navigator.clipboard?.writeText(url).catch(() => undefined)}
        >
          Copy
        </button>
      ) : null}
    </span>
  );
}

/** The checklist as it shows once loaded (exported for rendering tests). */
export function ChecklistBody(props: {
  view: RunbookView;
  busyStep: number | null;
  onToggle: (step: number, done: boolean) => void;
  onOpenExternal?: (url: string) => void;
}) {
  const { view, busyStep, onToggle, onOpenExternal } = props;
  const done = view.steps.filter((s) => s.done).length;
  return (
    <>
      {view.sourceError ? (
        <p className="rb-error" role="alert">
          The shared runbook file could not be used: {view.sourceError}
        </p>
      ) : null}
      {view.url ? (
        <p className="rb-row">
          <span className="muted">Runbook: </span>
          <LinkText url={view.url} onOpen={onOpenExternal} label="the runbook" />
        </p>
      ) : null}
      {view.steps.length ? (
        <>
          <p className="muted rb-progress">
            {done} of {view.steps.length} steps done
          </p>
          <ol className="rb-steps">
            {view.steps.map((s, i) => {
              const id = `rb-${view.incidentId}-${i}`;
              return (
                <li key={`${i}-${s.text}`} className={s.done ? 'is-done' : undefined}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={s.done}
                    disabled={busyStep !== null}
                    onChange={(e) => onToggle(i, e.currentTarget.checked)}
                  />
                  <label htmlFor={id} dir="auto">
                    {s.text}
                  </label>
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="muted">
          No checklist for this service. Add one in Settings or in the shared runbook file.
        </p>
      )}
      {view.candidates.length ? (
        <div className="rb-candidates">
          <h4>Links in the alert</h4>
          <ul>
            {view.candidates.map((c) => (
              <li key={c}>
                <LinkText url={c} onOpen={onOpenExternal} label={`link ${c}`} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** The runbook checklist of one incident. */
export function RunbookChecklist({ api, incidentId, onOpenExternal }: RunbookChecklistProps) {
  // Keyed by incident, so a new incident shows "Loading…" without resetting state in an effect.
  const [loaded, setLoaded] = useState<{
    id: string;
    view: RunbookView | null;
    error: string | null;
    /** No history service here: a plain note instead of an error. */
    unavailable?: boolean;
  }>({
    id: '',
    view: null,
    error: null,
  });
  const [busyStep, setBusyStep] = useState<number | null>(null);
  const current =
    loaded.id === incidentId ? loaded : { id: incidentId, view: null, error: null, unavailable: false };
  const view = current.view;
  const error = current.error;
  const setView = (f: (v: RunbookView | null) => RunbookView | null) =>
    setLoaded((s) => (s.id === incidentId ? { ...s, view: f(s.view) } : s));
  const setError = (e: string | null) => setLoaded((s) => (s.id === incidentId ? { ...s, error: e } : s));

  useEffect(() => {
    let live = true;
    api
      .getRunbook(incidentId)
      .then((res) => {
        if (!live) return;
        setLoaded(
          res.ok
            ? { id: incidentId, view: res.value, error: null }
            : {
                id: incidentId,
                view: null,
                error: res.error.message,
                unavailable: res.error.code === 'unavailable',
              },
        );
      })
      .catch((e: unknown) => {
        if (live)
          setLoaded({ id: incidentId, view: null, error: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      live = false;
    };
  }, [api, incidentId]);

  const toggle = async (step: number, done: boolean) => {
    setBusyStep(step);
    setError(null);
    // Optimistic: tick at once, undo when saving fails.
    const mark = (d: boolean) =>
      setView((v) => (v ? { ...v, steps: v.steps.map((s, i) => (i === step ? { ...s, done: d } : s)) } : v));
    mark(done);
    try {
      const res = await api.setChecklistStep(incidentId, step, done);
      if (res.ok) setView(() => res.value);
      else {
        setError(`The tick was not saved: ${res.error.message}`);
        mark(!done);
      }
    } catch (e) {
      setError(`The tick was not saved: ${e instanceof Error ? e.message : String(e)}`);
      mark(!done);
    } finally {
      setBusyStep(null);
    }
  };

  return (
    <section className="rb" aria-labelledby={`rb-title-${incidentId}`}>
      <h3 id={`rb-title-${incidentId}`}>Runbook checklist</h3>
      {error && current.unavailable && !view ? (
        <p className="muted">{error}</p>
      ) : error ? (
        <p className="rb-error" role="alert">
          {error}
        </p>
      ) : null}
      {view ? (
        <ChecklistBody
          view={view}
          busyStep={busyStep}
          onToggle={(i, d) => void toggle(i, d)}
          onOpenExternal={onOpenExternal}
        />
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

export default RunbookChecklist;
