/**
 * A status update re-sent after an attempt whose answer was lost: found in the incident's full log
 * (not the overview) when an entry with its text is dated from just before its first send; an
 * identical update posted on purpose minutes earlier is not taken for it (it would be dropped).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sendWork } from '../../../src-main/core/actions/work-send.js';
import type { LogEntry } from '../../../src-main/core/domain.js';
import type { PendingAction } from '../../../src-main/core/events.js';
import type { IncidentWorkApi } from '../../../src-main/core/pagerduty/incident-work.js';
import { STATUS_UPDATE_LOG_ENTRY } from '../../../src-main/core/pagerduty/map.js';
import { silentLogger } from '../../../src-main/core/ports.js';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function action(over: Partial<PendingAction> = {}): PendingAction {
  return {
    id: 'act-1',
    kind: 'status_update',
    incidentIds: ['P1'],
    work: { message: 'Still investigating' },
    createdAt: iso(T0),
    attempts: 1,
    nextAttemptAt: iso(T0),
    lastError: null,
    ...over,
  };
}

const entry = (at: number, content = 'Still investigating'): LogEntry => ({
  id: `L${at}`,
  type: STATUS_UPDATE_LOG_ENTRY,
  createdAt: iso(at),
  summary: 'Status update',
  agent: null,
  content,
});

async function send(a: PendingAction, log: LogEntry[]): Promise<number> {
  let posts = 0;
  const api = {
    postStatusUpdate: async () => {
      posts += 1;
    },
  } as unknown as IncidentWorkApi;
  await sendWork(a, {
    api,
    resend: true,
    logger: silentLogger,
    signal: new AbortController().signal,
    logEntries: async () => log,
  });
  return posts;
}

describe('status update resend', () => {
  it('is not posted again when its entry is in the log after its first send', async () => {
    const firstSentAt = T0 + 10 * 60_000; // queued while offline, first sent 10 min later
    expect(await send(action({ firstSentAt: iso(firstSentAt) }), [entry(firstSentAt + 2_000)])).toBe(0);
    // PagerDuty's clock a little behind ours still counts.
    expect(await send(action({ firstSentAt: iso(firstSentAt) }), [entry(firstSentAt - 30_000)])).toBe(0);
  });

  it('is posted when only an identical update from minutes before its first send is there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 61, max: 6 * 3600 }), async (secondsBefore) => {
        const firstSentAt = T0 + 10 * 60_000;
        const log = [entry(firstSentAt - secondsBefore * 1000), entry(firstSentAt + 1000, 'Other text')];
        expect(await send(action({ firstSentAt: iso(firstSentAt) }), log)).toBe(1);
      }),
      { numRuns: 50 },
    );
  });

  it('without a recorded first send (an older queue file) counts from when it was queued', async () => {
    expect(await send(action(), [entry(T0 + 5_000)])).toBe(0);
    expect(await send(action(), [entry(T0 - 3 * 60_000)])).toBe(1);
  });
});
