/**
 * The preview with a shift history: the server attaches the history to the running companion (and
 * to the next one after a source switch) and detaches on close; `createPreviewHistory` records pages
 * and answers metrics and runbooks through the bridge; links are never opened by the preview itself.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src-main/core/ports.js';
import type { Companion } from '../../src-main/core/companion-types.js';
import type { Incident } from '../../src-main/core/domain.js';
import { createPreviewHistory } from '../../src-main/preview/history.js';
import { fakeCompanion, historyOf, runtimeOver } from './fake-companion.js';
import { invokeJson, servePreview } from './serve.js';

const T0 = Date.parse('2026-03-04T10:00:00.000Z');

function incident(id: string, over: Partial<Incident> = {}): Incident {
  return {
    id,
    number: 7,
    title: 'Checkout API 5xx',
    status: 'triggered',
    urgency: 'high',
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    lastStatusChangeAt: new Date(T0).toISOString(),
    htmlUrl: `https://acme.pagerduty.com/incidents/${id}`,
    service: { id: 'PS1', summary: 'checkout-api' },
    escalationPolicy: null,
    escalationLevel: 1,
    assignees: [{ id: 'ME', summary: 'Me' }],
    assignedAt: {},
    acknowledgers: [],
    teams: [],
    priority: null,
    incidentKey: null,
    details: 'runbook: https://wiki.example.com/rb/checkout and http://insecure.example/x',
    ...over,
  };
}

describe('preview with a history', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'preview-hist-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('attaches the history to the companion, follows a source switch and detaches on close', async () => {
    const first = fakeCompanion();
    const next = fakeCompanion('pagerduty');
    const attached: Companion[] = [];
    const detached: Companion[] = [];
    const history = {
      attach(c: Companion) {
        attached.push(c);
        return () => detached.push(c);
      },
      updateOptions: () => {},
      setRunbooks: async () => ({ sourceError: null }),
    };
    const runtime = runtimeOver(first, {
      next: () => next,
      history: historyOf(history),
      settings: { source: { kind: 'pagerduty', region: 'us' } },
    });
    const { server, port } = await servePreview(runtime, root);
    expect(attached).toEqual([first]);
    await invokeJson(port, 'setToken', ['u+pagerduty-secret-token']);
    await vi.waitFor(() => expect(attached).toEqual([first, next]));
    expect(detached).toEqual([first]);
    await server.close();
    await runtime.close();
    expect(detached).toEqual([first, next]);
  });

  it('records pages and answers metrics and runbooks with a real history service', async () => {
    const history = await createPreviewHistory({ logger: silentLogger, clock: { now: () => T0 + 60_000 } });

    const companion = fakeCompanion();
    const inc = incident('PABC1');
    companion.snapshot().incidents.push(inc);
    (companion.snapshot() as { me: unknown }).me = {
      id: 'ME',
      name: 'Me',
      email: 'me@example.com',
      timeZone: 'UTC',
      htmlUrl: null,
    };
    const runtime = runtimeOver(companion, { history: historyOf(history) });
    const { server, port } = await servePreview(runtime, root);
    try {
      companion.emit({ type: 'incident.triggered', at: new Date(T0).toISOString(), incident: inc });
      companion.emit({
        type: 'incident.acknowledged',
        at: new Date(T0 + 30_000).toISOString(),
        incident: { ...inc, status: 'acknowledged', lastStatusChangeAt: new Date(T0 + 30_000).toISOString() },
        by: [{ id: 'ME', summary: 'Me' }],
        byMe: true,
      } as never);
      const m = await invokeJson(port, 'getMetrics', [{ since: T0 - 1000, until: T0 + 120_000 }]);
      expect(m).toMatchObject({
        ok: true,
        value: { pages: 1, ackedByMeShare: 1, timeToAckMedianMs: 30_000 },
      });

      const up = await invokeJson(port, 'updateSettings', [
        { runbooks: [{ serviceId: 'PS1', steps: ['Check the dashboard', 'Roll back'] }] },
      ]);
      expect(up).toMatchObject({ ok: true, value: { ok: true } });
      const tick = await invokeJson(port, 'setChecklistStep', ['PABC1', 1, true]);
      expect(tick).toMatchObject({
        ok: true,
        value: {
          steps: [
            { text: 'Check the dashboard', done: false },
            { text: 'Roll back', done: true },
          ],
          candidates: ['https://wiki.example.com/rb/checkout'],
        },
      });

      // A shared file with an error names its line; the Settings runbook keeps working.
      const file = join(root, 'team.yaml');
      await writeFile(file, 'runbooks:\n  - service: checkout-api\n    steps: nope\n');
      await invokeJson(port, 'updateSettings', [{ runbookSource: file }]);
      const rb = await invokeJson(port, 'getRunbook', ['PABC1']);
      expect(rb).toMatchObject({
        ok: true,
        value: { sourceError: expect.stringMatching(/^team\.yaml line 3: /) },
      });
      expect((rb as unknown as { value: { steps: unknown[] } }).value.steps).toHaveLength(2);
    } finally {
      await server.close();
      await runtime.close();
      await history.close();
    }
  });

  it('answers openExternal with where the link goes, opening nothing', async () => {
    const runtime = runtimeOver(fakeCompanion());
    const { server, port } = await servePreview(runtime, root);
    try {
      await expect(invokeJson(port, 'openExternal', ['https://wiki.example.com/rb'])).resolves.toEqual({
        ok: true,
        value: {
          opened: false,
          reason: 'The browser preview does not open links itself; the link is https://wiki.example.com/rb',
        },
      });
      for (const bad of ['http://wiki.example.com/rb', 'javascript:alert(1)', 'file:///etc/passwd']) {
        await expect(invokeJson(port, 'openExternal', [bad])).resolves.toMatchObject({
          ok: false,
          error: { code: 'bad_arguments' },
        });
      }
      await expect(invokeJson(port, 'getMetrics', [null])).resolves.toEqual({
        ok: false,
        error: { code: 'unavailable', message: 'This preview keeps no shift history.' },
      });
    } finally {
      await server.close();
      await runtime.close();
    }
  });
});
