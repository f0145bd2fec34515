/**
 * The incident-work verbs of the built command against `simulator --port 0`: each one's request is in
 * the simulator's `/__sim/requests` (with From) and its state changed; names and emails work where
 * ids do; an ambiguous name exits 2 listing the matches; a 402 says the plan lacks responders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_ME, SIM_TEAMMATES } from '../../src-main/core/simulator/index.js';
import type { SimIncidentRecord } from '../../src-main/core/simulator/index.js';
import type { CliProcess } from './helpers.js';
import { buildCli, cliEnv, createIncident, runCli, sim, startSimulatorCli } from './helpers.js';

const TOKEN = 'e2e-token-work-Pq81xx';
let url = '';
let simProc: CliProcess;
const env = () => cliEnv({ PAGERDUTY_TOKEN: TOKEN });
const src = () => ['--api-url', url, '--poll-interval', '2'];
const [alex, priya, sam] = SIM_TEAMMATES;

beforeAll(async () => {
  await buildCli();
  ({ proc: simProc, url } = await startSimulatorCli());
}, 120_000);
afterAll(async () => {
  await simProc?.stop('SIGTERM');
});

type Req = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number | null;
};
const requests = async () => (await sim<{ requests: Req[] }>(url, 'GET', '/__sim/requests')).requests;
const record = async (id: string) =>
  (await sim<{ incidents: SimIncidentRecord[] }>(url, 'GET', '/__sim/state')).incidents.find(
    (i) => i.id === id,
  )!;

/** Runs a verb; expects exit 0 and the one write it should make, answered 2xx, with From. */
async function verb(args: string[], method: string, path: string): Promise<{ stdout: string; write: Req }> {
  await sim(url, 'DELETE', '/__sim/requests');
  const r = await runCli([...args, ...src()], env());
  expect(r.code, r.stderr).toBe(0);
  const writes = (await requests()).filter((q) => q.method === method && q.path === path);
  expect(writes).toHaveLength(1);
  expect(writes[0]!.status).toBeLessThan(300);
  expect(writes[0]!.headers.from).toBe(SIM_ME.email);
  expect(JSON.stringify(await requests())).not.toContain(TOKEN);
  return { stdout: r.stdout.trim(), write: writes[0]! };
}

