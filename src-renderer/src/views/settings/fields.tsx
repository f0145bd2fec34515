/**
 * Form fields of the Settings view, bound to a dotted path of the draft, each with its validation
 * message right below it (and tied to it for screen readers).
 */
import type { ReactNode } from 'react';
import { errorsFor, getPath } from './form-logic';
import type { FieldError } from '../../../../src-main/ipc/contract';

/** What every bound field needs. */
export interface Bound {
  draft: unknown;
  errors: FieldError[];
  set(path: string, value: unknown): void;
}

function fid(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/** Label, control, hint and errors. */
export function FieldShell(props: {
  id: string;
  label: string;
  hint?: string;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <div className={`field${props.errors.length ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p className="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.errors.map((m, i) => (
        <p key={i} className="field-error" id={i === 0 ? `${props.id}-err` : undefined}>
          <span aria-hidden="true">⚠ </span>
          {m}
        </p>
      ))}
    </div>
  );
}

function describedBy(id: string, hint: boolean, err: boolean): string | undefined {
  const parts = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

/** A text (or email, url, time) input. */
export function TextField(
  props: Bound & {
    path: string;
    label: string;
    hint?: string;
    type?: string;
    placeholder?: string;
    emptyAs?: null | undefined;
  },
) {
  const id = fid(props.path);
  const errs = errorsFor(props.errors, props.path);
  const v = getPath(props.draft, props.path);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} errors={errs}>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={typeof v === 'string' ? v : ''}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={errs.length ? true : undefined}
        aria-describedby={describedBy(id, !!props.hint, errs.length > 0)}
        onChange={(e) => props.set(props.path, e.target.value === '' ? props.emptyAs : e.target.value)}
      />
    </FieldShell>
  );
}

/** A number input; an empty or invalid entry is kept as NaN so validation names it. */
export function NumberField(
  props: Bound & { path: string; label: string; hint?: string; min?: number; max?: number; unit?: string },
) {
  const id = fid(props.path);
  const errs = errorsFor(props.errors, props.path);
  const v = getPath(props.draft, props.path);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} errors={errs}>
      <span className="with-unit">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          value={typeof v === 'number' && !Number.isNaN(v) ? v : ''}
          aria-invalid={errs.length ? true : undefined}
          aria-describedby={describedBy(id, !!props.hint, errs.length > 0)}
          onChange={(e) => props.set(props.path, e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        {props.unit ? <span className="unit">{props.unit}</span> : null}
      </span>
    </FieldShell>
  );
}

/** A checkbox. */
export function CheckField(props: Bound & { path: string; label: string; hint?: string }) {
  const id = fid(props.path);
  const errs = errorsFor(props.errors, props.path);
  return (
    <div className={`field field-check${errs.length ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={getPath(props.draft, props.path) === true}
        aria-describedby={describedBy(id, !!props.hint, errs.length > 0)}
        onChange={(e) => props.set(props.path, e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {errs.map((m, i) => (
        <p key={i} className="field-error" id={i === 0 ? `${id}-err` : undefined}>
          {m}
        </p>
      ))}
    </div>
  );
}

/** A select of fixed options. */
export function SelectField(
  props: Bound & { path: string; label: string; options: Array<[string, string]>; hint?: string },
) {
  const id = fid(props.path);
  const errs = errorsFor(props.errors, props.path);
  const v = getPath(props.draft, props.path);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} errors={errs}>
      <select
        id={id}
        value={typeof v === 'string' ? v : ''}
        aria-invalid={errs.length ? true : undefined}
        aria-describedby={describedBy(id, !!props.hint, errs.length > 0)}
        onChange={(e) => props.set(props.path, e.target.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
