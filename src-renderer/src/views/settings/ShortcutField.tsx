/**
 * Shortcut capture: press "Record", then the keys; the accelerator is shown, with conflict and
 * registration messages next to it (from this form and from the main process).
 */
import { useState } from 'react';
import { acceleratorFrom } from './form-logic';

/** One shortcut's row. */
export function ShortcutField(props: {
  id: string;
  label: string;
  value: string;
  errors: string[];
  onChange(accelerator: string): void;
}) {
  const [recording, setRecording] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const errs = hint ? [hint, ...props.errors] : props.errors;
  return (
    <div className={`field field-shortcut${errs.length ? ' field-invalid' : ''}`}>
      <span className="label" id={`${props.id}-label`}>
        {props.label}
      </span>
      <div className="inline">
        <kbd className="accel" id={`${props.id}-value`}>
          {props.value ? props.value.replace(/\+/g, ' + ') : 'none'}
        </kbd>
        <button
          type="button"
          id={props.id}
          className={`btn${recording ? ' btn-recording' : ''}`}
          aria-labelledby={`${props.id}-label ${props.id}`}
          aria-describedby={errs.length ? `${props.id}-err` : `${props.id}-value`}
          onClick={() => {
            setRecording(!recording);
            setHint(null);
          }}
          onBlur={() => setRecording(false)}
          onKeyDown={(e) => {
            if (!recording) return;
            e.preventDefault();
            e.stopPropagation();
            if (e.key === 'Escape') {
              setRecording(false);
              return;
            }
            const res = acceleratorFrom(e);
            if (!res) return;
            if (res.ok) {
              props.onChange(res.accelerator);
              setHint(null);
              setRecording(false);
            } else setHint(res.message);
          }}
        >
          {recording ? 'Press the keys… (Esc cancels)' : 'Record'}
        </button>
      </div>
      {errs.map((m, i) => (
        <p key={i} className="field-error" id={i === 0 ? `${props.id}-err` : undefined}>
          <span aria-hidden="true">⚠ </span>
          {m}
        </p>
      ))}
    </div>
  );
}
