/**
 * The team budget for the Team view, in the shared budget file's format (YAML or JSON). Main checks
 * it on save with the budget file's parser, so an unknown field or a negative limit comes back
 * naming the line, shown under the field like any validation message.
 */
import { errorsFor, getPath } from './form-logic';
import { FieldShell, type Bound } from './fields';

const EXAMPLE = `limits:
  sleepInterruptionsPerPersonWeek: 2
  pagesPerServicePerWeek: 10
  mttaP90Minutes: 5`;

/** The Team budget card. */
export function TeamBudgetField(props: Bound) {
  const id = 'f-teamBudget';
  const errs = errorsFor(props.errors, 'teamBudget');
  const value = String(getPath(props.draft, 'teamBudget') ?? '');
  return (
    <section className="card" aria-labelledby="team-budget-h">
      <h3 id="team-budget-h">Team budget</h3>
      <FieldShell
        id={id}
        label="Load levels the team agreed (YAML or JSON)"
        hint="The budget file's format: limits (sleepInterruptionsPerPersonWeek, offHoursInterruptionsPerPersonWeek, interruptionsPerPersonWeek, pagesPerServicePerWeek, mttaP90Minutes, mttrP90Minutes), and optionally timeZone, workHours, sleepHours, noiseMinutes, groupBy. Empty: 2 sleep-hour interruptions per person-week, 10 pages per service per week, MTTA p90 5 min."
        errors={errs}
      >
        <textarea
          id={id}
          rows={6}
          spellCheck={false}
          value={value}
          placeholder={EXAMPLE}
          aria-invalid={errs.length ? true : undefined}
          aria-describedby={`${id}-hint${errs.length ? ` ${id}-err` : ''}`}
          onChange={(e) => props.set('teamBudget', e.target.value)}
        />
      </FieldShell>
    </section>
  );
}
