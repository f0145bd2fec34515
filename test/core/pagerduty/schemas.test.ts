import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  MAX_DETAILS_CHARS,
  detailsText,
  parseErrorBody,
  parseListing,
  toIncident,
  toLogEntry,
  toOncallEntry,
  toUser,
  wireIncident,
  wireLogEntry,
  wireOncall,
  wireUser,
} from '../../../src-main/core/pagerduty/index.js';
import { ME, incident, logEntry, oncall, userRef } from './fixtures.js';
import { fastIncident } from '../../../src-main/core/pagerduty/fast-incident.js';

const mapIncident = (raw: unknown) => toIncident(wireIncident.parse(raw));

describe('incident mapping', () => {
  it('maps the spec-shaped incident to the domain type', () => {
    expect(mapIncident(incident(1))).toEqual({
      id: 'PINC0001',
      number: 1001,
      title: 'The server is on fire (1).',
      status: 'triggered',
      urgency: 'high',
      createdAt: '2015-10-06T21:30:42.000Z',
      updatedAt: '2015-10-06T21:40:23.000Z',
      lastStatusChangeAt: '2015-10-06T21:38:23.000Z',
      htmlUrl: 'https://acme.pagerduty.com/incidents/PINC0001',
      service: { id: 'PIJ90N7', summary: 'My Mail Service' },
      escalationPolicy: { id: 'PT20YPA', summary: 'Another Escalation Policy' },
      escalationLevel: null,
      assignees: [{ id: 'PXPGF42', summary: 'Earline Greenholt' }],
      assignedAt: { PXPGF42: '2015-11-10T00:31:52.000Z' },
      acknowledgers: [],
      teams: [{ id: 'PQ9K7I8', summary: 'Engineering' }],
      priority: 'P2',
      incidentKey: 'baf7cf21b1da41b4b0221008339ff357',
      details: null,
      snoozedUntil: null,
    });
  });

  it('reads a snooze from pending_actions, leniently, on the zod and the fast path alike', () => {
    const wire = {
      ...incident(1),
      pending_actions: [
        { type: 'escalate', at: '2026-01-05T12:10:00Z' },
        { type: 'unacknowledge', at: 'not a time' },
        { type: 'unacknowledge', at: '2026-01-05T14:30:00+01:00' },
        'junk',
      ],
    };
    expect(mapIncident(wire).snoozedUntil).toBe('2026-01-05T13:30:00.000Z');
    expect(fastIncident(wire)?.snoozedUntil).toBe('2026-01-05T13:30:00.000Z');
    expect(mapIncident({ ...incident(1), pending_actions: 'nonsense' }).snoozedUntil).toBeNull();
  });

  it('ignores fields it does not know (PagerDuty adds fields)', () => {
    const i = mapIncident(incident(2, { brand_new_field: { nested: [1, 2] }, urgency: 'low' }));
    expect(i.urgency).toBe('low');
    expect(i).not.toHaveProperty('brand_new_field');
  });

  it('maps acknowledgers, several assignees with their times, and full user objects (include[])', () => {
    const fullUser = { ...ME, id: 'PFULL', type: 'user', summary: 'Full User', email: 'full@acme.example' };
    const i = mapIncident(
      incident(3, {
        status: 'acknowledged',
        assignments: [
          { at: '2026-11-30T01:00:00Z', assignee: userRef('PA', 'Ann') },
          { at: '2026-11-30T01:05:00+01:00', assignee: fullUser },
          { at: '2026-11-30T00:59:00Z', assignee: userRef('PA', 'Ann') },
        ],
        acknowledgements: [{ at: '2026-11-30T01:06:00Z', acknowledger: userRef('PA', 'Ann') }],
        escalation_level: 2,
      }),
    );
    expect(i.assignees).toEqual([
      { id: 'PA', summary: 'Ann' },
      { id: 'PFULL', summary: 'Full User', email: 'full@acme.example' },
    ]);
    expect(i.assignedAt).toEqual({ PA: '2026-11-30T00:59:00.000Z', PFULL: '2026-11-30T00:05:00.000Z' });
    expect(i.acknowledgers).toEqual([{ id: 'PA', summary: 'Ann' }]);
    expect(i.escalationLevel).toBe(2);
  });

  it('takes details from the included first trigger log entry: strings as is, objects as JSON', () => {
    const withDetails = (details: unknown) =>
      mapIncident(
        incident(4, { first_trigger_log_entry: logEntry('Q1', { channel: { type: 'api', details } }) }),
      ).details;
    expect(withDetails('disk full on db-1')).toBe('disk full on db-1');
    expect(JSON.parse(withDetails({ host: 'db-1', used: 0.99 })!)).toEqual({ host: 'db-1', used: 0.99 });
    expect(withDetails({})).toBeNull();
    expect(withDetails(undefined)).toBeNull();
    expect(mapIncident(incident(5, { body: { type: 'incident_body', details: 'from body' } })).details).toBe(
      'from body',
    );
  });

  it('cuts very long details', () => {
    const text = detailsText('x'.repeat(MAX_DETAILS_CHARS + 50))!;
    expect(text).toHaveLength(MAX_DETAILS_CHARS + 1);
    expect(text.endsWith('…')).toBe(true);
  });

  it('falls back for missing optional times and refs', () => {
    const i = mapIncident(
      incident(6, {
        updated_at: undefined,
        last_status_change_at: null,
        escalation_policy: null,
        priority: null,
        teams: undefined,
        assignments: null,
        acknowledgements: undefined,
        html_url: undefined,
        incident_key: null,
      }),
    );
    expect(i.updatedAt).toBe('2015-10-06T21:30:42.000Z');
    expect(i.lastStatusChangeAt).toBe(i.createdAt);
    expect(i).toMatchObject({
      escalationPolicy: null,
      priority: null,
      teams: [],
      assignees: [],
      acknowledgers: [],
      assignedAt: {},
      htmlUrl: null,
      incidentKey: null,
    });
  });

  it.each([
    ['id', { id: '' }],
    ['incident_number', { incident_number: '12' }],
    ['title', { title: undefined }],
    ['status', { status: 'snoozed' }],
    ['urgency', { urgency: 'medium' }],
    ['created_at', { created_at: 'yesterday' }],
    ['service', { service: null }],
    ['assignments', { assignments: [{ at: '2026-01-01T00:00:00Z', assignee: {} }] }],
  ])('rejects a missing or bad %s', (field, over) => {
    const r = wireIncident.safeParse(incident(7, over));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path[0]).toBe(field);
  });
});

