/**
 * An action whose send reached PagerDuty but whose answer never came (killed during a slow answer)
 * is not sent again by the next run when the incident's log shows it went through: a snooze is not
 * restarted, and an incident re-triggered meanwhile is not acknowledged a second time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CallOptions, UpdateResult } from '../../../src-main/core/pagerduty/api.js';
import { FakeTime } from '../support/fake-time.js';
import { rig, type Rig } from '../support/harness.js';

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

/** Makes `op` reach the server (its effect happens) and then never answer, until `restore()`. */
function answerNever(r: Rig, op: 'snooze' | 'updateIncident'): () => void {
  const api = r.api as unknown as Record<string, (...a: unknown[]) => Promise<UpdateResult>>;
  const orig = api[op]!.bind(r.api);
  api[op] = async (...args: unknown[]) => {
    await orig(...args);
    return new Promise<UpdateResult>((_resolve, _reject) => {
      const o = args.at(-1) as CallOptions | undefined;
      o?.signal?.addEventListener('abort', () => _reject(new Error('aborted')));
    });
  };
  return () => void (api[op] = orig);
}

describe('re-sending after a kill during a slow answer', () => {
  it('does not snooze twice', async () => {
    const first = rig();
    rigs.push(first);
    first.api.create({ id: 'P1', status: 'acknowledged' });
    await first.companion.start();
    await first.time.advance(0);
    const restore = answerNever(first, 'snooze');
    await first.companion.snooze('P1', 3600);
    await first.time.advance(0);
    expect(first.api.callsOf('snooze')).toHaveLength(1);
    await first.companion.stop();
    restore();

    const second = rig({ store: first.store, api: first.api, time: new FakeTime(first.time.now() + 5000) });
    rigs.push(second);
    await second.companion.start();
    await second.time.advance(0);
    await second.time.advance(10_000);
    expect(first.api.callsOf('snooze')).toHaveLength(1);
    expect(second.of('action.done').map((e) => e.action.kind)).toEqual(['snooze']);
    expect(second.companion.snapshot().pendingActions).toEqual([]);
  });

  it('does not acknowledge again an incident re-triggered after the first acknowledge went through', async () => {
    const first = rig();
    rigs.push(first);
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await first.time.advance(0);
    const restore = answerNever(first, 'updateIncident');
    await first.companion.acknowledge(['P1']);
    await first.time.advance(0);
    await first.companion.stop();
    restore();
    // The acknowledgement timed out on PagerDuty's side: the incident is triggered again.
    first.api.change('P1', { status: 'triggered', acknowledgers: [] });

    const second = rig({ store: first.store, api: first.api, time: new FakeTime(first.time.now() + 5000) });
    rigs.push(second);
    await second.companion.start();
    await second.time.advance(10_000);
    expect(first.api.callsOf('updateIncident')).toHaveLength(1);
    expect(first.api.incidents.get('P1')!.status).toBe('triggered');
    expect(second.of('action.done')).toHaveLength(1);
  });
});
