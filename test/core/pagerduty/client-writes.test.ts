import { describe, expect, it } from 'vitest';
import { createPagerDutyClient, PagerDutyError } from '../../../src-main/core/pagerduty/index.js';
import { fakeFetch, json, type Handler } from './fake-fetch.js';
import { ME, incident, page, pdError } from './fixtures.js';

function setup(handler: Handler, fromEmail: string | null = 'me@acme.example') {
  const fake = fakeFetch(handler);
  const client = createPagerDutyClient({
    baseUrl: 'https://api.pagerduty.com',
    token: 'tok',
    fetch: fake.fetch,
    fromEmail,
  });
  return { client, requests: fake.requests };
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `P${String(i).padStart(5, '0')}`);

/** Bulk PUT /incidents answering each incident back like PagerDuty does. */
const bulkOk: Handler = (req) => {
  const body = req.body as { incidents: Array<{ id: string; status: string }> };
  return json(200, { incidents: body.incidents.map((i, n) => incident(n, { id: i.id, status: i.status })) });
};

describe('updateIncidents', () => {
  it('chunks 600 ids into PUTs of 250, 250 and 100 and reports each id', async () => {
    const { client, requests } = setup(bulkOk);
    const all = ids(600);
    const results = await client.updateIncidents(all, 'acknowledged');
    expect(requests.map((r) => (r.body as { incidents: unknown[] }).incidents.length)).toEqual([
      250, 250, 100,
    ]);
    for (const r of requests) {
      expect(r.method).toBe('PUT');
      expect(r.path).toBe('/incidents');
      expect(r.rawHeaders.From).toBe('me@acme.example');
      expect(r.rawHeaders['Content-Type']).toBe('application/json');
    }
    expect((requests[0]!.body as { incidents: unknown[] }).incidents[0]).toEqual({
      id: 'P00000',
      type: 'incident_reference',
      status: 'acknowledged',
    });
    const sent = requests.flatMap((r) =>
      (r.body as { incidents: Array<{ id: string }> }).incidents.map((i) => i.id),
    );
    expect(sent).toEqual(all);
    expect(results).toHaveLength(600);
    expect(results.every((r) => r.ok && !r.alreadyDone && r.error === null)).toBe(true);
    expect(results.map((r) => r.id)).toEqual(all);
  });

  it('sends duplicates once and nothing for an empty list', async () => {
    const { client, requests } = setup(bulkOk);
    expect(await client.updateIncidents([], 'resolved')).toEqual([]);
    expect(requests).toHaveLength(0);
    const results = await client.updateIncidents(['PA', 'PB', 'PA'], 'resolved');
    expect(results.map((r) => r.id)).toEqual(['PA', 'PB']);
    expect((requests[0]!.body as { incidents: unknown[] }).incidents).toHaveLength(2);
  });

  it('counts "already resolved" (1001) in a refused chunk as done, finding it one by one', async () => {
    const { client, requests } = setup((req) => {
      if (req.path === '/incidents')
        return json(400, pdError(2001, 'Invalid Input Provided', ['Incident Already Resolved']));
      if (req.path === '/incidents/PB') return json(400, pdError(1001, 'Incident Already Resolved'));
      if (req.path === '/incidents/PC') return json(404, pdError(2100, 'Not Found'));
      return json(200, { incident: incident(1) });
    });
    const results = await client.updateIncidents(['PA', 'PB', 'PC'], 'resolved');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /incidents',
      'PUT /incidents/PA',
      'PUT /incidents/PB',
      'PUT /incidents/PC',
    ]);
    expect(results).toEqual([
      { id: 'PA', ok: true, alreadyDone: false, error: null },
      { id: 'PB', ok: true, alreadyDone: true, error: null },
      {
        id: 'PC',
        ok: false,
        alreadyDone: false,
        error: expect.stringContaining('could not find incident PC (404)'),
      },
    ]);
  });

  it('counts a one-id chunk refused with 1002 as already done without a second request', async () => {
    const { client, requests } = setup(() => json(400, pdError(1002, 'Incident Already Acknowledged')));
    const results = await client.updateIncidents(['PA'], 'acknowledged');
    expect(results).toEqual([{ id: 'PA', ok: true, alreadyDone: true, error: null }]);
    expect(requests).toHaveLength(1);
  });

  it('throws connection-level failures (rate limit) so the queue backs off', async () => {
    const { client } = setup(() =>
      json(429, pdError(2020, 'Rate Limit Exceeded'), { 'ratelimit-reset': '12' }),
    );
    const err = await client.updateIncidents(ids(3), 'acknowledged').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PagerDutyError);
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000, status: 429, code: 2020 });
  });
});

