/**
 * The embedded PagerDuty-compatible simulator: an HTTP server on loopback holding a small account
 * (me, teammates, services, schedules, incidents) that answers the REST API v2 operations the app uses,
 * runs a seeded scenario, and offers a `/__sim` control API for tests, fault injection and benchmarks.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  silentLogger,
  systemClock,
  systemTimers,
  type Clock,
  type Logger,
  type TimerHandle,
  type Timers,
} from '../ports.js';
import { SIM_ME, SIM_TEAMMATES, findService, type SimPlan, type SimService } from './fixtures.js';
import { FaultInjector, type FaultSpec } from './faults.js';
import { invalid } from './http-util.js';
import { SimState, type NewChangeEvent, type SimIncident, type SimRecord } from './model.js';
import { buildRoster, primaryAt } from './oncalls.js';
import { createRng } from './prng.js';
import {
  SHIFT_MS,
  alertDetails,
  handoffAfterMs,
  shiftBegunBeforeMs,
  startScenario,
  type ScenarioName,
} from './scenarios.js';
import { createIdentity, type SimIdentity } from './identity.js';
import { createHandler, simIncidentInput, type RecordedRequest } from './server.js';
import { pdIncident, type PdIncident } from './wire.js';
import { demoTeamHistory, teamHistoryRoutes, type SimTeamHistory } from './team-history.js';

export {
  SIM_ME,
  SIM_TEAMMATES,
  SIM_USERS,
  SIM_SERVICES,
  SIM_TEAMS,
  SIM_ESCALATION_POLICIES,
  SIM_SCHEDULES,
} from './fixtures.js';
export type { FaultSpec } from './faults.js';
export { SIM_PRIORITIES, type SimPlan } from './fixtures.js';
export type { RecordedRequest } from './server.js';
export type { SimRecord, SimIncidentRecord } from './model.js';
export type { PdIncident } from './wire.js';
export { SIM_ACCESS_PREFIX, s256, type SimIdentity, type IdentityStats } from './identity.js';
export type { ScenarioName } from './scenarios.js';
export { DEMO_TEAM, demoTeamHistory, type SimTeamHistory, type SimTeamIncident } from './team-history.js';

/** Options of `startSimulator`. */
export interface SimulatorOptions {
  /** 0 (default) picks any free port. */
  port?: number;
  /** Loopback address to bind (default 127.0.0.1); 0.0.0.0 and :: are refused. */
  host?: string;
  scenario?: ScenarioName;
  seed?: number;
  /** Scenario time runs this many times faster (default 1). */
  speed?: number;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** Also serve a team's past weeks: `demo` (seeded from `seed`) or a given history. */
  teamHistory?: 'demo' | SimTeamHistory;
  /** Lifetime of the access tokens its identity server issues (default 3600 s). */
  accessTtlSeconds?: number;
  /** What the account's plan includes (default: everything). */
  plan?: Partial<SimPlan>;
}

/** Input to create an incident by hand. */
export interface SimIncidentInput {
  title: string;
  urgency?: 'high' | 'low';
  /** Service name or id (default checkout-api). */
  service?: string;
  /** `me` (default) or `other` (a teammate). */
  assignee?: 'me' | 'other';
  /**
   * Created this many seconds ago (default 0; at most 30 days, the default window of `GET /incidents`).
   * Real seconds: not divided by the scenario speed.
   */
  ageSeconds?: number;
  /**
   * Already acknowledged, halfway between its creation and now, by `me` or by `other` (the assigned
   * teammate, else the first teammate). An acknowledger who is not assigned is added to the
   * assignees first, as PagerDuty does.
   */
  acknowledgedBy?: 'me' | 'other';
  /** The alert's `body.details` (default: generated from the service). */
  details?: Record<string, unknown>;
  /** Its related change events instead of the default (a deploy of a customer-facing service). */
  changeEvents?: NewChangeEvent[];
}

