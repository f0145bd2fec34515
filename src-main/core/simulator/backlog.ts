/**
 * The demo's backlog: what the shift already holds when the demo starts, so it opens like a shift in
 * progress rather than an empty list. Incidents created in the past (minutes to hours before the
 * start, scenario time divided by speed) with log entries whose times agree: mine acknowledged by me
 * earlier, one of mine a teammate stepped in on, one resolved, and one of a teammate's still
 * triggered (which that teammate picks up a few minutes in). Deterministic for a seed.
 */
import type { Urgency } from '../domain.js';
import { SIM_ME, SIM_TEAMMATES, SIM_TITLES, findService, type SimService } from './fixtures.js';
import type { ScenarioIncident, SimIncident, SimState } from './model.js';
import type { Rng } from './prng.js';

/** Who handles a backlog incident: me, Priya (who steps in on one of mine), or Sam (Data primary). */
type Who = 'me' | 'priya' | 'sam';

/** One backlog incident, in scenario minutes before the start. */
interface BacklogItem {
  service: string;
  urgency: Urgency;
  owner: 'me' | 'sam';
  /** Created this many minutes ago (a range, picked with the seed). */
  ageMin: [number, number];
  /** Acknowledged this many minutes after creation, by whom. */
  ack?: { by: Who; afterMin: [number, number] };
  /** Resolved this many minutes after the acknowledgement. */
  resolveAfterMin?: [number, number];
}

/** The backlog, oldest first (so incident numbers grow with creation time). */
const BACKLOG: readonly BacklogItem[] = [
  {
    service: 'checkout-api',
    urgency: 'high',
    owner: 'me',
    ageMin: [200, 225],
    ack: { by: 'me', afterMin: [2, 6] },
    resolveAfterMin: [25, 45],
  },
  {
    service: 'web-frontend',
    urgency: 'low',
    owner: 'me',
    ageMin: [150, 170],
    ack: { by: 'me', afterMin: [5, 12] },
  },
  {
    service: 'payments-worker',
    urgency: 'low',
    owner: 'me',
    ageMin: [105, 125],
    ack: { by: 'me', afterMin: [4, 9] },
  },
  {
    service: 'auth-gateway',
    urgency: 'high',
    owner: 'me',
    ageMin: [75, 90],
    ack: { by: 'priya', afterMin: [2, 5] },
  },
  {
    service: 'checkout-api',
    urgency: 'high',
    owner: 'me',
    ageMin: [40, 55],
    ack: { by: 'me', afterMin: [1, 3] },
  },
  { service: 'search', urgency: 'low', owner: 'me', ageMin: [14, 22], ack: { by: 'me', afterMin: [1, 4] } },
  { service: 'data-pipeline', urgency: 'low', owner: 'sam', ageMin: [8, 12] },
];

/** What seeding the backlog needs. */
export interface BacklogDeps {
  state: SimState;
  /** Scenario start, epoch ms. */
  startedAt: number;
  speed: number;
  rng: Rng;
  /** Alert details of a page. */
  details(service: SimService): Record<string, string>;
  /** Creates an incident at a time (the simulator's own path). */
  create(input: ScenarioIncident & { at: number }): SimIncident;
  /** Runs `fn` after scenario time (divided by speed), unless the scenario stopped. */
  after(scenarioMs: number, fn: () => void): void;
  now(): number;
}

const userOf = (who: Who): string =>
  who === 'me' ? SIM_ME.id : who === 'priya' ? SIM_TEAMMATES[1]!.id : SIM_TEAMMATES[2]!.id;

/** Creates the demo's backlog; returns its incidents, oldest first. */
export function seedDemoBacklog(deps: BacklogDeps): SimIncident[] {
  const { rng, state } = deps;
  const past = (scenarioMs: number): number => deps.startedAt - Math.round(scenarioMs / deps.speed);
  const minutes = ([lo, hi]: [number, number]): number => rng.int(lo * 60, hi * 60) * 1000;
  const out: SimIncident[] = [];
  for (const item of BACKLOG) {
    const service = findService(item.service)!;
    const age = minutes(item.ageMin);
    const inc = deps.create({
      title: rng.pick(SIM_TITLES[service.name] ?? ['Alert']),
      urgency: item.urgency,
      service,
      assigneeId: userOf(item.owner),
      details: deps.details(service),
      at: past(age),
    });
    if (item.ack) {
      const ackAge = age - minutes(item.ack.afterMin);
      const by = userOf(item.ack.by);
      // Someone not assigned who acknowledges is added to the assignees, as in PagerDuty.
      state.addAssignee(inc, by, { kind: 'user', id: by }, past(ackAge));
      state.acknowledge(inc, by, past(ackAge), 'website');
      if (item.resolveAfterMin) {
        const resolveAge = ackAge - minutes(item.resolveAfterMin);
        state.resolve(inc, by, past(Math.max(0, resolveAge)), 'website');
      }
    } else if (item.owner === 'sam') {
      // Sam picks it up a few minutes into the demo, and resolves it later.
      const sam = userOf('sam');
      deps.after(minutes([3, 6]), () => {
        if (inc.status !== 'triggered') return;
        state.acknowledge(inc, sam, deps.now(), 'website');
        deps.after(minutes([10, 20]), () => {
          if (inc.status !== 'resolved') state.resolve(inc, sam, deps.now(), 'website');
        });
      });
    }
    out.push(inc);
  }
  return out;
}
