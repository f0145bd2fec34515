/**
 * The incident-work reads and writes of the client: bad items skipped with a reason, huge alert
 * details replaced by a note, priorities absent (404 or empty) as null, 402 as a plain sentence, and
 * the bodies it sends.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPagerDutyClient } from '../../../src-main/core/pagerduty/index.js';
import { MAX_ALERT_DETAILS_CHARS } from '../../../src-main/core/pagerduty/incident-work.js';
import { fakeFetch, json, type Handler } from './fake-fetch.js';
import { pdError } from './fixtures.js';

function setup(handler: Handler) {
  const fake = fakeFetch(handler);
  const client = createPagerDutyClient({
    baseUrl: 'https://api.pagerduty.com',
    token: 'tok',
    fetch: fake.fetch,
    fromEmail: 'me@acme.example',
  });
  return { client, requests: fake.requests };
}

const alert = (id: string, details: unknown, over: Record<string, unknown> = {}) => ({
  id,
  type: 'alert',
  summary: `alert ${id}`,
  status: 'triggered',
  severity: 'critical',
  created_at: '2026-01-02T03:04:05Z',
  body: { type: 'alert_body', details, cef_details: { source_origin: 'db-1' } },
  ...over,
});

describe('incident work client', () => {
  it('skips an invalid alert with its reason and keeps the others', async () => {
    const { client } = setup(() =>
      json(200, {
        alerts: [alert('A1', { a: 1 }), { id: 'A2', status: 'nope' }, alert('A3', 'plain text')],
        more: false,
      }),
    );
    const l = await client.listAlerts('P1');
    expect(l.items.map((a) => a.id)).toEqual(['A1', 'A3']);
    expect(l.items[0]).toMatchObject({ severity: 'critical', source: 'db-1', details: { a: 1 } });
    expect(l.skipped).toEqual([{ index: 1, id: 'A2', reason: expect.stringMatching(/status|created_at/) }]);
  });

  it('replaces alert details too large to show by a note naming their size', async () => {
    const big = { blob: 'x'.repeat(MAX_ALERT_DETAILS_CHARS + 10) };
    const { client } = setup(() => json(200, { alerts: [alert('A1', big)], more: false }));
    const [a] = (await client.listAlerts('P1')).items;
    expect(typeof a!.details).toBe('string');
    expect(a!.details as string).toMatch(new RegExp(`${JSON.stringify(big).length} characters`));
  });

  it('keeps any JSON details as they came (property: round trip)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (details) => {
        const { client } = setup(() => json(200, { alerts: [alert('A1', details)], more: false }));
        const [a] = (await client.listAlerts('P1')).items;
        // JSON round trip normalises -0 to 0, as the wire does.
        expect(a!.details).toEqual(JSON.parse(JSON.stringify(details ?? null)));
      }),
      { numRuns: 60 },
    );
  });

  it('answers null for an account without priorities (404 or empty list)', async () => {
    expect(await setup(() => json(404, pdError(2100, 'Not Found'))).client.listPriorities()).toBeNull();
    expect(await setup(() => json(200, { priorities: [], more: false })).client.listPriorities()).toBeNull();
  });

  it('says plainly when the plan lacks responders (402)', async () => {
    const { client } = setup(() => json(402, pdError(2012, 'Payment Required')));
    await expect(
      client.addResponders('P1', { requesterId: 'PME', userIds: ['PU1'], message: 'help' }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      status: 402,
      message: expect.stringMatching(/plan does not include/),
    });
  });

  it('sends the bodies PagerDuty expects', async () => {
    const { client, requests } = setup((req) =>
      req.method === 'GET' ? json(200, {}) : json(200, { incident: { id: 'P1' } }),
    );
    await client.reassign('P1', { userIds: ['PU1', 'PU2'] });
    await client.reassign('P1', { policyId: 'PEP1' });
    await client.escalate('P1', 3);
    await client.setPriority('P1', null);
    await client.merge('P1', ['P2', 'P1', 'P2']);
    expect(requests.map((r) => r.body)).toEqual([
      {
        incident: {
          type: 'incident_reference',
          assignments: [
            { assignee: { id: 'PU1', type: 'user_reference' } },
            { assignee: { id: 'PU2', type: 'user_reference' } },
          ],
        },
      },
      {
        incident: {
          type: 'incident_reference',
          escalation_policy: { id: 'PEP1', type: 'escalation_policy_reference' },
        },
      },
      { incident: { type: 'incident_reference', escalation_level: 3 } },
      { incident: { type: 'incident_reference', priority: null } },
      { source_incidents: [{ id: 'P2', type: 'incident_reference' }] },
    ]);
    expect(requests.every((r) => r.rawHeaders.From === 'me@acme.example')).toBe(true);
    expect(() => client.escalate('P1', 0)).toThrow(/level/);
  });
});
