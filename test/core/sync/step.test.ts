import { describe, expect, it } from 'vitest';
import { pollStep, type PollState } from '../../../src-main/core/sync/step.js';
import { defaultCoreSettings } from '../../../src-main/core/settings.js';
import { makeIncident, ME } from '../support/fake-api.js';

const T0 = Date.parse('2026-01-05T12:00:00Z');
const input = (incidents = [makeIncident({ id: 'P1' })], now = T0) => ({
  incidents,
  meId: ME.id,
  now,
  at: new Date(now).toISOString(),
  notifications: defaultCoreSettings().notifications,
  minutesOfDay: () => 600,
});

describe('pollStep', () => {
  it('diffs and notifies once, then reports nothing changed for the same listing', () => {
    const empty: PollState = { open: new Map(), seen: new Map(), ledger: new Map() };
    const first = pollStep(empty, input());
    expect(first.events.map((e) => e.type)).toEqual(['incident.triggered']);
    expect(first.notifications.map((n) => n.key)).toEqual(['page:P1']);
    expect(first.changed).toBe(true);
    const second = pollStep(first.state, input([makeIncident({ id: 'P1' })], T0 + 5000));
    expect(second).toMatchObject({ events: [], notifications: [], changed: false });
    expect(second.state.seen).toBe(first.state.seen);
    expect(second.state.ledger).toBe(first.state.ledger);
  });
});