/** A running simulator. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:4020` (use as the API URL). */
  url: string;
  port: number;
  /** When my current shift ends (epoch ms): the handoff to a teammate. */
  handoffAt: number;
  createIncident(input: SimIncidentInput): PdIncident;
  setFault(f: FaultSpec): void;
  /** Switches plan features (responders off makes adding responders answer 402). */
  setPlan(p: Partial<SimPlan>): void;
  requests(): RecordedRequest[];
  record(): SimRecord;
  /** The OAuth identity server on the same origin (`/oauth/authorize`, `/oauth/token`). */
  identity: SimIdentity;
  close(): Promise<void>;
}

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    throw new Error(`The simulator listens on loopback only (got ${host})`);
  }
  const clock = opts.clock ?? systemClock;
  const timers = opts.timers ?? systemTimers;
  const logger = opts.logger ?? silentLogger;
  const scenario = opts.scenario ?? 'none';
  const seed = (opts.seed ?? 1) >>> 0;
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error('speed must be a positive number');

  const startedAt = clock.now();
  const handoffAt = startedAt + Math.round(handoffAfterMs(scenario) / speed);
  const begun = shiftBegunBeforeMs(scenario);
  const oncalls = buildRoster({
    startedAt,
    handoffAt,
    shiftMs: Math.round(SHIFT_MS / speed),
    ...(begun !== null ? { currentStart: startedAt - Math.round(begun / speed) } : {}),
  });
  const state = new SimState(seed);
  const faults = new FaultInjector();
  const hung = new Set<ServerResponse>();
  const snoozeTimers = new Map<string, TimerHandle>();
  const manualRng = createRng(seed ^ 0x5eed);
  const plan: SimPlan = { responders: true, priorities: true, changeEvents: true, ...opts.plan };

  const onSnoozed = (inc: SimIncident): void => {
    const prev = snoozeTimers.get(inc.id);
    if (prev !== undefined) timers.clearTimeout(prev);
    const ms = Math.max(0, (inc.snoozedUntil ?? clock.now()) - clock.now());
    snoozeTimers.set(
      inc.id,
      timers.setTimeout(() => {
        snoozeTimers.delete(inc.id);
        state.unsnooze(inc, clock.now());
      }, ms),
    );
  };

  const createIncident = (input: SimIncidentInput): PdIncident => {
    const parsed = simIncidentInput.safeParse(input);
    if (!parsed.success)
      throw new Error(`Invalid incident: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const service: SimService | undefined = findService(input.service ?? 'checkout-api');
    if (!service) throw invalid(`Unknown service ${input.service ?? ''}`);
    const now = clock.now();
    let assigneeId = SIM_ME.id;
    if (input.assignee === 'other') {
      const primary = primaryAt(oncalls.entries(now, now), service.escalationPolicyId, now);
      // The service's on-call when that is not me, else the first teammate.
      assigneeId = primary && primary !== SIM_ME.id ? primary : SIM_TEAMMATES[0]!.id;
    }
    const at = now - Math.round((input.ageSeconds ?? 0) * 1000);
    const inc = state.create({
      title: input.title,
      urgency: input.urgency ?? 'high',
      service,
      assigneeId,
      details: input.details ?? alertDetails(service, manualRng),
      ...(input.changeEvents ? { changeEvents: input.changeEvents } : {}),
      at,
    });
    if (input.acknowledgedBy) {
      const by =
        input.acknowledgedBy === 'me'
          ? SIM_ME.id
          : assigneeId !== SIM_ME.id
            ? assigneeId
            : SIM_TEAMMATES[0]!.id;
      const ackAt = at + Math.round((now - at) / 2);
      state.addAssignee(inc, by, { kind: 'user', id: by }, ackAt);
      state.acknowledge(inc, by, ackAt, 'website');
    }
    logger.debug('simulator: incident created', { id: inc.id, number: inc.number });
    return pdIncident(inc, new Set(), plan);
  };

  const teamHistory =
    opts.teamHistory === undefined
      ? null
      : teamHistoryRoutes(opts.teamHistory === 'demo' ? demoTeamHistory(startedAt, seed) : opts.teamHistory);
  const identity = createIdentity({
    clock,
    ...(opts.accessTtlSeconds !== undefined ? { accessTtlSeconds: opts.accessTtlSeconds } : {}),
  });
  const handler = createHandler({
    identity,
    plan,
    teamHistory,
    state,
    clock,
    oncalls,
    onSnoozed,
    faults,
    logger,
    hung,
    createIncident,
    recordJson: () => state.record(clock.now()),
  });
  const server = createServer((req, res) => handler.handle(req, res));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;

  const run = startScenario(scenario, {
    state,
    clock,
    timers,
    oncalls,
    speed,
    seed,
    create: (i) => state.create({ ...i, at: i.at ?? clock.now() }),
  });
  logger.info('simulator: listening', { url: `http://${urlHost}:${port}`, scenario, seed, speed });

  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    handoffAt,
    createIncident,
    setFault: (f) => faults.set(f),
    setPlan: (p) => Object.assign(plan, p),
    requests: () => handler.requests(),
    record: () => state.record(clock.now()),
    identity,
    close() {
      if (closed) return closed;
      run.stop();
      for (const h of snoozeTimers.values()) timers.clearTimeout(h);
      snoozeTimers.clear();
      closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const res of hung) res.destroy();
        hung.clear();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
