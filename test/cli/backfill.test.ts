import { describe, expect, it } from 'vitest';
import { retried } from '../../src-main/cli/commands/backfill.js';

const kinded = (kind: string, retryAfterMs?: number) =>
  Object.assign(new Error(kind), { kind, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

describe('backfill: retried calls', () => {
  it('waits out a rate limit for ratelimit-reset, and transient errors with a backoff', async () => {
    const waits: number[] = [];
    const errors = [kinded('rate_limited', 1500), kinded('server'), kinded('timeout')];
    let calls = 0;
    const value = await retried(
      async () => {
        calls++;
        const e = errors.shift();
        if (e) throw e;
        return 'me';
      },
      async (ms) => void waits.push(ms),
    );
    expect(value).toBe('me');
    expect(calls).toBe(4);
    expect(waits).toEqual([1500, 2000, 4000]);
  });

  it('gives up on errors waiting cannot fix, and after five tries', async () => {
    const sleep = async () => {};
    await expect(retried(() => Promise.reject(kinded('auth')), sleep)).rejects.toThrow('auth');
    let calls = 0;
    await expect(
      retried(() => {
        calls++;
        return Promise.reject(kinded('unreachable'));
      }, sleep),
    ).rejects.toThrow('unreachable');
    expect(calls).toBe(5);
  });
});
