/**
 * An incident's timeline (log entries, status updates among them with their message) and its notes,
 * with a box to add one. Reloads when a note or a status update of this incident is delivered.
 * Entries are untrusted text and render as text.
 */
import { useEffect, useState } from 'react';
import type { LogEntry } from '../../../src-main/shared/types';
import { useApi, useApp } from '../store/context';
import { clockTime } from '../store/format';

/** The log entry type of a status update (its text is the entry's `content`). */
const STATUS_UPDATE = 'status_update_log_entry';

/** Timeline and notes of one incident. */
export function Timeline(props: { incidentId: string }) {
  const api = useApi();
  const now = useApp((s) => s.now);
  const toast = useApp((s) => s.toast);
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<string[]>([]);
  const [noteError, setNoteError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void api.getLogEntries(props.incidentId).then((res) => {
        if (!alive) return;
        if (res.ok) {
          setEntries([...res.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
          setError(null);
        } else setError(res.error.message);
      });
    };
    load();
    const off = api.on('coreEvent', (ev) => {
      if (
        ev.type === 'action.done' &&
        ev.action.kind === 'status_update' &&
        ev.action.incidentIds.includes(props.incidentId)
      )
        load();
      if ((ev.type === 'action.done' || ev.type === 'action.failed') && ev.action.kind === 'note') {
        if (ev.action.incidentIds.includes(props.incidentId)) {
          setSending((s) => s.filter((n) => n !== ev.action.note));
          if (ev.type === 'action.done') load();
        }
      }
    });
    return () => {
      alive = false;
      off();
    };
  }, [api, props.incidentId]);

  const submit = async (): Promise<void> => {
    const text = note.trim();
    if (!text) {
      setNoteError('Write something first.');
      return;
    }
    setNoteError(null);
    const res = await api.addNote(props.incidentId, text);
    if (res.ok) {
      setNote('');
      setSending((s) => [...s, text]);
    } else {
      setNoteError(res.error.message);
      toast('error', `Could not add the note: ${res.error.message}`);
    }
  };

  const notes = (entries ?? []).filter((e) => e.content && e.type !== STATUS_UPDATE);
  return (
    <div className="timeline-wrap">
      <section aria-labelledby="notes-h" className="card">
        <h3 id="notes-h">Notes</h3>
        {notes.length === 0 && sending.length === 0 ? <p className="muted">No notes yet.</p> : null}
        <ul className="notes">
          {sending.map((n, i) => (
            <li key={`s${i}`} className="note note-sending">
              <div className="note-meta">sending…</div>
              <div className="note-text" dir="auto">
                {n}
              </div>
            </li>
          ))}
          {notes.map((e) => (
            <li key={e.id} className="note">
              <div className="note-meta">
                {e.agent?.summary ?? 'Someone'} · {clockTime(e.createdAt, now)}
              </div>
              <div className="note-text" dir="auto">
                {e.content}
              </div>
            </li>
          ))}
        </ul>
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="note-box">Add a note</label>
          <textarea
            data-note-input
            id="note-box"
            rows={3}
            value={note}
            maxLength={25000}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? 'note-error' : undefined}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
          />
          {noteError ? (
            <p id="note-error" className="field-error">
              {noteError}
            </p>
          ) : null}
          <button type="submit" className="btn">
            Add note
          </button>
        </form>
      </section>
      <section aria-labelledby="timeline-h" className="card">
        <h3 id="timeline-h">Timeline</h3>
        {error ? <p className="field-error">Could not load the timeline: {error}</p> : null}
        {entries === null && !error ? <p className="muted">Loading…</p> : null}
        {entries && entries.length === 0 ? <p className="muted">No log entries.</p> : null}
        <ol className="timeline">
          {(entries ?? []).map((e) => (
            <li key={e.id} className={e.type === STATUS_UPDATE ? 'tl-status-update' : undefined}>
              <time dateTime={e.createdAt}>{clockTime(e.createdAt, now, true)}</time>
              <span className="tl-summary" dir="auto">
                {e.summary}
              </span>
              {e.type === STATUS_UPDATE && e.content ? (
                <div className="tl-message" dir="auto" data-status-update="">
                  {e.content}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
