import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src-main/cli/args.js';
import { CliError, describeFailure } from '../../src-main/cli/errors.js';
import { createHumanFormatter, safe, statusText } from '../../src-main/cli/format.js';
import type { Incident } from '../../src-main/core/domain.js';
import { PagerDutyError } from '../../src-main/core/pagerduty/index.js';

const incident: Incident = {
  id: 'Q1',
  number: 7,
  title: 'db \u001b[31mdown',
  status: 'triggered',
  urgency: 'high',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastStatusChangeAt: '2026-01-01T00:00:00Z',
  htmlUrl: null,
  service: { id: 'S', summary: 'db' },
  escalationPolicy: null,
  escalationLevel: 1,
  assignees: [],
  assignedAt: {},
  acknowledgers: [],
  teams: [],
  priority: null,
  incidentKey: null,
  details: null,
};

describe('human output', () => {
  it('prints one line per incident event and strips terminal escapes', () => {
    const f = createHumanFormatter();
    const line = f({ type: 'incident.triggered', at: '2026-01-01T00:00:00Z', incident });
    expect(line).toMatch(/TRIGGERED +HIGH \[Q1\] #7 db \[31mdown · db$/);
    expect(line).not.toContain('\u001b');
  });

  it('does not show a page first seen already acknowledged as ringing', () => {
    const f = createHumanFormatter();
    const acked = { ...incident, status: 'acknowledged' as const };
    const line = f({ type: 'incident.triggered', at: '2026-01-01T00:00:00Z', incident: acked });
    expect(line).toMatch(/SEEN +HIGH \[Q1\].*\(already acknowledged\)$/);
    expect(line).not.toContain('TRIGGERED');
  });

  it('prints sync lines only when the state changes', () => {
    const f = createHumanFormatter();
    const live = {
      type: 'sync',
      at: '2026-01-01T00:00:00Z',
      status: { state: 'live', lastSyncAt: '2026-01-01T00:00:00Z' },
    } as const;
    expect(f(live)).toMatch(/SYNC +live/);
    expect(f(live)).toBeNull();
    const stale = {
      type: 'sync',
      at: '2026-01-01T00:00:05Z',
      status: {
        state: 'stale',
        since: '2026-01-01T00:00:05Z',
        lastSyncAt: null,
        errorKind: 'server',
        reason: 'PagerDuty answered 503',
        retryAt: '2026-01-01T00:00:07Z',
      },
    } as const;
    expect(f(stale)).toMatch(/STALE since .*PagerDuty answered 503/);
    expect(f(live)).toMatch(/SYNC +live/);
  });

  it('summarises status with triggered incidents first', () => {
    const lines = statusText({
      source: { kind: 'demo', apiUrl: 'http://127.0.0.1:1' },
      me: { id: 'U', name: 'Ann', email: 'ann@example.com', timeZone: 'UTC', htmlUrl: null },
      sync: { state: 'live', lastSyncAt: '2026-01-01T00:00:00Z' },
      incidents: [{ ...incident, id: 'Q2', status: 'acknowledged' }, incident],
      shifts: { current: [], next: null, fetchedAt: '2026-01-01T00:00:00Z' },
      pendingActions: [],
      lowUrgencyPausedUntil: null,
      at: '2026-01-01T00:00:00Z',
    });
    expect(lines[0]).toBe('Me:        Ann <ann@example.com>');
    expect(lines).toContain('On call:   no');
    expect(lines.findIndex((l) => l.includes('[Q1]'))).toBeLessThan(
      lines.findIndex((l) => l.includes('[Q2]')),
    );
    expect(safe('x'.repeat(300), 10)).toHaveLength(10);
  });

  it('says "snoozed until HH:MM" for a snoozed incident, and nothing once the snooze is over', () => {
    const at = '2026-01-01T10:00:00Z';
    const until = new Date(Date.parse(at) + 2 * 3600_000);
    const hm = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    const snoozed = {
      ...incident,
      id: 'Q3',
      status: 'acknowledged' as const,
      snoozedUntil: until.toISOString(),
    };
    const base = {
      source: { kind: 'demo' as const, apiUrl: 'http://127.0.0.1:1' },
      me: null,
      sync: { state: 'starting' as const },
      shifts: { current: [], next: null, fetchedAt: null },
      pendingActions: [],
      lowUrgencyPausedUntil: null,
    };
    const line = statusText({ ...base, incidents: [snoozed], at }).find((l) => l.includes('[Q3]'));
    expect(line).toMatch(new RegExp(`snoozed until ${hm}$`));
    const later = new Date(until.getTime() + 1000).toISOString();
    expect(
      statusText({ ...base, incidents: [snoozed], at: later }).find((l) => l.includes('[Q3]')),
    ).not.toMatch(/snoozed/);
  });
});

describe('describeFailure', () => {
  it('gives usage errors exit 2 and a help hint, runtime errors exit 1', () => {
    expect(describeFailure(new UsageError('bad flag', 'watch'))).toEqual({
      line: 'oncall-companion: bad flag (see oncall-companion watch --help)',
      exitCode: 2,
    });
    expect(describeFailure(new CliError('nope')).exitCode).toBe(1);
    const pd = new PagerDutyError('PagerDuty rejected the API token (401). Create a new one.', {
      kind: 'auth',
      status: 401,
    });
    expect(describeFailure(pd)).toEqual({
      line: 'oncall-companion: PagerDuty rejected the API token (401). Create a new one.',
      exitCode: 1,
    });
  });

  it('names the data folder and the fix when it cannot be written, not a raw errno text', () => {
    const err = Object.assign(new Error("ENOTDIR: not a directory, mkdir '/dev/full/demo'"), {
      code: 'ENOTDIR',
      path: '/dev/full/demo',
    });
    expect(describeFailure(err)).toEqual({
      line:
        'oncall-companion: cannot use the data folder (/dev/full/demo): a part of the path is not a folder; ' +
        'pass --data-dir with a writable folder (or free some disk space)',
      exitCode: 1,
    });
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(describeFailure(full).line).toMatch(/the disk is full; pass --data-dir/);
  });

  it('keeps to one line and scrubs secrets', () => {
    const r = describeFailure(new Error('boom\n  at x (file.js:1)\nsecret-123'), (s) =>
      s.split('secret-123').join('[redacted]'),
    );
    expect(r.line).not.toContain('\n');
    expect(r.line).not.toContain('secret-123');
    expect(r.line).toMatch(/^oncall-companion: unexpected error: boom/);
  });
});
