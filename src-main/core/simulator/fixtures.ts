/**
 * The simulator's fixed world: the user "me", teammates, teams, services, escalation policies and
 * schedules. Ids look like PagerDuty's (7 upper-case characters starting with P).
 */

/** A simulated PagerDuty user. */
export interface SimUser {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  jobTitle: string;
  color: string;
}

/** A simulated service with its escalation policy. */
export interface SimService {
  id: string;
  name: string;
  description: string;
  escalationPolicyId: string;
  teamId: string;
  /** Runbook link put into alert details (https), or null. */
  runbook: string | null;
}

/** A simulated team. */
export interface SimTeam {
  id: string;
  name: string;
}

/** A simulated escalation policy; level 1 follows a schedule, level 2 is a user. */
export interface SimEscalationPolicy {
  id: string;
  name: string;
  teamId: string;
  scheduleId: string;
  /** Who is paged at level 2. */
  level2UserId: string;
}

/** A simulated schedule. */
export interface SimSchedule {
  id: string;
  name: string;
}

/** The user the simulator's tokens belong to. */
export const SIM_ME: SimUser = {
  id: 'PME0001',
  name: 'Morgan Lee',
  email: 'me@demo.oncall-companion.dev',
  timeZone: 'Europe/Berlin',
  jobTitle: 'Site Reliability Engineer',
  color: 'purple',
};

/** Teammates who share the rotations. The first one takes over at the demo's handoff. */
export const SIM_TEAMMATES: readonly SimUser[] = [
  {
    id: 'PTM0002',
    name: 'Alex Kim',
    email: 'alex@demo.oncall-companion.dev',
    timeZone: 'America/New_York',
    jobTitle: 'Backend Engineer',
    color: 'green',
  },
  {
    id: 'PTM0003',
    name: 'Priya Natarajan',
    email: 'priya@demo.oncall-companion.dev',
    timeZone: 'Asia/Kolkata',
    jobTitle: 'Staff Engineer',
    color: 'teal',
  },
  {
    id: 'PTM0004',
    name: 'Sam Okafor',
    email: 'sam@demo.oncall-companion.dev',
    timeZone: 'Europe/London',
    jobTitle: 'Data Engineer',
    color: 'orange',
  },
];

/** Every simulated user, me first. */
export const SIM_USERS: readonly SimUser[] = [SIM_ME, ...SIM_TEAMMATES];

/** Simulated teams. */
export const SIM_TEAMS: readonly SimTeam[] = [
  { id: 'PTE0001', name: 'Platform' },
  { id: 'PTE0002', name: 'Data' },
];

/** Simulated schedules. */
export const SIM_SCHEDULES: readonly SimSchedule[] = [
  { id: 'PSC0001', name: 'Platform Primary' },
  { id: 'PSC0002', name: 'Data Primary' },
  { id: 'PSC0003', name: 'Edge On-call' },
];

/** Escalation policies: Platform (me on the primary rotation), Data (Sam first, then me). */
export const SIM_ESCALATION_POLICIES: readonly SimEscalationPolicy[] = [
  {
    id: 'PEP0001',
    name: 'Platform Escalation',
    teamId: 'PTE0001',
    scheduleId: 'PSC0001',
    level2UserId: 'PTM0003',
  },
  {
    id: 'PEP0002',
    name: 'Data Escalation',
    teamId: 'PTE0002',
    scheduleId: 'PSC0002',
    level2UserId: 'PME0001',
  },
  {
    // No service uses it: the demo's override puts me on it without moving any page.
    id: 'PEP0003',
    name: 'Edge Escalation',
    teamId: 'PTE0001',
    scheduleId: 'PSC0003',
    level2UserId: 'PTM0002',
  },
];