describe('incident work from the command line', () => {
  it('reassign --to by part of a name, then --policy by name', async () => {
    const id = await createIncident(url, 'work: reassign me');
    const a = await verb(['reassign', id, '--to', 'alex'], 'PUT', `/incidents/${id}`);
    expect(a.stdout).toBe(`reassigned ${id} to ${alex!.name}`);
    expect(a.write.body).toMatchObject({ incident: { assignments: [{ assignee: { id: alex!.id } }] } });
    expect((await record(id)).assignees).toEqual([alex!.id]);
    const b = await verb(['reassign', id, '--policy', 'Data Escalation'], 'PUT', `/incidents/${id}`);
    expect(b.stdout).toMatch(/Data Escalation/);
    expect(await record(id)).toMatchObject({ escalationPolicy: 'PEP0002', assignees: [sam!.id] });
  });

  it('an ambiguous name exits 2 listing the matches, and nothing is sent', async () => {
    const id = await createIncident(url, 'work: ambiguous');
    await sim(url, 'DELETE', '/__sim/requests');
    // "k": Alex Kim and Sam Okafor (the shared email domain has no k).
    const r = await runCli(['reassign', id, '--to', 'k', ...src()], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${alex!.name} <${alex!.email}> (${alex!.id})`);
    expect(r.stderr).toContain(sam!.name);
    expect(r.stderr).toMatch(/matches 2 users/);
    expect((await requests()).filter((q) => q.method !== 'GET')).toEqual([]);
    const none = await runCli(['reassign', id, '--to', 'nobody-like-this', ...src()], env());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no user matches/);
  });

  it('escalate --level 2, urgency, priority by name', async () => {
    const id = await createIncident(url, 'work: escalate');
    await verb(['escalate', id, '--level', '2'], 'PUT', `/incidents/${id}`);
    expect(await record(id)).toMatchObject({ escalationLevel: 2, assignees: [priya!.id] });
    await verb(['urgency', id, 'low'], 'PUT', `/incidents/${id}`);
    expect((await record(id)).urgency).toBe('low');
    const p = await verb(['priority', id, 'p3'], 'PUT', `/incidents/${id}`);
    expect(p.write.body).toMatchObject({ incident: { priority: { id: 'PPR0003' } } });
    expect((await record(id)).priority).toBe('P3');
  });

  it('responders by email and name with a message; a plan without them answers 402, exit 1', async () => {
    const id = await createIncident(url, 'work: responders');
    const r = await verb(
      ['responders', id, '--user', priya!.email, '--user', 'sam', '--message', 'Join the bridge'],
      'POST',
      `/incidents/${id}/responder_requests`,
    );
    expect(r.stdout).toBe(`asked ${priya!.name}, ${sam!.name} to join ${id}`);
    expect((await record(id)).responderRequests).toEqual([
      { by: SIM_ME.id, message: 'Join the bridge', targets: [priya!.id, sam!.id], at: expect.any(String) },
    ]);
    await sim(url, 'POST', '/__sim/plan', { responders: false });
    try {
      const refused = await runCli(
        ['responders', id, '--user', 'sam', '--message', 'again', ...src()],
        env(),
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/plan does not include/);
    } finally {
      await sim(url, 'POST', '/__sim/plan', { responders: true });
    }
  });

  it('status-update with a message of several words, and merge', async () => {
    const id = await createIncident(url, 'work: keep');
    const other = await createIncident(url, 'work: merge me', 'low');
    await verb(
      ['status-update', id, 'Rolled', 'back', 'the', 'deploy'],
      'POST',
      `/incidents/${id}/status_updates`,
    );
    expect((await record(id)).statusUpdates.map((u) => u.message)).toEqual(['Rolled back the deploy']);
    const m = await verb(['merge', id, other], 'PUT', `/incidents/${id}/merge`);
    expect(m.stdout).toBe(`merged ${other} into ${id}`);
    expect(await record(other)).toMatchObject({ status: 'resolved', mergedInto: id });
    expect((await record(id)).alerts).toBe(2);
  });

  it('services lists who owns each service and who is on call now; who picks one by part of its name', async () => {
    const id = await createIncident(url, 'work: services');
    const r = await runCli(['services', '--json', ...src()], env());
    expect(r.code, r.stderr).toBe(0);
    const { services } = JSON.parse(r.stdout) as {
      services: Array<{
        service: { name: string; teams: Array<{ summary: string }>; escalationPolicy: { id: string } };
        levels: Array<{ level: number; users: Array<{ id: string }> }>;
        openIncidents: number;
      }>;
    };
    // Independent: the simulator's own answers for the same question.
    const oncallsRes = await fetch(`${url}/oncalls?escalation_policy_ids[]=PEP0001`, {
      headers: { Authorization: 'Token token=x', Accept: 'application/vnd.pagerduty+json;version=2' },
    });
    const { oncalls } = (await oncallsRes.json()) as {
      oncalls: Array<{ escalation_level: number; user: { id: string } }>;
    };
    const checkout = services.find((s) => s.service.name === 'checkout-api')!;
    expect(checkout.service.teams.map((t) => t.summary)).toEqual(['Platform']);
    expect(checkout.service.escalationPolicy.id).toBe('PEP0001');
    for (const l of checkout.levels)
      expect(l.users.map((u) => u.id).sort()).toEqual(
        oncalls
          .filter((o) => o.escalation_level === l.level)
          .map((o) => o.user.id)
          .sort(),
      );
    expect(checkout.levels.map((l) => l.level)).toEqual([1, 2]);
    const open = (await sim<{ incidents: SimIncidentRecord[] }>(url, 'GET', '/__sim/state')).incidents.filter(
      (i) => i.service === 'checkout-api' && i.status !== 'resolved' && i.assignees.includes(SIM_ME.id),
    );
    expect(open.map((i) => i.id)).toContain(id);
    expect(checkout.openIncidents).toBe(open.length);
    const who = await runCli(['who', 'payments', ...src()], env());
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/^payments-worker \(Platform\) · Platform Escalation/);
    expect(who.stdout).toContain(`level 2: ${priya!.name}`);
    const vague = await runCli(['who', 'a', ...src()], env());
    expect(vague.code).toBe(2);
    expect(vague.stderr).toMatch(/matches \d+ services/);
  });

  it('bad usage exits 2 before any request', async () => {
    for (const args of [
      ['reassign', 'Q1'],
      ['escalate', 'Q1', '--level', 'x'],
      ['urgency', 'Q1', 'medium'],
      ['merge', 'Q1'],
      ['responders', 'Q1', '--user', 'sam'],
    ]) {
      const r = await runCli([...args, ...src()], env());
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
    }
  });
});
