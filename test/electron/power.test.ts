/** Wake and unlock make the engine poll at once; a failed poll is logged, never thrown. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { pollOnWake } from '../../src-main/electron/power.js';
import { captureLogger } from './fixtures.js';

describe('poll on wake', () => {
  it('polls on resume and on unlock-screen, and stops when asked', async () => {
    const power = new EventEmitter();
    const syncNow = vi.fn(async () => {});
    const stop = pollOnWake(power, syncNow, captureLogger());
    power.emit('resume');
    power.emit('unlock-screen');
    expect(syncNow).toHaveBeenCalledTimes(2);
    power.emit('lock-screen');
    expect(syncNow).toHaveBeenCalledTimes(2);
    stop();
    power.emit('resume');
    expect(syncNow).toHaveBeenCalledTimes(2);
  });

  it('survives no companion and a failing poll', async () => {
    const power = new EventEmitter();
    const logger = captureLogger();
    pollOnWake(power, () => undefined, logger);
    power.emit('resume');
    pollOnWake(power, () => Promise.reject(new Error('offline')), logger);
    power.emit('resume');
    await new Promise((r) => setTimeout(r, 0));
    expect(JSON.stringify(logger)).toContain('offline');
  });
});