describe('other mappings', () => {
  it('maps on-call entries, permanent ones with null times', () => {
    const e = toOncallEntry(wireOncall.parse(oncall(2, { schedule: null, start: null, end: null })));
    expect(e).toEqual({
      user: { id: 'PXPGF42', summary: 'Earline Greenholt' },
      schedule: null,
      escalationPolicy: { id: 'PT20YPA', summary: 'Engineering Escalation Policy' },
      escalationLevel: 2,
      start: null,
      end: null,
    });
    expect(wireOncall.safeParse(oncall(1, { escalation_level: undefined })).success).toBe(false);
  });

  it('maps users with fallbacks for name and time zone', () => {
    expect(toUser(wireUser.parse({ id: 'P1', email: 'a@b.c', summary: 'Ann' }))).toEqual({
      id: 'P1',
      name: 'Ann',
      email: 'a@b.c',
      timeZone: 'UTC',
      htmlUrl: null,
    });
  });

  it('maps log entries; notes carry their text', () => {
    expect(toLogEntry(wireLogEntry.parse(logEntry('Q1')))).toEqual({
      id: 'Q1',
      type: 'trigger_log_entry',
      createdAt: '2015-11-07T00:14:20.000Z',
      summary: 'Triggered through the API',
      agent: { id: 'PIJ90N7', summary: 'My Mail Service' },
      content: null,
    });
    const note = logEntry('Q2', {
      type: 'annotate_log_entry',
      summary: 'Note added',
      channel: { type: 'note', summary: 'Restarted the db' },
      agent: userRef('PXPGF42', 'Earline Greenholt'),
    });
    expect(toLogEntry(wireLogEntry.parse(note)).content).toBe('Restarted the db');
    expect(toLogEntry(wireLogEntry.parse({ ...note, note: 'explicit' })).content).toBe('explicit');
    expect(
      toLogEntry(wireLogEntry.parse(logEntry('Q3', { summary: null, type: 'escalate_log_entry' }))).summary,
    ).toBe('escalate');
  });
});

describe('parseListing', () => {
  it('keeps valid items, skips each invalid one with index, id and reason, and logs it at warn', () => {
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const items = [incident(1), incident(2, { status: 42 }), 'junk', incident(4)];
    const listing = parseListing(items, wireIncident, toIncident, {
      logger,
      what: 'incident',
      indexOffset: 100,
    });
    expect(listing.items.map((i) => i.id)).toEqual(['PINC0001', 'PINC0004']);
    expect(listing.skipped).toEqual([
      { index: 101, id: 'PINC0002', reason: expect.stringMatching(/^status: Invalid option/) },
      { index: 102, id: null, reason: expect.stringContaining('expected object') },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('skips an item whose mapping throws', () => {
    const schema = z.object({ id: z.string() });
    const listing = parseListing([{ id: 'a' }, { id: 'b' }], schema, (w) => {
      if (w.id === 'b') throw new Error('no b');
      return w.id;
    });
    expect(listing).toEqual({
      items: ['a'],
      skipped: [{ index: 1, id: 'b', reason: 'cannot be mapped: no b' }],
    });
  });
});

describe('error bodies', () => {
  it('reads both shapes', () => {
    expect(parseErrorBody({ error: { message: 'Not Found', code: 2100 } })).toEqual({
      shape: 'object',
      message: 'Not Found',
      code: 2100,
      errors: [],
    });
    expect(
      parseErrorBody({ error: { message: 'Invalid Input Provided', code: 2001, errors: ['a', 'b'] } }),
    ).toMatchObject({
      errors: ['a', 'b'],
    });
    expect(parseErrorBody({ error: 'account-level key' })).toEqual({
      shape: 'string',
      message: 'account-level key',
      code: null,
      errors: [],
    });
    expect(parseErrorBody('<html>')).toBeNull();
    expect(parseErrorBody(null)).toBeNull();
  });
});
