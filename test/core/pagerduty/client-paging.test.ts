import { describe, expect, it, vi } from 'vitest';
import { createPagerDutyClient } from '../../../src-main/core/pagerduty/index.js';
import type { Logger } from '../../../src-main/core/ports.js';
import { fakeFetch, json, type Handler } from './fake-fetch.js';
import { incident, logEntry, oncall, page } from './fixtures.js';

function setup(handler: Handler, logger?: Logger) {
  const fake = fakeFetch(handler);
  const client = createPagerDutyClient({
    baseUrl: 'https://api.pagerduty.com',
    token: 'tok',
    fetch: fake.fetch,
    fromEmail: 'me@acme.example',
    logger,
  });
  return { client, requests: fake.requests };
}

/** Serves `total` incidents in classic pages, honouring limit and offset like PagerDuty. */
function incidentServer(total: number, make: (n: number) => unknown = (n) => incident(n)): Handler {
  const all = Array.from({ length: total }, (_, i) => make(i));
  return (req) => {
    const limit = Number(req.query.get('limit'));
    const offset = Number(req.query.get('offset'));
    if (offset + limit > 10_000)
      return json(400, { error: { message: 'Invalid Input Provided', code: 2001 } });
    const items = all.slice(offset, offset + limit);
    return json(200, page('incidents', items, offset, limit, offset + limit < total));
  };
}

function mockLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies Logger;
}

describe('paging', () => {
  it('follows more/offset: 250 incidents over 3 pages', async () => {
    const { client, requests } = setup(incidentServer(250));
    const listing = await client.listIncidents({ statuses: ['triggered'] });
    expect(listing.items).toHaveLength(250);
    expect(listing.skipped).toEqual([]);
    expect(requests.map((r) => [r.query.get('offset'), r.query.get('limit')])).toEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '100'],
    ]);
    // Filters repeat on every page.
    for (const r of requests) expect(r.query.getAll('statuses[]')).toEqual(['triggered']);
    expect(listing.items[0]!.id).toBe('PINC0000');
    expect(listing.items[249]!.id).toBe('PINC0249');
  });

  it('stops at offset+limit 10,000 and logs the truncation', async () => {
    const logger = mockLogger();
    const { client, requests } = setup(incidentServer(12_000), logger);
    const listing = await client.listIncidents({});
    expect(requests).toHaveLength(100);
    expect(requests.at(-1)!.query.get('offset')).toBe('9900');
    expect(listing.items).toHaveLength(10_000);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('truncated'), expect.anything());
  });

  it('stops when a page says more but is empty', async () => {
    const { client, requests } = setup(() => json(200, page('incidents', [], 0, 100, true)));
    const listing = await client.listIncidents({});
    expect(listing.items).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('drops an incident seen again on a later page (it moved while paging)', async () => {
    const { client } = setup((req) =>
      req.query.get('offset') === '0'
        ? json(200, page('incidents', [incident(1), incident(2)], 0, 2, true))
        : json(200, page('incidents', [incident(2), incident(3)], 2, 2, false)),
    );
    const listing = await client.listIncidents({ limit: 2 });
    expect(listing.items.map((i) => i.id)).toEqual(['PINC0001', 'PINC0002', 'PINC0003']);
  });

  it('skips invalid items with their global index, id and reason, and keeps the rest', async () => {
    const logger = mockLogger();
    const bad = (n: number): unknown => {
      if (n === 5) return incident(n, { status: 'exploded' });
      if (n === 150) return incident(n, { urgency: undefined });
      if (n === 220) return { nothing: 'here' };
      return incident(n);
    };
    const { client } = setup(incidentServer(250, bad), logger);
    const listing = await client.listIncidents({});
    expect(listing.items).toHaveLength(247);
    expect(listing.skipped.map((s) => [s.index, s.id])).toEqual([
      [5, 'PINC0005'],
      [150, 'PINC0150'],
      [220, null],
    ]);
    expect(listing.skipped[0]!.reason).toMatch(/^status: /);
    expect(listing.skipped[1]!.reason).toMatch(/^urgency: /);
    expect(listing.skipped[2]!.reason).toMatch(/id: .*incident_number: /s);
    expect(logger.warn).toHaveBeenCalledTimes(3);
    expect(logger.warn).toHaveBeenCalledWith(
      'Skipped an invalid incident from PagerDuty',
      expect.objectContaining({ index: 5, id: 'PINC0005', reason: expect.stringMatching(/^status: /) }),
    );
  });

  it('turns an invalid envelope into invalid_response', async () => {
    const { client } = setup(() => json(200, { incidents: 'nope', more: false }));
    await expect(client.listIncidents({})).rejects.toMatchObject({
      kind: 'invalid_response',
      message: expect.stringContaining('incidents'),
    });
  });

  it('turns a non-JSON 200 into invalid_response', async () => {
    const { client } = setup(() => new Response('<html>proxy login</html>', { status: 200 }));
    await expect(client.listIncidents({})).rejects.toMatchObject({
      kind: 'invalid_response',
      message: expect.stringContaining('not JSON'),
    });
  });

  it('pages on-call entries and maps them', async () => {
    const { client, requests } = setup((req) => {
      const offset = Number(req.query.get('offset'));
      const items =
        offset === 0
          ? Array.from({ length: 100 }, (_, i) => oncall((i % 3) + 1))
          : [oncall(1, { start: null, end: null })];
      return json(200, page('oncalls', items, offset, 100, offset === 0));
    });
    const listing = await client.listOncalls({ userIds: ['PXPGF42'] });
    expect(requests).toHaveLength(2);
    expect(listing.items).toHaveLength(101);
    expect(listing.items[0]).toEqual({
      user: { id: 'PXPGF42', summary: 'Earline Greenholt' },
      schedule: { id: 'PI7DH85', summary: 'Daily Engineering Rotation' },
      escalationPolicy: { id: 'PT20YPA', summary: 'Engineering Escalation Policy' },
      escalationLevel: 1,
      start: '2015-03-06T20:28:51.000Z',
      end: '2015-03-07T20:28:51.000Z',
    });
    expect(listing.items[100]!.start).toBeNull();
    expect(listing.items[100]!.end).toBeNull();
  });

  it('pages log entries', async () => {
    const { client, requests } = setup((req) => {
      const offset = Number(req.query.get('offset'));
      const items =
        offset === 0 ? Array.from({ length: 100 }, (_, i) => logEntry(`R${i}`)) : [logEntry('RLAST')];
      return json(200, page('log_entries', items, offset, 100, offset === 0));
    });
    const listing = await client.listLogEntries('PT4KHLK');
    expect(requests).toHaveLength(2);
    expect(listing.items.map((l) => l.id).slice(-2)).toEqual(['R99', 'RLAST']);
  });
});

