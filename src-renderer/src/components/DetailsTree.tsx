/**
 * Alert details (any JSON from a monitoring tool: untrusted) as readable key/value rows. Text is
 * rendered as text only; long values are cut with "Show all"; nested objects and arrays are folded
 * and their children built only when opened, so a deep or huge body never freezes the window.
 */
import { useState } from 'react';

/** Characters of a value shown before "Show all". */
export const VALUE_PREVIEW_CHARS = 300;
/** Rows shown per object or array before "N more". */
const ROWS_SHOWN = 100;
/** Characters a value shows even after "Show all" (the raw JSON holds the rest). */
const VALUE_FULL_CHARS = 200_000;

function Value({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  if (text.length <= VALUE_PREVIEW_CHARS) return <span dir="auto">{text}</span>;
  const shown = all ? text.slice(0, VALUE_FULL_CHARS) : `${text.slice(0, VALUE_PREVIEW_CHARS)}…`;
  return (
    <>
      <span dir="auto" className={all ? 'kv-long' : undefined}>
        {shown}
      </span>{' '}
      <button type="button" className="btn btn-link" onClick={() => setAll(!all)}>
        {all ? 'Show less' : `Show all (${text.length.toLocaleString()} characters)`}
      </button>
    </>
  );
}

function scalar(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return String(v);
}

function Branch({ label, value, depth }: { label: string; value: object; depth: number }) {
  const [open, setOpen] = useState(false);
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  return (
    <details className="kv-branch" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <span className="kv-key" dir="auto">
          {label}
        </span>{' '}
        <span className="muted">{Array.isArray(value) ? `[${size} items]` : `{${size} fields}`}</span>
      </summary>
      {open ? <Rows value={value} depth={depth + 1} /> : null}
    </details>
  );
}

function Rows({ value, depth }: { value: object; depth: number }) {
  const [limit, setLimit] = useState(ROWS_SHOWN);
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.slice(0, limit).map((v, i) => [String(i), v])
    : Object.entries(value).slice(0, limit);
  const total = Array.isArray(value) ? value.length : Object.keys(value).length;
  return (
    <dl className="kv" data-depth={depth}>
      {entries.map(([k, v]) =>
        v !== null && typeof v === 'object' ? (
          <div key={k} className="kv-row kv-row-branch">
            <Branch label={k} value={v} depth={depth} />
          </div>
        ) : (
          <div key={k} className="kv-row">
            <dt className="kv-key" dir="auto">
              {k}
            </dt>
            <dd>
              <Value text={scalar(v)} />
            </dd>
          </div>
        ),
      )}
      {total > limit ? (
        <button type="button" className="btn btn-link" onClick={() => setLimit(limit + ROWS_SHOWN)}>
          {total - limit} more…
        </button>
      ) : null}
    </dl>
  );
}

/** The raw JSON, built only when opened, cut at a size a `<pre>` shows without a stall. */
function RawJson({ value }: { value: unknown }) {
  const [open, setOpen] = useState(false);
  let text = '';
  if (open) {
    try {
      text = JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      text = String(value);
    }
    if (text.length > VALUE_FULL_CHARS)
      text = `${text.slice(0, VALUE_FULL_CHARS)}\n… (${text.length.toLocaleString()} characters in all)`;
  }
  return (
    <details className="raw-json" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Raw JSON</summary>
      {open ? <pre className="details-text">{text}</pre> : null}
    </details>
  );
}

/** Alert details as rows (objects), as text (a string), or "none". */
export function DetailsTree({ details }: { details: unknown }) {
  if (
    details === null ||
    details === undefined ||
    (typeof details === 'object' && Object.keys(details).length === 0)
  )
    return <p className="muted">No details in this alert.</p>;
  return (
    <div className="details-tree">
      {typeof details === 'object' ? (
        <Rows value={details} depth={0} />
      ) : (
        <p className="details-text">
          <Value text={scalar(details)} />
        </p>
      )}
      <RawJson value={details} />
    </div>
  );
}
