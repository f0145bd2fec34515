/**
 * The Team tab: a team's operational load per week against its budget. The last week's numbers with
 * their rating, weekly trend lines with the budget line, pages stacked by service, the heat map, the
 * services over budget with their repeat offenders and suggested action, who carried the load, and
 * PagerDuty Analytics' numbers beside the app's when the account has it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { OncallApi } from '../../../src-main/ipc/contract';
import type { TeamLoad, TeamView as TeamData } from '../../../src-main/shared/types';
// KNOWN BOUNDARY BREACH (issue 8): the weekly review is computed here from core code; it belongs in
// main, sent over the contract with the Team view. Until then this one import is exempted.
// eslint-disable-next-line no-restricted-imports
import { buildReview, formatValue } from '../../../src-main/core/team/review';
import { ServiceStackChart, TeamHeatmap, TrendChart } from './team-charts';
import './load.css';
import './team.css';

/** Props of the Team view. */
export interface TeamViewProps {
  api: Pick<OncallApi, 'getTeamLoad'>;
}

const WEEK_CHOICES = [4, 8, 12] as const;
const TREND_TEXT = {
  better: 'better than the 4 weeks before',
  worse: 'worse than the 4 weeks before',
  same: 'about the same as the 4 weeks before',
} as const;

function LastWeek({ load }: { load: TeamLoad }) {
  const review = useMemo(() => buildReview({ ...load, weeks: load.weeks.slice(-1) }), [load]);
  return (
    <ul className="load-tiles" aria-label={`Week ${review.week} against the budget`}>
      {review.numbers
        .filter(
          (n) =>
            n.budget !== null ||
            ['pages', 'sleepInterruptions', 'escalated', 'personWeeks'].includes(n.metric),
        )
        .map((n) => (
          <li
            key={n.metric}
            className={`load-tile${n.rating === 'over' ? ' is-over' : ''}`}
            data-metric={n.metric}
          >
            <span className="load-tile-label">{n.label}</span>
            <span className="load-tile-value">{formatValue(n.value, n.unit)}</span>
            <span className="load-tile-sub muted">
              {[
                n.budget !== null
                  ? `budget ${formatValue(n.budget, n.unit)}, ${n.rating === 'over' ? 'over budget' : 'within'}`
                  : null,
                n.trend ? TREND_TEXT[n.trend] : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
    </ul>
  );
}

/** The Team view. */
export function TeamView({ api }: TeamViewProps) {
  const [team, setTeam] = useState<string | null>(null);
  const [weeks, setWeeks] = useState<number>(8);
  const [data, setData] = useState<TeamData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const key = `${team ?? ''}|${weeks}`;
  const busy = loadedKey !== key;

  useEffect(() => {
    let live = true;
    api
      .getTeamLoad({ team, weeks })
      .then((res) => {
        if (!live) return;
        if (res.ok) {
          setData(res.value);
          setError(null);
        } else setError(res.error.message);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (live) setLoadedKey(`${team ?? ''}|${weeks}`);
      });
    return () => {
      live = false;
    };
  }, [api, team, weeks]);

  const load = data?.load ?? null;
  const last = load?.weeks[load.weeks.length - 1] ?? null;
  const review = useMemo(
    () => (load && load.weeks.length ? buildReview({ ...load, weeks: load.weeks.slice(-1) }) : null),
    [load],
  );
  return (
    <section className="load-view team-view" aria-labelledby="team-title" aria-busy={busy}>
      <header className="load-head">
        <h2 id="team-title">Team load</h2>
        <label className="team-pick">
          <span>Team</span>
          <select
            value={data?.team?.id ?? ''}
            onChange={(e) => setTeam(e.target.value || null)}
            aria-label="Team"
          >
            {!data?.team ? <option value="">Choose a team</option> : null}
            {(data?.teams ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <div className="load-range" role="group" aria-label="Weeks">
          {WEEK_CHOICES.map((n) => (
            <button
              key={n}
              type="button"
              className={`btn btn-small${weeks === n ? ' is-on' : ''}`}
              aria-pressed={weeks === n}
              onClick={() => setWeeks(n)}
            >
              {n} weeks
            </button>
          ))}
        </div>
        {load && last ? (
          <span className={`team-rating ${last.rating === 'over' ? 'is-over' : 'is-within'}`}>
            {last.week}: {last.rating === 'over' ? 'over budget' : 'within budget'}
          </span>
        ) : null}
      </header>
      {error ? (
        <p className="load-error" role="alert">
          {error}
        </p>
      ) : null}
      {data?.message ? (
        <p className="team-message" role="status">
          {data.message}
        </p>
      ) : null}
      {!data && !error ? <p className="muted">Reading the team’s weeks…</p> : null}
      {load && last && review ? (
        <>
          <LastWeek load={load} />
          <div className="load-grid">
            <section className="load-card" aria-labelledby="team-sleep-h">
              <h3 id="team-sleep-h">Sleep-hour interruptions per person-week</h3>
              <TrendChart
                load={load}
                title="Sleep-hour interruptions"
                unit="per person-week"
                value={(w) => w.sleepPerPersonWeek}
                budget={load.budget.sleepInterruptionsPerPersonWeek ?? null}
              />
            </section>
            <section className="load-card" aria-labelledby="team-mtta-h">
              <h3 id="team-mtta-h">Time to acknowledge, p90 (minutes)</h3>
              <TrendChart
                load={load}
                title="MTTA p90"
                unit="minutes"
                value={(w) => (w.mttaP90Ms === null ? null : Math.round(w.mttaP90Ms / 6000) / 10)}
                budget={load.budget.mttaP90Minutes ?? null}
              />
            </section>
            <section className="load-card load-card-wide" aria-labelledby="team-svc-h">
              <h3 id="team-svc-h">Pages per week by service</h3>
              <ServiceStackChart load={load} budget={load.budget.pagesPerServicePerWeek ?? null} />
            </section>
            <section className="load-card load-card-wide" aria-labelledby="team-heat-h">
              <h3 id="team-heat-h">Pages by hour and weekday ({load.timeZone})</h3>
              <TeamHeatmap load={load} />
            </section>
            <section className="load-card" aria-labelledby="team-over-h">
              <h3 id="team-over-h">Services in {last.week}</h3>
              <ul className="team-services">
                {last.services.map((s) => (
                  <li
                    key={s.serviceId}
                    className={s.rating === 'over' ? 'over-budget' : ''}
                    data-service={s.serviceName}
                  >
                    <span className="team-svc-name" dir="auto">
                      {s.serviceName}
                    </span>
                    <span className="team-svc-pages">{s.pages} pages</span>
                    {s.rating === 'over' ? <span className="team-badge">over budget</span> : null}
                  </li>
                ))}
              </ul>
              {review.overBudget.flatMap((s) =>
                s.offenders.slice(0, 1).map((o) => (
                  <p key={s.serviceId + o.key} className="team-suggestion" dir="auto">
                    {o.suggestion}
                  </p>
                )),
              )}
            </section>
            <section className="load-card" aria-labelledby="team-people-h">
              <h3 id="team-people-h">Who carried the load ({load.weeks.length} weeks)</h3>
              <table className="team-table">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Pages</th>
                    <th scope="col">Nights</th>
                    <th scope="col">Person-weeks</th>
                  </tr>
                </thead>
                <tbody>
                  {load.totals.people.map((p) => (
                    <tr key={p.userId}>
                      <td dir="auto">{p.name}</td>
                      <td>{p.pages}</td>
                      <td>{p.nights}</td>
                      <td>{formatValue(p.personWeeks, 'ratio')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="load-card load-card-wide" aria-labelledby="team-off-h">
              <h3 id="team-off-h">Repeat offenders</h3>
              <table className="team-table">
                <thead>
                  <tr>
                    <th scope="col">Alert</th>
                    <th scope="col">Pages</th>
                    <th scope="col">Resolved without action</th>
                    <th scope="col">Services</th>
                  </tr>
                </thead>
                <tbody>
                  {load.totals.offenders.map((o) => (
                    <tr key={o.key}>
                      <td dir="auto">{o.label}</td>
                      <td>{o.pages}</td>
                      <td>{o.withoutAction}</td>
                      <td dir="auto">{o.services.map((s) => s.serviceName).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            {data?.crossCheck ? (
              <section className="load-card load-card-wide" aria-labelledby="team-cc-h">
                <h3 id="team-cc-h">Beside PagerDuty Analytics</h3>
                <table className="team-table">
                  <thead>
                    <tr>
                      <th scope="col">Week</th>
                      <th scope="col">Pages (app)</th>
                      <th scope="col">Pages (Analytics)</th>
                      <th scope="col">Difference</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.crossCheck.weeks.map((w) => (
                      <tr key={w.week}>
                        <td>{w.week}</td>
                        <td>{w.pages.app}</td>
                        <td>{w.pages.analytics}</td>
                        <td>{w.pages.difference}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <ul className="muted team-notes">
                  {data.crossCheck.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
