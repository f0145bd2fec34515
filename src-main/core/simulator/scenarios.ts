/**
 * Scripted scenarios, deterministic for a seed: `demo` (a realistic shift already hours in, with a
 * backlog from before the start), `storm` (50 pages in 10 s), `quiet` and `none` (nothing new).
 * Delays are scenario time divided by `speed`, on the injected timers.
 */
import type { Clock, Timers, TimerHandle } from '../ports.js';
import type { Urgency } from '../domain.js';
import {
  SIM_ME,
  SIM_SERVICES,
  SIM_TEAMMATES,
  SIM_TITLES,
  findService,
  policyById,
  type SimService,
} from './fixtures.js';
import { createRng, type Rng } from './prng.js';
import type { ScenarioIncident, SimIncident, SimState } from './model.js';
import { primaryAt } from './oncalls.js';
import type { SimRoster } from './schedules.js';
import { seedDemoBacklog } from './backlog.js';

/** Scenario names. */
export type ScenarioName = 'demo' | 'storm' | 'quiet' | 'none';

/** Scenario length of my current shift, before the handoff: demo 45 min, others 8 h (scenario time). */
export function handoffAfterMs(name: ScenarioName): number {
  return name === 'demo' ? 45 * 60_000 : 8 * 3_600_000;
}

/** Length of every Platform shift, scenario time. */
export const SHIFT_MS = 8 * 3_600_000;

/**
 * How long before the start my current shift began, scenario time, or null for the default (two real
 * hours). The demo starts 7 h 15 min into an 8-hour shift, so the handoff comes 45 minutes in.
 */
export function shiftBegunBeforeMs(name: ScenarioName): number | null {
  return name === 'demo' ? SHIFT_MS - handoffAfterMs(name) : null;
}

/** What a scenario drives. */
export interface ScenarioDeps {
  state: SimState;
  clock: Clock;
  timers: Timers;
  oncalls: SimRoster;
  speed: number;
  seed: number;
  /** Creates an incident (the simulator's own path, so it is recorded like any other). */
  create(input: ScenarioIncident): SimIncident;
}

/** A running scenario. */
export interface ScenarioRun {
  stop(): void;
}

/** Alert details with a runbook link when the service has one. */
export function alertDetails(service: SimService, rng: Rng): Record<string, string> {
  const host = `${service.name}-${rng.int(1, 12)}.prod.internal`;
  const d: Record<string, string> = {
    severity: rng.pick(['critical', 'error', 'warning']),
    source: host,
    description: `Alert fired on ${host} for ${service.description.toLowerCase()}.`,
  };
  if (service.runbook) d.runbook = service.runbook;
  return d;
}

/** Starts a scenario on the given state. */
export function startScenario(name: ScenarioName, deps: ScenarioDeps): ScenarioRun {
  const handles = new Set<TimerHandle>();
  let stopped = false;
  const after = (scenarioMs: number, fn: () => void): void => {
    const h = deps.timers.setTimeout(
      () => {
        handles.delete(h);
        if (!stopped) fn();
      },
      Math.max(0, Math.round(scenarioMs / deps.speed)),
    );
    handles.add(h);
  };
  const rng = createRng(deps.seed);
  const page = (service: SimService, urgency: Urgency, assigneeId: string): SimIncident =>
    deps.create({
      title: rng.pick(SIM_TITLES[service.name] ?? ['Alert']),
      urgency,
      service,
      assigneeId,
      details: alertDetails(service, rng),
    });

  if (name === 'storm') {
    const platform = SIM_SERVICES.filter((s) => s.escalationPolicyId === 'PEP0001');
    for (let i = 0; i < 50; i += 1) {
      const service = rng.pick(platform);
      const urgency: Urgency = rng.chance(0.8) ? 'high' : 'low';
      after((i * 10_000) / 50, () => page(service, urgency, SIM_ME.id));
    }
  } else if (name === 'demo') {
    // The backlog has its own random stream, so the live pages are the same with or without it.
    const backlogRng = createRng((deps.seed ^ 0xbac1095) >>> 0);
    seedDemoBacklog({
      state: deps.state,
      startedAt: deps.clock.now(),
      speed: deps.speed,
      rng: backlogRng,
      details: (service) => alertDetails(service, backlogRng),
      create: (input) => deps.create(input),
      after,
      now: () => deps.clock.now(),
    });
    runDemo(deps, rng, after, page);
  }
  return {
    stop() {
      stopped = true;
      for (const h of handles) deps.timers.clearTimeout(h);
      handles.clear();
    },
  };
}

