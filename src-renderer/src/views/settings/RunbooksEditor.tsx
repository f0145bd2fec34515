/**
 * Runbooks per service (link and checklist steps) and the shared runbook file, as Settings fields;
 * the file's problem (naming the line) shows under its field like any validation message.
 */
import type { Runbook } from '../../../../src-main/ipc/app-settings';
import { errorsFor } from './form-logic';
import { TextField, type Bound } from './fields';
import { NamePicker } from './NamePicker';

/** The runbooks card; `sourceError` is why the saved shared file could not be used (null when fine). */
export function RunbooksEditor(props: Bound & { runbooks: Runbook[]; sourceError?: string | null }) {
  const { runbooks, set } = props;
  const sourceErrors = props.sourceError
    ? [
        ...props.errors,
        { path: 'runbookSource', message: `The shared runbook file could not be used: ${props.sourceError}` },
      ]
    : props.errors;
  const update = (i: number, patch: Partial<Runbook>): void =>
    set(
      'runbooks',
      runbooks.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  return (
    <section className="card" aria-labelledby="runbooks-h">
      <h3 id="runbooks-h">Runbooks</h3>
      <TextField
        {...props}
        errors={sourceErrors}
        path="runbookSource"
        label="Shared runbook file"
        hint="A local path or an https URL to a YAML or JSON file your team shares."
        placeholder="https://example.com/runbooks.yaml"
        emptyAs={null}
      />
      {runbooks.map((r, i) => {
        const base = `runbooks.${i}`;
        const stepsErr = errorsFor(props.errors, `${base}.steps`);
        return (
          <fieldset key={i} className="runbook">
            <legend>Runbook {i + 1}</legend>
            <NamePicker
              kind="service"
              label="Service"
              multiple={false}
              chosen={r.serviceId ? [r.serviceId] : []}
              errors={errorsFor(props.errors, `${base}.serviceId`)}
              // The name is kept with the id: the runbook view shows it even when the id is unknown there.
              onChange={(ids, picked) =>
                update(i, { serviceId: ids[0] ?? '', serviceName: picked ? picked.name : undefined })
              }
            />
            <TextField
              {...props}
              path={`${base}.url`}
              label="Runbook link (https)"
              type="url"
              emptyAs={undefined}
            />
            <div className={`field${stepsErr.length ? ' field-invalid' : ''}`}>
              <label htmlFor={`rb-steps-${i}`}>Checklist steps, one per line</label>
              <textarea
                id={`rb-steps-${i}`}
                rows={4}
                value={r.steps.join('\n')}
                aria-invalid={stepsErr.length ? true : undefined}
                onChange={(e) => update(i, { steps: e.target.value.split('\n') })}
              />
              {stepsErr.map((m, k) => (
                <p key={k} className="field-error">
                  {m}
                </p>
              ))}
            </div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                set(
                  'runbooks',
                  runbooks.filter((_, j) => j !== i),
                )
              }
            >
              Remove runbook {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="btn"
        onClick={() => set('runbooks', [...runbooks, { serviceId: '', steps: [] }])}
      >
        Add a runbook
      </button>
    </section>
  );
}
