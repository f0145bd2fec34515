import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetElectronMock } from './electron-mock.js';
import { eventChannels, invokeChannels } from '../../src-main/ipc/contract.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

resetElectronMock();
await import('../../src-main/preload/preload.js');
const exposedKeys = [...fake.exposed.keys()];
const exposed = fake.exposed.get('oncall') as Record<string, unknown> & {
  on: (e: string, l: (p: unknown) => void) => () => void;
};

describe('preload', () => {
  beforeEach(() => {
    fake.invoked.length = 0;
  });

  const load = async () => exposed;

  it('exposes window.oncall with one method per channel and `on`, nothing else', async () => {
    const api = await load();
    expect(exposedKeys).toEqual(['oncall']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(invokeChannels), 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('each method invokes exactly its own channel with its arguments', async () => {
    const api = await load();
    for (const [name, { channel }] of Object.entries(invokeChannels)) {
      fake.invoked.length = 0;
      await (api[name] as (...a: unknown[]) => Promise<unknown>)('a', 1);
      expect(fake.invoked).toEqual([{ channel, args: ['a', 1] }]);
    }
  });

  it('`on` subscribes to the fixed events only, passes only the payload, and unsubscribes', async () => {
    const api = await load();
    const got: unknown[] = [];
    const off = api.on('focusIncident', (p) => got.push(p));
    const listeners = fake.rendererListeners.get(eventChannels.focusIncident)!;
    for (const l of listeners) l({ sender: 'secret event object' }, { incidentId: 'P1' });
    expect(got).toEqual([{ incidentId: 'P1' }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => api.on('oncall:acknowledge', () => {})).toThrow(/unknown event/);
    expect(() => api.on('__proto__', () => {})).toThrow(/unknown event/);
  });
});
