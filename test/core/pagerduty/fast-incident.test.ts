import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastIncident } from '../../../src-main/core/pagerduty/fast-incident.js';
import { parseListing } from '../../../src-main/core/pagerduty/listing.js';
import { toIncident } from '../../../src-main/core/pagerduty/map.js';
import { wireIncident } from '../../../src-main/core/pagerduty/schemas.js';
import { wirePages } from '../../../src-main/core/sync/poll-cost.js';
import { incident } from './fixtures.js';

/** The reference path: zod, then the mapper; null when zod rejects. */
function slow(item: unknown) {
  const r = wireIncident.safeParse(item);
  return r.success ? toIncident(r.data) : null;
}

/** The fast path never accepts what zod rejects, and maps exactly like it. */
function agrees(item: unknown): void {
  const fast = fastIncident(item);
  const ref = slow(item);
  if (fast !== null) expect(fast).toEqual(ref);
  if (ref === null) expect(fast).toBeNull();
}

const TIMES = [
  '2015-10-06T21:30:42Z',
  '2015-10-06T21:30:42.123Z',
  '2015-10-06T16:30:42-05:00',
  '2024-02-29T23:59:59Z',
  '2023-02-30T10:00:00Z',
  '2015-13-06T21:30:42Z',
  '2015-10-06T24:00:00Z',
  '2015-10-06',
  'yesterday',
  '',
];

const KEYS = [
  'id',
  'incident_number',
  'title',
  'summary',
  'status',
  'urgency',
  'created_at',
  'updated_at',
  'last_status_change_at',
  'html_url',
  'service',
  'escalation_policy',
  'escalation_level',
  'assignments',
  'acknowledgements',
  'teams',
  'priority',
  'incident_key',
  'first_trigger_log_entry',
  'body',
];

describe('fastIncident', () => {
  it('maps realistic incidents exactly like zod + toIncident', () => {
    const items = JSON.parse(wirePages(60, 1)[0]!).incidents as unknown[];
    for (const item of [...items, incident(1), incident(2, { status: 'acknowledged' })]) {
      const fast = fastIncident(item);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(slow(item));
    }
  });

  it('agrees with zod on every time format', () => {
    for (const t of TIMES) {
      agrees(incident(3, { created_at: t }));
      agrees(incident(4, { updated_at: t, last_status_change_at: t }));
      agrees(incident(5, { assignments: [{ at: t, assignee: { id: 'PU1', type: 'user_reference' } }] }));
    }
  });

  it('agrees with zod when any field holds any JSON value (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEYS),
        fc.oneof(fc.jsonValue(), fc.constantFrom(...TIMES), fc.constant(undefined)),
        fc.constantFrom(...KEYS, 'id', 'summary', 'email', 'at', 'details', 'channel'),
        (key, value, inner) => {
          const base = incident(7) as Record<string, unknown>;
          agrees({ ...base, [key]: value });
          // One level down too: inside a reference, an assignment or the trigger entry.
          const nested = structuredClone(base);
          const target = nested[key];
          if (typeof target === 'object' && target !== null) {
            const obj = Array.isArray(target) ? target[0] : target;
            if (obj && typeof obj === 'object') (obj as Record<string, unknown>)[inner] = value;
            agrees(nested);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('re-formats details when a trigger entry seen before comes back with other details', () => {
    const withDetails = (details: unknown) =>
      incident(10, {
        first_trigger_log_entry: {
          id: 'RSAME',
          type: 'trigger_log_entry',
          channel: { type: 'api', details },
        },
      });
    expect(fastIncident(withDetails({ host: 'a', n: 1 }))?.details).toBe('{\n  "host": "a",\n  "n": 1\n}');
    expect(fastIncident(withDetails({ host: 'a', n: 1 }))?.details).toBe('{\n  "host": "a",\n  "n": 1\n}');
    expect(fastIncident(withDetails({ host: 'b', n: 1 }))?.details).toBe('{\n  "host": "b",\n  "n": 1\n}');
    expect(fastIncident(withDetails({ host: 'b' }))?.details).toBe('{\n  "host": "b"\n}');
    expect(fastIncident(withDetails({ host: 'b', n: 1, x: null }))?.details).toBe(
      '{\n  "host": "b",\n  "n": 1,\n  "x": null\n}',
    );
    expect(fastIncident(withDetails({ nested: { a: 1 } }))?.details).toBe(
      JSON.stringify({ nested: { a: 1 } }, null, 2),
    );
  });

  it('falls back to zod for the skip reason, keeping the others', () => {
    const bad = incident(8, { status: 'exploded' });
    const listing = parseListing([incident(9), bad], wireIncident, toIncident, { fast: fastIncident });
    expect(listing.items.map((i) => i.number)).toEqual([
      (incident(9) as { incident_number: number }).incident_number,
    ]);
    expect(listing.skipped).toHaveLength(1);
    expect(listing.skipped[0]!.reason).toMatch(/status/);
  });
});
