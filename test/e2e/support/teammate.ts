/**
 * A teammate acting through the simulator's PagerDuty API (an account-level key with Alex's `From`),
 * exactly as a colleague's own client would, so the app sees someone else acknowledge a page.
 */
import { expect } from '@playwright/test';
import { SIM_TEAMMATES } from '../../../src-main/core/simulator/index.js';
import type { Stack } from './stack.js';

/** The teammate who acts. */
export const TEAMMATE = SIM_TEAMMATES[0]!;

/** The simulator's id of the incident with this title. */
export function simId(stack: Stack, title: string): string {
  const inc = stack.sim.record().incidents.find((i) => i.title === title);
  if (!inc) throw new Error(`no incident titled ${title} in the simulator`);
  return inc.id;
}

/** Alex acknowledges (or resolves) the incident with this title. */
export async function teammateSets(
  stack: Stack,
  title: string,
  status: 'acknowledged' | 'resolved',
): Promise<void> {
  const res = await fetch(`${stack.sim.url}/incidents/${simId(stack, title)}`, {
    method: 'PUT',
    headers: {
      authorization: 'Token token=account-e2e-teammate',
      from: TEAMMATE.email,
      'content-type': 'application/json',
      accept: 'application/vnd.pagerduty+json;version=2',
    },
    body: JSON.stringify({ incident: { type: 'incident_reference', status } }),
  });
  expect(res.status, await res.text()).toBe(200);
  const inc = stack.sim.record().incidents.find((i) => i.title === title);
  expect(inc?.status).toBe(status);
}

/** Alex snoozes the (acknowledged) incident with this title, through PagerDuty's snooze endpoint. */
export async function teammateSnoozes(stack: Stack, title: string, seconds: number): Promise<void> {
  const res = await fetch(`${stack.sim.url}/incidents/${simId(stack, title)}/snooze`, {
    method: 'POST',
    headers: {
      authorization: 'Token token=account-e2e-teammate',
      from: TEAMMATE.email,
      'content-type': 'application/json',
      accept: 'application/vnd.pagerduty+json;version=2',
    },
    body: JSON.stringify({ duration: seconds }),
  });
  expect(res.status, await res.text()).toBe(201);
}
