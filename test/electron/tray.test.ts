import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetElectronMock, type MenuTemplate } from './electron-mock.js';
import { incident, snapshot, captureLogger } from './fixtures.js';
import { fakeCompanion } from './fake-companion.js';

vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule());

const { createTray } = await import('../../src-main/electron/tray.js');
const { createCommands } = await import('../../src-main/electron/commands.js');

function setup() {
  const fc = fakeCompanion();
  const shown: Array<string | null> = [];
  const quit = vi.fn();
  const pause = vi.fn();
  const commands = createCommands({
    companion: () => fc.companion,
    showWindow: (id) => shown.push(id),
    openSettings: () => shown.push('settings'),
    pauseLowUrgency: pause,
    quit,
    logger: captureLogger(),
  });
  const tray = createTray({
    iconPath: (icon) => `/icons/${icon}.png`,
    onAction: (a) => void commands.run(a),
    now: () => 0,
    formatTime: () => '11:00',
  });
  return { fc, tray, shown, quit, pause, native: fake.trays[0]! };
}

function find(template: MenuTemplate, label: string): MenuTemplate[number] | undefined {
  for (const item of template) {
    if (item.label?.startsWith(label)) return item;
    const inner = item.submenu && find(item.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}

describe('tray adapter', () => {
  beforeEach(() => resetElectronMock());

  it("a click on a page's Acknowledge queues the acknowledge for that incident", async () => {
    const { fc, tray, native } = setup();
    tray.update(snapshot({ incidents: [incident({ id: 'PABC', title: 'Disk full' })] }));
    const ack = find(native.menu!.template, 'Acknowledge');
    expect(ack).toBeDefined();
    ack!.click!();
    await vi.waitFor(() => expect(fc.companion.acknowledge).toHaveBeenCalledWith(['PABC']));
  });

  it("a click on a page's Escalate queues the escalation to the next level for that incident", async () => {
    const { fc, tray, native } = setup();
    tray.update(
      snapshot({
        incidents: [
          incident({ id: 'PABC', escalationPolicy: { id: 'PEP1', summary: 'Platform' }, escalationLevel: 1 }),
        ],
      }),
    );
    find(native.menu!.template, 'Escalate to level 2')!.click!();
    await vi.waitFor(() => expect(fc.companion.escalate).toHaveBeenCalledWith('PABC', 2));
  });

  it('Acknowledge all mine, Open window, Pause, Settings and Quit reach their commands', async () => {
    const { fc, tray, native, shown, quit, pause } = setup();
    tray.update(snapshot({ incidents: [incident({ id: 'PABC' })] }));
    const t = native.menu!.template;
    find(t, 'Acknowledge all mine')!.click!();
    find(t, 'Open window')!.click!();
    find(t, 'Pause low-urgency')!.click!();
    find(t, 'Settings')!.click!();
    find(t, 'Quit')!.click!();
    await vi.waitFor(() => expect(fc.companion.acknowledgeAllMine).toHaveBeenCalledTimes(1));
    expect(shown).toEqual([null, 'settings']);
    expect(pause).toHaveBeenCalledWith(60);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('shows the icon and tooltip of the state', () => {
    const { tray, native } = setup();
    tray.update(
      snapshot({ incidents: [incident({ id: 'A' }), incident({ id: 'B' }), incident({ id: 'C' })] }),
    );
    expect(native.image).toEqual({ path: '/icons/tray-pages-3.png' });
    expect(native.tooltip).toContain('3 pages waiting for you');
    expect(tray.state()?.mode).toBe('pages');
  });

  it('rebuilds the native menu only when the menu changed', () => {
    const { tray } = setup();
    const s = snapshot({ incidents: [incident({ id: 'A' })] });
    tray.update(s);
    tray.update({ ...s, at: 'later' });
    tray.update({ ...s, at: 'even later' });
    expect(tray.menuBuilds()).toBe(1);
    tray.update(snapshot({ incidents: [incident({ id: 'A', status: 'acknowledged' })] }));
    expect(tray.menuBuilds()).toBe(2);
  });

  it('shows the degraded icon with the reason when there is no source at all', () => {
    const { tray, native } = setup();
    tray.showProblem('PagerDuty rejected the token');
    expect(native.image).toEqual({ path: '/icons/tray-degraded.png' });
    expect(native.tooltip).toContain('Not connected: PagerDuty rejected the token');
  });

  it('a left click on the icon opens the window', () => {
    const { native, shown } = setup();
    native.emit('click');
    expect(shown).toEqual([null]);
  });
});