describe('unchanged pages are reused', () => {
  it('reuses the parsed items of byte-identical pages and re-reads only the page that changed', async () => {
    const all = Array.from({ length: 250 }, (_, i) => incident(i));
    const server: Handler = (req) => {
      const limit = Number(req.query.get('limit'));
      const offset = Number(req.query.get('offset'));
      return json(
        200,
        page('incidents', all.slice(offset, offset + limit), offset, limit, offset + limit < 250),
      );
    };
    const { client } = setup(server);
    const first = await client.listIncidents({ statuses: ['triggered'] });
    const second = await client.listIncidents({ statuses: ['triggered'] });
    // Same bytes: the very same objects come back, nothing re-parsed.
    expect(second.items).toHaveLength(250);
    second.items.forEach((item, i) => expect(item).toBe(first.items[i]));

    // One incident on the second page changes: only that page is parsed again.
    all[150] = incident(150, { title: 'Changed title' });
    const third = await client.listIncidents({ statuses: ['triggered'] });
    expect(third.items[150]!.title).toBe('Changed title');
    expect(third.items[0]).toBe(first.items[0]);
    expect(third.items[249]).toBe(first.items[249]);
    expect(third.items[120]).not.toBe(first.items[120]);
    expect(third.items[120]).toEqual(first.items[120]);
  });

  it('never reuses across different questions (filters or a since window)', async () => {
    const { client } = setup(incidentServer(5));
    const a = await client.listIncidents({ statuses: ['triggered'] });
    const b = await client.listIncidents({ statuses: ['acknowledged'] });
    expect(b.items[0]).not.toBe(a.items[0]);
    const c = await client.listIncidents({ statuses: ['triggered'], since: '2026-01-01T00:00:00Z' });
    const d = await client.listIncidents({ statuses: ['triggered'], since: '2026-01-01T00:00:00Z' });
    expect(d.items[0]).not.toBe(c.items[0]);
  });
});

describe('paging by the limit the server answered', () => {
  it('reads every incident when the server serves pages of 25 although 100 were asked', async () => {
    const all = Array.from({ length: 130 }, (_, i) => incident(i));
    const { client, requests } = setup((req) => {
      const offset = Number(req.query.get('offset'));
      const limit = Math.min(25, Number(req.query.get('limit')));
      return json(
        200,
        page('incidents', all.slice(offset, offset + limit), offset, limit, offset + limit < 130),
      );
    });
    const listing = await client.listIncidents({});
    expect(listing.items.map((i) => i.id)).toEqual(all.map((_, i) => `PINC${String(i).padStart(4, '0')}`));
    expect(requests.map((r) => r.query.get('offset'))).toEqual(['0', '25', '50', '75', '100', '125']);
  });

  it('goes by the items served when the answer gives no usable limit', async () => {
    const all = Array.from({ length: 60 }, (_, i) => incident(i));
    const { client } = setup((req) => {
      const offset = Number(req.query.get('offset'));
      const items = all.slice(offset, offset + 20);
      return json(200, { incidents: items, offset, limit: 0, more: offset + 20 < 60 });
    });
    const listing = await client.listIncidents({});
    expect(listing.items).toHaveLength(60);
  });
});
