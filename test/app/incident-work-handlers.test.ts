/**
 * The incident-work channels of the handler map: each argument checked by the contract before the
 * companion is called, the bridge, the alerts' and the related change events' https links offered (so
 * `openExternal` opens exactly those, on a click), anything else refused.
 */
import { describe, expect, it, vi } from 'vitest';
import { callHandler, createHandlers } from '../../src-main/app/handlers.js';
import { defaultAppSettings } from '../../src-main/ipc/app-settings.js';
import { fakeCompanion } from '../electron/fake-companion.js';
import { captureLogger, fakeSettingsService, incident, snapshot } from '../electron/fixtures.js';
import type { IncidentWork } from '../../src-main/shared/types.js';

function setup() {
  const fc = fakeCompanion(snapshot({ incidents: [incident({ id: 'P1' })] }));
  const work: IncidentWork = {
    incident: incident({ id: 'P1' }),
    conferenceBridge: { url: 'https://meet.example.com/inc-1', number: '+1 415-555-0134,,,,1#' },
    responderRequests: [],
    alerts: [
      {
        id: 'A1',
        summary: 'disk',
        status: 'triggered',
        severity: 'critical',
        source: 'db-1',
        createdAt: '2026-01-01T00:00:00.000Z',
        htmlUrl: null,
        alertKey: null,
        service: null,
        details: { graph: 'https://grafana.example.net/d/x', bad: 'javascript:alert(1)' },
        links: ['https://grafana.example.net/d/x'],
      },
    ],
    skippedAlerts: [],
    escalationPolicy: null,
    changeEvents: [
      {
        id: 'CE1',
        summary: 'Deploy checkout <b>v2</b>',
        timestamp: '2026-01-01T00:00:00.000Z',
        source: 'ci',
        services: [],
        links: [{ href: 'https://ci.example.org/builds/7', text: 'Build log' }],
        reason: 'related_service',
      },
    ],
  };
  fc.companion.incidentWork = vi.fn(async () => work);
  const opened = vi.fn(async (_url: string) => {});
  const settings = defaultAppSettings();
  const handlers = createHandlers({
    companion: () => fc.companion,
    settings: fakeSettingsService(settings),
    history: () => null,
    links: { open: opened },
    now: () => 0,
  });
  const logger = captureLogger();
  const call = (name: Parameters<typeof callHandler>[1], args: unknown[]) =>
    callHandler(handlers, name, args, { logger });
  return { call, opened, fc };
}

describe('incident-work channels', () => {
  it('offers the bridge and the alert links, and opens only those', async () => {
    const { call, opened } = setup();
    expect(await call('openExternal', ['https://meet.example.com/inc-1'])).toMatchObject({
      ok: true,
      value: { opened: false },
    });
    const got = await call('getIncidentWork', ['P1']);
    expect(got).toMatchObject({ ok: true, value: { respondersUnavailable: null } });
    expect(await call('openExternal', ['https://meet.example.com/inc-1'])).toMatchObject({
      value: { opened: true },
    });
    expect(await call('openExternal', ['https://grafana.example.net/d/x'])).toMatchObject({
      value: { opened: true },
    });
    expect(await call('openExternal', ['https://ci.example.org/builds/7'])).toMatchObject({
      value: { opened: true },
    });
    expect(await call('openExternal', ['https://ci.example.org/builds/8'])).toMatchObject({
      value: { opened: false },
    });
    expect((await call('openExternal', ['javascript:alert(1)'])).ok).toBe(false);
    expect(opened.mock.calls.map((c) => c[0])).toEqual([
      'https://meet.example.com/inc-1',
      'https://grafana.example.net/d/x',
      'https://ci.example.org/builds/7',
    ]);
  });

  it('checks every argument before the companion is called', async () => {
    const { call, fc } = setup();
    const bad: Array<[Parameters<typeof callHandler>[1], unknown[]]> = [
      ['reassign', ['P1', { userIds: [] }]],
      ['reassign', ['P1', { userIds: ['U1'], policyId: 'E1' }]],
      ['escalate', ['P1', 0]],
      ['escalate', ['P1', 1.5]],
      ['addResponders', ['P1', ['U1'], '   ']],
      ['setUrgency', ['P1', 'medium']],
      ['postStatusUpdate', ['P1', '']],
      ['mergeIncidents', ['P1', []]],
      ['setPriority', ['P1', '<script>']],
      ['getIncidentWork', ['../etc']],
    ];
    for (const [name, args] of bad)
      expect({ name, r: await call(name, args) }).toMatchObject({
        name,
        r: { ok: false, error: { code: 'bad_arguments' } },
      });
    expect(fc.companion.reassign).not.toHaveBeenCalled();
    expect(fc.companion.escalate).not.toHaveBeenCalled();
    expect(await call('reassign', ['P1', { policyId: 'PEP0001' }])).toMatchObject({ ok: true });
    expect(fc.companion.reassign).toHaveBeenCalledWith('P1', { policyId: 'PEP0001' });
    expect(await call('escalate', ['P1', 2])).toMatchObject({ ok: true });
    expect(await call('mergeIncidents', ['P1', ['P2']])).toMatchObject({ ok: true });
    expect(fc.companion.merge).toHaveBeenCalledWith('P1', ['P2']);
  });
});
