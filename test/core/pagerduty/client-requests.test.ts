import { describe, expect, it } from 'vitest';
import {
  createPagerDutyClient,
  PAGERDUTY_ACCEPT,
  buildQuery,
} from '../../../src-main/core/pagerduty/index.js';
import { fakeFetch, json, type Handler } from './fake-fetch.js';
import { ME, incident, page } from './fixtures.js';

const TOKEN = 'y_NbAkKc66ryYTWUXYEu';

function setup(handler: Handler, extra: Partial<Parameters<typeof createPagerDutyClient>[0]> = {}) {
  const fake = fakeFetch(handler);
  const client = createPagerDutyClient({
    baseUrl: 'https://api.pagerduty.com',
    token: TOKEN,
    fetch: fake.fetch,
    fromEmail: 'me@acme.example',
    ...extra,
  });
  return { client, requests: fake.requests };
}

const ok = (): Response => json(200, { incident: incident(1) });

describe('PagerDuty client requests', () => {
  it('sends Token auth, the v2 Accept and a User-Agent on reads, without Content-Type or From', async () => {
    const { client, requests } = setup(() => json(200, { user: ME }), { userAgent: 'oncall-companion/test' });
    await client.getMe();
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r.method).toBe('GET');
    expect(r.url).toBe('https://api.pagerduty.com/users/me');
    expect(r.rawHeaders.Authorization).toBe(`Token token=${TOKEN}`);
    expect(r.rawHeaders.Accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(PAGERDUTY_ACCEPT).toBe('application/vnd.pagerduty+json;version=2');
    expect(r.rawHeaders['User-Agent']).toBe('oncall-companion/test');
    expect(r.headers.has('content-type')).toBe(false);
    expect(r.headers.has('from')).toBe(false);
  });

  it('sends Bearer auth for OAuth tokens', async () => {
    const { client, requests } = setup(() => json(200, { user: ME }), { authScheme: 'bearer' });
    await client.getMe();
    expect(requests[0]!.rawHeaders.Authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps a base URL path and drops its trailing slash', async () => {
    const { client, requests } = setup(() => json(200, { user: ME }), {
      baseUrl: 'http://127.0.0.1:4020/pd/',
    });
    await client.getMe();
    expect(requests[0]!.url).toBe('http://127.0.0.1:4020/pd/users/me');
    expect(client.host).toBe('127.0.0.1:4020');
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(() => setup(ok, { baseUrl: 'ftp://example.com' })).toThrow(/not a valid http\(s\) URL/);
    expect(() => setup(ok, { baseUrl: 'not a url' })).toThrow(
      expect.objectContaining({ kind: 'bad_request' }),
    );
  });

  it('sends From, Content-Type and the incident_reference body on acknowledge', async () => {
    const { client, requests } = setup(ok);
    const result = await client.updateIncident('PT4KHLK', 'acknowledged');
    expect(result).toEqual({ id: 'PT4KHLK', ok: true, alreadyDone: false, error: null });
    const r = requests[0]!;
    expect(r.method).toBe('PUT');
    expect(r.path).toBe('/incidents/PT4KHLK');
    expect(r.rawHeaders.From).toBe('me@acme.example');
    expect(r.rawHeaders['Content-Type']).toBe('application/json');
    expect(r.rawHeaders.Accept).toBe(PAGERDUTY_ACCEPT);
    expect(r.body).toEqual({ incident: { type: 'incident_reference', status: 'acknowledged' } });
  });

  it('sends snooze and note bodies with From', async () => {
    const { client, requests } = setup((req) =>
      req.path.endsWith('/notes')
        ? json(201, { note: { id: 'PWL7QXS', content: 'on it', created_at: '2013-03-06T15:28:51-05:00' } })
        : json(201, { incident: incident(1, { status: 'acknowledged' }) }),
    );
    await client.snooze('PT4KHLK', 3600);
    await client.addNote('PT4KHLK', 'Firefighters are on the scene.');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /incidents/PT4KHLK/snooze',
      'POST /incidents/PT4KHLK/notes',
    ]);
    expect(requests[0]!.body).toEqual({ duration: 3600 });
    expect(requests[1]!.body).toEqual({ note: { content: 'Firefighters are on the scene.' } });
    for (const r of requests) {
      expect(r.rawHeaders.From).toBe('me@acme.example');
      expect(r.rawHeaders['Content-Type']).toBe('application/json');
    }
  });

  it('percent-encodes ids in paths', async () => {
    const { client, requests } = setup(ok);
    await client.updateIncident('a/b?c', 'resolved');
    expect(requests[0]!.url).toBe('https://api.pagerduty.com/incidents/a%2Fb%3Fc');
  });

  it('repeats array keys as key[]=v and encodes values', async () => {
    const { client, requests } = setup(() => json(200, page('incidents', [], 0, 100, false)));
    await client.listIncidents({
      statuses: ['triggered', 'acknowledged'],
      userIds: ['PXPGF42'],
      teamIds: ['PQ9K7I8', 'PTEAM2'],
      serviceIds: [],
      urgencies: ['high'],
      since: '2026-11-30T00:00:00+01:00',
      sortBy: 'created_at:desc',
    });
    const search = requests[0]!.search;
    expect(search).toContain('statuses[]=triggered&statuses[]=acknowledged');
    expect(search).toContain('user_ids[]=PXPGF42');
    expect(search).toContain('team_ids[]=PQ9K7I8&team_ids[]=PTEAM2');
    expect(search).not.toContain('service_ids');
    expect(search).toContain('urgencies[]=high');
    expect(search).toContain('since=2026-11-30T00%3A00%3A00%2B01%3A00');
    expect(search).toContain('sort_by=created_at%3Adesc');
    expect(search).toContain('include[]=first_trigger_log_entries');
    expect(search).toContain('limit=100&offset=0');
    expect(search).not.toContain('date_range');
    const q = requests[0]!.query;
    expect(q.getAll('statuses[]')).toEqual(['triggered', 'acknowledged']);
    expect(q.get('since')).toBe('2026-11-30T00:00:00+01:00');
  });

  it('passes date_range=all, a custom include and a clamped limit', async () => {
    const { client, requests } = setup(() => json(200, page('incidents', [], 0, 100, false)));
    await client.listIncidents({ dateRangeAll: true, include: ['assignees', 'services'], limit: 500 });
    const q = requests[0]!.query;
    expect(q.get('date_range')).toBe('all');
    expect(q.getAll('include[]')).toEqual(['assignees', 'services']);
    expect(q.get('limit')).toBe('100');
    await client.listIncidents({ include: [], limit: 25 });
    expect(requests[1]!.query.has('include[]')).toBe(false);
    expect(requests[1]!.query.get('limit')).toBe('25');
  });

  it('lists on-calls with user_ids[], since/until and earliest', async () => {
    const { client, requests } = setup(() => json(200, page('oncalls', [], 0, 100, false)));
    await client.listOncalls({
      userIds: ['PXPGF42'],
      since: '2026-11-30T00:00:00Z',
      until: '2026-12-07T00:00:00Z',
      earliest: true,
    });
    const r = requests[0]!;
    expect(r.path).toBe('/oncalls');
    expect(r.search).toContain('user_ids[]=PXPGF42');
    expect(r.query.get('earliest')).toBe('true');
    expect(r.query.get('until')).toBe('2026-12-07T00:00:00Z');
  });

  it('asks for the log-entry overview', async () => {
    const { client, requests } = setup(() => json(200, page('log_entries', [], 0, 100, false)));
    await client.listLogEntries('PT4KHLK');
    expect(requests[0]!.path).toBe('/incidents/PT4KHLK/log_entries');
    expect(requests[0]!.query.get('is_overview')).toBe('true');
  });

  it('buildQuery leaves out undefined and null and accepts keys with or without []', () => {
    expect(buildQuery({ a: undefined, b: null, 'c[]': ['x y'], d: ['1', '2'], e: false, f: 3 })).toBe(
      'c[]=x%20y&d[]=1&d[]=2&e=false&f=3',
    );
  });
});

