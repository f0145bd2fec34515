import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-main/core/domain.js';
import { silentLogger } from '../../../src-main/core/ports.js';
import { defaultCoreSettings } from '../../../src-main/core/settings.js';
import { CATCH_UP_CHECK_MAX, catchUpQuery, missedPages } from '../../../src-main/core/sync/catch-up.js';
import { diffIncidents } from '../../../src-main/core/sync/diff.js';
import { ME, OTHER, makeIncident } from '../support/fake-api.js';

const assign = (userId: string): LogEntry => ({
  id: `R-${userId}`,
  type: 'assign_log_entry',
  createdAt: '2026-01-05T12:00:00.000Z',
  summary: 'Assigned',
  agent: null,
  content: null,
  assignees: [{ id: userId, summary: userId }],
});

function deps(logs: Record<string, LogEntry[] | Error>) {
  const reads: string[] = [];
  return {
    reads,
    d: {
      api: {
        listLogEntries: async (id: string) => {
          reads.push(id);
          const l = logs[id];
          if (l instanceof Error) throw l;
          return { items: l ?? [], skipped: [] };
        },
      },
      call: <T>(fn: (s: AbortSignal) => Promise<T>) => fn(new AbortController().signal),
      logger: silentLogger,
      me: ME,
    },
  };
}

const resolved = (id: string, createdAt = '2026-01-05T12:00:00.000Z') =>
  makeIncident({ id, status: 'resolved', assignees: [], assignedAt: {} }, createdAt);

describe('catch-up after a gap', () => {
  it('asks for every resolved incident since the gap (not user_ids: resolved ones have no assignees)', () => {
    const q = catchUpQuery(
      defaultCoreSettings().filters,
      Date.parse('2026-01-05T12:00:00Z'),
      Date.parse('2026-01-05T13:00:00Z'),
    );
    expect(q).toMatchObject({ statuses: ['resolved'], since: '2026-01-05T11:59:00.000Z', include: [] });
    expect(q.userIds).toBeUndefined();
    const afterDays = catchUpQuery(defaultCoreSettings().filters, 0, Date.parse('2026-01-05T13:00:00Z'));
    expect(afterDays.since).toBe('2026-01-04T13:00:00.000Z');
  });

  it('keeps the resolved incidents whose log assigned them to me, with me as assignee', async () => {
    const { d, reads } = deps({
      PA: [assign(OTHER.id), assign(ME.id)],
      PB: [assign(OTHER.id)],
      PC: new Error('boom'),
    });
    const out = await missedPages([resolved('PA'), resolved('PB'), resolved('PC')], d);
    expect(out.map((i) => i.id)).toEqual(['PA']);
    expect(out[0]!.assignees).toEqual([{ id: ME.id, summary: ME.name, email: ME.email }]);
    expect(reads.sort()).toEqual(['PA', 'PB', 'PC']);
  });

  it('reads at most CATCH_UP_CHECK_MAX logs, newest first', async () => {
    const many = Array.from({ length: CATCH_UP_CHECK_MAX + 5 }, (_, n) =>
      resolved(`P${n}`, new Date(Date.parse('2026-01-05T12:00:00Z') + n * 1000).toISOString()),
    );
    const { d, reads } = deps({ [`P${CATCH_UP_CHECK_MAX + 4}`]: [assign(ME.id)] });
    const out = await missedPages(many, d);
    expect(reads).toHaveLength(CATCH_UP_CHECK_MAX);
    expect(reads[0]).toBe(`P${CATCH_UP_CHECK_MAX + 4}`);
    expect(out.map((i) => i.id)).toEqual([`P${CATCH_UP_CHECK_MAX + 4}`]);
  });

  it('the diff keeps the previous object for an unchanged incident (flat memory across polls)', () => {
    const prev = makeIncident({ id: 'P1' });
    const ctx = { meId: ME.id, now: 1, at: 'x', seen: new Map([['P1', 0]]) };
    const r = diffIncidents(new Map([['P1', prev]]), [structuredClone(prev)], ctx);
    expect(r.events).toEqual([]);
    expect(r.open.get('P1')).toBe(prev);
    const changed = { ...prev, title: 'new' };
    expect(diffIncidents(new Map([['P1', prev]]), [changed], ctx).open.get('P1')).toBe(changed);
  });
});
