/**
 * Where incidents come from: the built-in demo, or PagerDuty (US, EU or a custom API URL) with the
 * `From` email an account-level key needs.
 */
import type { AppSettings } from '../../../../src-main/ipc/app-settings';
import { SelectField, TextField, type Bound } from './fields';

/** The source card. */
export function SourceSection(props: Bound) {
  const source = (props.draft as AppSettings).source;
  const setKind = (kind: string): void =>
    props.set(
      'source',
      kind === 'demo' ? { kind: 'demo', scenario: 'demo' } : { kind: 'pagerduty', region: 'us' },
    );
  return (
    <section className="card" aria-labelledby="source-h">
      <h3 id="source-h">Source</h3>
      <TextField
        {...props}
        path="accountName"
        label="Account name"
        hint="Shown on this account’s rows and notifications when you add more accounts."
      />
      <fieldset className="field">
        <legend>Incidents come from</legend>
        <label className="check-inline">
          <input
            type="radio"
            name="source-kind"
            checked={source.kind === 'demo'}
            onChange={() => setKind('demo')}
          />
          Demo (built-in simulator)
        </label>
        <label className="check-inline">
          <input
            type="radio"
            name="source-kind"
            checked={source.kind === 'pagerduty'}
            onChange={() => setKind('pagerduty')}
          />
          PagerDuty
        </label>
      </fieldset>
      {source.kind === 'demo' ? (
        <SelectField
          {...props}
          path="source.scenario"
          label="Demo scenario"
          options={[
            ['demo', 'A realistic shift'],
            ['storm', 'An alert storm'],
            ['quiet', 'A quiet shift'],
          ]}
        />
      ) : (
        <>
          <SelectField
            {...props}
            path="source.region"
            label="Region"
            options={[
              ['us', 'US (api.pagerduty.com)'],
              ['eu', 'EU (api.eu.pagerduty.com)'],
              ['custom', 'Other API URL'],
            ]}
          />
          {source.region === 'custom' ? (
            <TextField
              {...props}
              path="source.apiUrl"
              label="API URL"
              type="url"
              placeholder="https://api.pagerduty.com"
              emptyAs={undefined}
            />
          ) : null}
          <TextField
            {...props}
            path="source.fromEmail"
            label="From email"
            type="email"
            hint="Needed with an account-level API key: the email of your PagerDuty user."
            emptyAs={undefined}
          />
        </>
      )}
    </section>
  );
}