describe('From email', () => {
  it('fails a write with from_required before sending when no From is known', async () => {
    const { client, requests } = setup(ok, { fromEmail: null });
    await expect(client.updateIncident('PT4KHLK', 'acknowledged')).rejects.toMatchObject({
      kind: 'from_required',
      message: expect.stringContaining('--from EMAIL or Settings'),
    });
    await expect(client.updateIncidents(['P1', 'P2'], 'resolved')).rejects.toMatchObject({
      kind: 'from_required',
    });
    await expect(client.snooze('P1', 60)).rejects.toMatchObject({ kind: 'from_required' });
    await expect(client.addNote('P1', 'x')).rejects.toMatchObject({ kind: 'from_required' });
    expect(requests).toHaveLength(0);
  });

  it('takes From from /users/me when none was set', async () => {
    const { client, requests } = setup((req) => (req.path === '/users/me' ? json(200, { user: ME }) : ok()), {
      fromEmail: null,
    });
    expect(client.getFromEmail()).toBeNull();
    await client.getMe();
    expect(client.getFromEmail()).toBe(ME.email);
    await client.updateIncident('P1', 'resolved');
    expect(requests[1]!.rawHeaders.From).toBe(ME.email);
  });

  it('keeps an explicitly set From over the /users/me email, and setFromEmail changes it', async () => {
    const { client, requests } = setup((req) => (req.path === '/users/me' ? json(200, { user: ME }) : ok()));
    await client.getMe();
    expect(client.getFromEmail()).toBe('me@acme.example');
    client.setFromEmail('  other@acme.example ');
    await client.updateIncident('P1', 'resolved');
    expect(requests[1]!.rawHeaders.From).toBe('other@acme.example');
    client.setFromEmail(null);
    await expect(client.updateIncident('P1', 'resolved')).rejects.toMatchObject({ kind: 'from_required' });
  });
});