describe('single writes', () => {
  it.each([
    [1001, 'Incident Already Resolved'],
    [1002, 'Incident Already Acknowledged'],
  ])('counts code %i as ok and alreadyDone', async (code, message) => {
    const { client } = setup(() => json(400, pdError(code, message)));
    expect(await client.updateIncident('PA', 'resolved')).toEqual({
      id: 'PA',
      ok: true,
      alreadyDone: true,
      error: null,
    });
  });

  it('recognises the already-done message even without a code', async () => {
    const { client } = setup(() => json(409, { error: { message: 'Incident has already been resolved' } }));
    expect(await client.snooze('PA', 60)).toMatchObject({ ok: true, alreadyDone: true });
  });

  it('reports a 400 about one incident per id', async () => {
    const { client } = setup(() =>
      json(400, pdError(2001, 'Invalid Input Provided', ['Incident is not acknowledged'])),
    );
    expect(await client.snooze('PA', 600)).toEqual({
      id: 'PA',
      ok: false,
      alreadyDone: false,
      error:
        'PagerDuty rejected the request (HTTP 400): Invalid Input Provided: Incident is not acknowledged.',
    });
  });

  it('throws auth failures instead of reporting them per id', async () => {
    const { client } = setup(() => json(401, pdError(2006, 'Authentication failed')));
    await expect(client.updateIncident('PA', 'acknowledged')).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it.each([0, -5, 604_801, 1.5, Number.NaN])('refuses a snooze of %s seconds without sending', async (d) => {
    const { client, requests } = setup(() => json(201, { incident: incident(1) }));
    await expect(client.snooze('PA', d)).rejects.toMatchObject({
      kind: 'bad_request',
      message: expect.stringContaining('1 to 604800'),
    });
    expect(requests).toHaveLength(0);
  });

  it('accepts the snooze bounds 1 and 604800', async () => {
    const { client, requests } = setup(() => json(201, { incident: incident(1) }));
    await client.snooze('PA', 1);
    await client.snooze('PA', 604_800);
    expect(requests.map((r) => (r.body as { duration: number }).duration)).toEqual([1, 604_800]);
  });

  it('throws when a note is refused and refuses empty notes', async () => {
    const { client, requests } = setup(() => json(404, pdError(2100, 'Not Found')));
    await expect(client.addNote('PGONE', 'hello')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    await expect(client.addNote('PGONE', '   ')).rejects.toMatchObject({ kind: 'bad_request' });
    expect(requests).toHaveLength(1);
  });
});

describe('getMe', () => {
  it('maps the user', async () => {
    const { client } = setup(() => json(200, { user: ME }));
    expect(await client.getMe()).toEqual({
      id: 'PXPGF42',
      name: 'Earline Greenholt',
      email: 'earline.greenholt@acme.example',
      timeZone: 'America/Lima',
      htmlUrl: 'https://acme.pagerduty.com/users/PXPGF42',
    });
  });

  const accountKey = {
    error:
      'Because this request was made using an account-level access token, we were unable to determine the user.',
  };

  it('turns the account-level key answer (400, plain string) into from_required', async () => {
    const { client } = setup(() => json(400, accountKey), null);
    const err = (await client.getMe().catch((e: unknown) => e)) as PagerDutyError;
    expect(err).toBeInstanceOf(PagerDutyError);
    expect(err.kind).toBe('from_required');
    expect(err.status).toBe(400);
    expect(err.message).toContain('set your PagerDuty email as From (--from EMAIL or Settings)');
  });

  it('finds the From user of an account-level key by email, and the client stays usable', async () => {
    const { client, requests } = setup((req) => {
      if (req.path === '/users/me') return json(400, accountKey);
      if (req.path === '/users')
        return json(
          200,
          page('users', [{ ...ME, id: 'POTHER', email: 'x.earline@acme.example' }, ME], 0, 100, false),
        );
      return json(200, page('incidents', [incident(1)], 0, 100, false));
    }, 'Earline.Greenholt@acme.example');
    const me = await client.getMe();
    expect(me.id).toBe('PXPGF42');
    expect(requests[1]!.path).toBe('/users');
    expect(requests[1]!.query.get('query')).toBe('Earline.Greenholt@acme.example');
    expect((await client.listIncidents({ userIds: [me.id] })).items).toHaveLength(1);
  });

  it('says so when no user has the From email', async () => {
    const { client } = setup(
      (req) =>
        req.path === '/users/me' ? json(400, accountKey) : json(200, page('users', [], 0, 100, false)),
      'nobody@acme.example',
    );
    await expect(client.getMe()).rejects.toMatchObject({
      kind: 'from_required',
      message: expect.stringContaining('nobody@acme.example'),
    });
  });

  it('rejects a user without an email as invalid_response', async () => {
    const { client } = setup(() => json(200, { user: { ...ME, email: undefined } }));
    await expect(client.getMe()).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});

describe('a refused bulk update of many ids', () => {
  /** Refuses a bulk PUT holding an unknown id (as PagerDuty does), 404s an unknown single one. */
  const server =
    (known: Set<string>): Handler =>
    (req, n) => {
      if (req.path === '/incidents') {
        const body = req.body as { incidents: Array<{ id: string; status: string }> };
        if (body.incidents.some((i) => !known.has(i.id)))
          return json(400, pdError(2001, 'Invalid Input Provided', ['Incident Not Found']));
        return bulkOk(req, n);
      }
      const id = req.path.split('/').pop()!;
      return known.has(id)
        ? json(200, { incident: incident(1, { id }) })
        : json(404, pdError(2100, 'Not Found'));
    };

  it('falls back to a bounded number of requests, not one per id', async () => {
    const all = ids(40);
    const { client, requests } = setup(server(new Set()));
    const results = await client.updateIncidents(all, 'acknowledged');
    expect(requests.length).toBeLessThanOrEqual(1 + 12);
    expect(results.map((r) => r.id)).toEqual(all);
    expect(results.every((r) => !r.ok && r.error !== null)).toBe(true);
  });

  it('still finds the one unknown id among 40 and sends the rest', async () => {
    const all = ids(40);
    const { client, requests } = setup(server(new Set(all.filter((id) => id !== 'P00017'))));
    const results = await client.updateIncidents(all, 'acknowledged');
    expect(requests.length).toBeLessThanOrEqual(1 + 12);
    expect(results.filter((r) => !r.ok).map((r) => r.id)).toEqual(['P00017']);
    expect(results.map((r) => r.id).sort()).toEqual(all);
  });
});