type After = (scenarioMs: number, fn: () => void) => void;
type Page = (service: SimService, urgency: Urgency, assigneeId: string) => SimIncident;

/** The demo's override: two minutes in, a teammate puts me on Edge On-call from ten real minutes later. */
export const DEMO_OVERRIDE = { afterMs: 2 * 60_000, leadMs: 10 * 60_000, lengthMs: 60 * 60_000 } as const;

function runDemo(deps: ScenarioDeps, rng: Rng, after: After, page: Page): void {
  const alex = SIM_TEAMMATES[0]!.id;
  after(DEMO_OVERRIDE.afterMs, () => {
    // Real minutes, not scenario time: the "on call in N minutes" warning must have time to come.
    const start = deps.clock.now() + DEMO_OVERRIDE.leadMs;
    deps.oncalls.addOverride('PSC0003', { start, end: start + DEMO_OVERRIDE.lengthMs, userId: SIM_ME.id });
  });
  const dataPipeline = findService('data-pipeline')!;
  const now = (): number => deps.clock.now();
  let n = 0;
  const next = (): void => {
    n += 1;
    const isEscalation = n === 3 || (n > 3 && n % 9 === 0);
    const service = isEscalation ? dataPipeline : rng.pick(SIM_SERVICES);
    const urgency: Urgency = isEscalation || rng.chance(0.65) ? 'high' : 'low';
    const at = now();
    const primary = primaryAt(deps.oncalls.entries(at, at), service.escalationPolicyId, at) ?? alex;
    const inc = page(service, urgency, primary);
    if (isEscalation) {
      // The first one: Sam, on call for it, escalates it to me by hand and posts a status update.
      // Later ones: Sam does not answer and after 90 s the policy escalates to level 2, which is me.
      const byHand = n === 3;
      after(90_000, () => {
        if (inc.status !== 'triggered') return;
        const level2 = policyById(service.escalationPolicyId)!.level2UserId;
        const by = byHand
          ? { kind: 'user' as const, id: primary }
          : { kind: 'service' as const, id: service.id };
        deps.state.reassign(inc, [level2], by, now(), 2);
        if (byHand)
          deps.state.addStatusUpdate(
            inc,
            primary,
            `Escalated to ${SIM_ME.name}: the warehouse load keeps failing, investigating the loader.`,
            now(),
          );
      });
    } else if (primary === SIM_ME.id) {
      if (rng.chance(0.2)) {
        // A teammate jumps on it.
        const helper = rng.pick(SIM_TEAMMATES).id;
        after(rng.int(60, 240) * 1000, () => {
          if (inc.status === 'triggered') deps.state.acknowledge(inc, helper, now(), 'website');
        });
      } else if (urgency === 'low' && rng.chance(0.4)) {
        after(rng.int(240, 600) * 1000, () => {
          if (inc.status !== 'resolved') deps.state.resolve(inc, null, now());
        });
      }
    } else {
      // Someone else's page: they acknowledge it, then resolve it.
      after(rng.int(30, 120) * 1000, () => {
        if (inc.status === 'triggered') deps.state.acknowledge(inc, primary, now(), 'website');
        after(rng.int(180, 600) * 1000, () => {
          if (inc.status !== 'resolved') deps.state.resolve(inc, primary, now(), 'website');
        });
      });
    }
    after(rng.int(60, 180) * 1000, next);
  };
  after(rng.int(4, 15) * 1000, next);
}