/** Simulated services. */
export const SIM_SERVICES: readonly SimService[] = [
  {
    id: 'PSV0001',
    name: 'checkout-api',
    description: 'Cart and checkout HTTP API',
    escalationPolicyId: 'PEP0001',
    teamId: 'PTE0001',
    runbook: 'https://runbooks.demo.oncall-companion.dev/checkout-api',
  },
  {
    id: 'PSV0002',
    name: 'payments-worker',
    description: 'Asynchronous payment capture',
    escalationPolicyId: 'PEP0001',
    teamId: 'PTE0001',
    runbook: 'https://runbooks.demo.oncall-companion.dev/payments-worker',
  },
  {
    id: 'PSV0003',
    name: 'search',
    description: 'Product search cluster',
    escalationPolicyId: 'PEP0001',
    teamId: 'PTE0001',
    runbook: null,
  },
  {
    id: 'PSV0004',
    name: 'auth-gateway',
    description: 'Login and token service',
    escalationPolicyId: 'PEP0001',
    teamId: 'PTE0001',
    runbook: 'https://runbooks.demo.oncall-companion.dev/auth-gateway',
  },
  {
    id: 'PSV0005',
    name: 'web-frontend',
    description: 'Storefront web app',
    escalationPolicyId: 'PEP0001',
    teamId: 'PTE0001',
    runbook: null,
  },
  {
    id: 'PSV0006',
    name: 'data-pipeline',
    description: 'Nightly and streaming ETL',
    escalationPolicyId: 'PEP0002',
    teamId: 'PTE0002',
    runbook: 'https://runbooks.demo.oncall-companion.dev/data-pipeline',
  },
];

/** Alert titles per service, used by scenarios. */
export const SIM_TITLES: Readonly<Record<string, readonly string[]>> = {
  'checkout-api': [
    '5xx rate above 2% on checkout-api',
    'p99 latency above 1.5 s on POST /cart',
    'checkout-api pods crash-looping',
  ],
  'payments-worker': [
    'Payment capture queue depth above 10k',
    'payments-worker: provider timeouts rising',
    'Refund job failed 3 times',
  ],
  search: ['search cluster status RED', 'Indexing lag above 15 minutes', 'search: heap usage above 90%'],
  'auth-gateway': [
    'Login failures spiking (auth-gateway)',
    'TLS certificate expires in 7 days',
    'auth-gateway: token signing errors',
  ],
  'web-frontend': [
    'Synthetic check failing: storefront home',
    'CDN origin errors above threshold',
    'web-frontend bundle 404s after deploy',
  ],
  'data-pipeline': [
    'Nightly ETL missed its SLA',
    'Kafka consumer lag above 1M on orders',
    'data-pipeline: warehouse load failed',
  ],
};

/** Finds a user by id. */
export function userById(id: string): SimUser | undefined {
  return SIM_USERS.find((u) => u.id === id);
}

/** Finds a user by email, case-insensitively. */
export function userByEmail(email: string): SimUser | undefined {
  const e = email.trim().toLowerCase();
  return SIM_USERS.find((u) => u.email === e);
}

/** Finds a service by id or name. */
export function findService(idOrName: string): SimService | undefined {
  return SIM_SERVICES.find((s) => s.id === idOrName || s.name === idOrName);
}

/** Finds an escalation policy by id. */
export function policyById(id: string): SimEscalationPolicy | undefined {
  return SIM_ESCALATION_POLICIES.find((p) => p.id === id);
}

/** A simulated incident priority. */
export interface SimPriority {
  id: string;
  name: string;
  description: string;
}

/** The account's priorities, highest first (P1 and P2 are the ones high-urgency pages start with). */
export const SIM_PRIORITIES: readonly SimPriority[] = [
  { id: 'PPR0001', name: 'P1', description: 'Customer-facing outage' },
  { id: 'PPR0002', name: 'P2', description: 'Degraded service' },
  { id: 'PPR0003', name: 'P3', description: 'Minor impact' },
  { id: 'PPR0004', name: 'P4', description: 'No customer impact' },
];

/** Services whose high-urgency pages start at P1 with a conference bridge (others at P2, none). */
export const CUSTOMER_FACING: readonly string[] = ['checkout-api', 'payments-worker', 'auth-gateway'];

/** Finds a priority by id. */
export function priorityById(id: string): SimPriority | undefined {
  return SIM_PRIORITIES.find((p) => p.id === id);
}

/** What the simulated account's plan includes (`POST /__sim/plan` switches them). */
export interface SimPlan {
  /** Add responders: without it `POST /incidents/{id}/responder_requests` answers 402. */
  responders: boolean;
  /** Priorities: without them `GET /priorities` answers an empty list. */
  priorities: boolean;
  /** Change correlation: without it `GET /incidents/{id}/related_change_events` answers 404. */
  changeEvents: boolean;
}
