import { describe, expect, it, vi } from 'vitest';
import { createMemoryAppendLog } from '../../../src-main/core/history/append-log.js';
import { createHistoryService } from '../../../src-main/core/history/service.js';
import type { NotificationRequest, PendingAction } from '../../../src-main/core/events.js';
import type { PagerDutyApi } from '../../../src-main/core/pagerduty/api.js';
import { ME, OTHER, entry, fakeCompanion, incident, memoryStore, recordingLogger } from './fakes.js';

const T0 = Date.parse('2026-11-30T08:00:00.000Z'); // a Monday
const iso = (t: number) => new Date(t).toISOString();
const MIN = 60_000;

async function setup(opts: { now?: number; lead?: number } = {}) {
  let now = opts.now ?? T0;
  const clock = { now: () => now };
  const log = createMemoryAppendLog();
  const store = memoryStore();
  const reports: Array<[string, string]> = [];
  const notes: NotificationRequest[] = [];
  const files: Record<string, string> = {};
  const svc = await createHistoryService({
    log,
    store,
    clock,
    logger: recordingLogger(),
    offHours: { start: '22:00', end: '07:00' },
    timeZone: 'Europe/Berlin',
    writeReport: async (n, md) => void reports.push([n, md]),
    readRunbookSource: async (src) => {
      const f = files[src];
      if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return f;
    },
    handoffReminderMinutes: opts.lead ?? 30,
    onNotification: (n) => void notes.push(n),
  });
  const companion = fakeCompanion(clock.now);
  const detach = svc.attach(companion);
  return {
    svc,
    companion,
    log,
    store,
    reports,
    notes,
    files,
    detach,
    setNow: (t: number) => (now = t),
    clock,
  };
}

function note(id: string, text: string, at: number): PendingAction {
  return {
    id: `a-${id}`,
    kind: 'note',
    incidentIds: [id],
    note: text,
    createdAt: iso(at),
    attempts: 1,
    nextAttemptAt: iso(at),
    lastError: null,
  };
}

describe('history service: recording and metrics', () => {
  it('records pages, acks and resolves from the events and answers metrics for the current shift', async () => {
    const h = await setup();
    h.companion.state.shifts = {
      current: [entry(iso(T0 - 60 * MIN), iso(T0 + 8 * 60 * MIN))],
      next: null,
      fetchedAt: null,
    };
    const a = incident({ id: 'PA', number: 11, createdAt: iso(T0) });
    const b = incident({
      id: 'PB',
      number: 12,
      createdAt: iso(T0 + 10 * MIN),
      urgency: 'low',
      service: { id: 'PSVC2', summary: 'Search' },
    });
    const notMine = incident({ id: 'PC', createdAt: iso(T0), assignees: [OTHER], assignedAt: {} });
    h.companion.emit({ type: 'incident.triggered', at: iso(T0), incident: a });
    h.companion.emit({ type: 'incident.triggered', at: iso(T0 + 10 * MIN), incident: b });
    h.companion.emit({ type: 'incident.triggered', at: iso(T0), incident: notMine });
    h.companion.emit({
      type: 'incident.acknowledged',
      at: iso(T0 + 3 * MIN),
      incident: { ...a, status: 'acknowledged', lastStatusChangeAt: iso(T0 + 2 * MIN), acknowledgers: [ME] },
      byMe: true,
      by: [ME],
    });
    h.companion.emit({
      type: 'incident.acknowledged',
      at: iso(T0 + 15 * MIN),
      incident: {
        ...b,
        status: 'acknowledged',
        lastStatusChangeAt: iso(T0 + 14 * MIN),
        acknowledgers: [OTHER],
      },
      byMe: false,
      by: [OTHER],
    });
    h.companion.emit({
      type: 'incident.resolved',
      at: iso(T0 + 30 * MIN),
      incident: { ...a, status: 'resolved', lastStatusChangeAt: iso(T0 + 30 * MIN) },
      byMe: true,
    });
    const esc = incident({
      id: 'PD',
      createdAt: iso(T0 - 5 * MIN),
      assignedAt: { [ME.id]: iso(T0 + 20 * MIN) },
    });
    h.companion.emit({
      type: 'incident.escalated',
      at: iso(T0 + 21 * MIN),
      incident: esc,
      reason: 'escalated',
      previousAssignees: [OTHER],
    });
    h.companion.emit({
      type: 'action.done',
      at: iso(T0 + 5 * MIN),
      action: note('PA', 'Restarted the pods', T0 + 5 * MIN),
    });
    await h.svc.flush();

    expect(h.svc.records().map((r) => r.incidentId)).toEqual(['PA', 'PB', 'PD']);
    const pd = h.svc.records().find((r) => r.incidentId === 'PD')!;
    expect(pd.triggeredAt).toBe(T0 + 20 * MIN);
    h.setNow(T0 + 60 * MIN);
    const m = await h.svc.getMetrics(null);
    expect(m.range.since).toBe(T0 - 60 * MIN);
    expect(m.pages).toBe(3);
    expect(m.timeToAckMedianMs).toBe(3 * MIN); // 2 and 4 minutes
    expect(m.timeToResolveMedianMs).toBe(30 * MIN);
    expect(m.ackedByMeShare).toBe(0.5);
    expect(m.noisiestServices[0]).toMatchObject({ serviceName: 'Checkout API', pages: 2 });
    expect(h.svc.notes()).toEqual([{ incidentId: 'PA', content: 'Restarted the pods', at: T0 + 5 * MIN }]);

    // Without a shift: the last 7 days.
    h.companion.state.shifts = { current: [], next: null, fetchedAt: null };
    const week = await h.svc.getMetrics(null);
    expect(week.range.until - week.range.since).toBe(7 * 24 * 60 * MIN + 1);

    // Reopening the log gives the same history.
    const again = await createHistoryService({
      log: h.log,
      store: h.store,
      clock: h.clock,
      logger: recordingLogger(),
      timeZone: 'Europe/Berlin',
    });
    expect(again.records()).toEqual(h.svc.records());
    h.detach();
    expect(h.companion.listeners).toBe(0);
  });

  it('flags off-hours and weekend pages in local time', async () => {
    const h = await setup();
    // 22:30 Berlin on Saturday 28 Nov 2026 = 21:30 UTC.
    const t = Date.parse('2026-11-28T21:30:00.000Z');
    h.companion.emit({
      type: 'incident.triggered',
      at: iso(t),
      incident: incident({ id: 'PN', createdAt: iso(t) }),
    });
    // 21:30 Berlin on a Monday: neither.
    const u = Date.parse('2026-11-30T20:30:00.000Z');
    h.companion.emit({
      type: 'incident.triggered',
      at: iso(u),
      incident: incident({ id: 'PM', createdAt: iso(u) }),
    });
    const [n, mday] = h.svc.records();
    expect([n!.offHours, n!.weekend]).toEqual([true, true]);
    expect([mday!.offHours, mday!.weekend]).toEqual([false, false]);
  });
});

describe('history service: report', () => {
  it('builds the current shift report with open incidents, numbers, checklists and notes, and saves it', async () => {
    const h = await setup();
    h.companion.state.shifts = {
      current: [entry(iso(T0), iso(T0 + 8 * 60 * MIN))],
      next: null,
      fetchedAt: null,
    };
    const a = incident({
      id: 'PA',
      number: 7,
      title: 'Checkout *down* <!channel>',
      createdAt: iso(T0 + MIN),
    });
    h.companion.state.incidents = [a];
    h.companion.emit({ type: 'incident.triggered', at: iso(T0 + MIN), incident: a });
    await h.svc.setRunbooks([{ serviceId: 'PSVC1', steps: ['Check dashboard', 'Restart pods'] }], null);
    await h.svc.setChecklistStep('PA', 0, true);
    h.companion.emit({
      type: 'action.done',
      at: iso(T0 + 2 * MIN),
      action: note('PA', 'Looking into it', T0 + 2 * MIN),
    });
    h.setNow(T0 + 60 * MIN);
    const r = await h.svc.getReport({ kind: 'current' });
    expect(r.range).toEqual({ since: T0, until: T0 + 60 * MIN + 1 });
    expect(r.metrics.pages).toBe(1);
    expect(r.open).toEqual([
      { incidentId: 'PA', title: a.title, serviceName: 'Checkout API', urgency: 'high', status: 'triggered' },
    ]);
    expect(r.checklists).toEqual([
      { incidentId: 'PA', serviceName: 'Checkout API', done: ['Check dashboard'], pending: ['Restart pods'] },
    ]);
    expect(r.markdown).toContain('### Open incidents (1)');
    expect(r.markdown).toContain('  - [x] Check dashboard');
    expect(r.markdown).toContain('  - [ ] Restart pods');
    expect(r.markdown).toContain('Looking into it');
    expect(r.markdown).toContain('Checkout \\*down\\* \\<!channel\\>');
    expect(r.markdown).not.toContain('<!channel>');
    expect(h.reports).toHaveLength(1);
    expect(h.reports[0]![0]).toBe('reports/2026-11-30-1000.md'); // now = 09:00 UTC = 10:00 in Berlin
    expect(h.reports[0]![1]).toBe(r.markdown);
  });

  it('reports the last ended shift', async () => {
    const h = await setup();
    const start = T0 - 10 * 60 * MIN;
    const end = T0 - 2 * 60 * MIN;
    h.companion.emit({
      type: 'incident.triggered',
      at: iso(start + MIN),
      incident: incident({ id: 'PX', createdAt: iso(start + MIN) }),
    });
    h.companion.emit({
      type: 'incident.triggered',
      at: iso(end + MIN),
      incident: incident({ id: 'PY', createdAt: iso(end + MIN) }),
    });
    h.companion.emit({ type: 'shift.ended', at: iso(end), entry: entry(iso(start), iso(end)) });
    const r = await h.svc.getReport({ kind: 'last' });
    expect(r.range).toEqual({ since: start, until: end });
    expect(r.pages.map((p) => p.incidentId)).toEqual(['PX']);
    expect(r.title).toMatch(/Last shift/);
  });
});

describe('history service: handoff reminder', () => {
  it('raises one handoff notification inside the lead time, with the report saved', async () => {
    const h = await setup({ lead: 30 });
    const end = T0 + 8 * 60 * MIN;
    h.companion.state.shifts = { current: [entry(iso(T0), iso(end))], next: null, fetchedAt: null };
    h.setNow(end - 31 * MIN);
    expect(await h.svc.checkHandoff()).toBeNull();
    h.setNow(end - 29 * MIN);
    h.companion.emit({
      type: 'sync',
      at: iso(end - 29 * MIN),
      status: { state: 'live', lastSyncAt: iso(end - 29 * MIN) },
    });
    await h.svc.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.notes).toHaveLength(1);
    expect(h.notes[0]).toMatchObject({ kind: 'handoff', key: `handoff:${end}`, urgency: 'normal' });
    expect(h.notes[0]!.title).toMatch(/29 min/);
    expect(h.reports).toHaveLength(1);
    expect(await h.svc.checkHandoff()).toBeNull(); // never twice
    // The fake's roster cannot be read: the reminder still comes, without a name.
    expect(h.notes[0]!.body).not.toMatch(/Next on call/);
  });

  it('names the next person on call, from the roster', async () => {
    const h = await setup({ lead: 30 });
    const end = T0 + 8 * 60 * MIN;
    h.companion.state.shifts = { current: [entry(iso(T0), iso(end))], next: null, fetchedAt: null };
    const roster = vi.fn(async () => ({
      shifts: [{ end: iso(end), handsOverTo: { id: 'PAL', summary: 'Alex Kim' } }],
    }));
    (h.companion as unknown as { roster: typeof roster }).roster = roster;
    h.setNow(end - 20 * MIN);
    const n = await h.svc.checkHandoff();
    expect(n?.body).toMatch(/Next on call: Alex Kim\.$/);
    expect(roster).toHaveBeenCalledTimes(1);
  });

  it('does not remind when the next shift continues this one', async () => {
    const h = await setup({ lead: 30 });
    const end = T0 + 8 * 60 * MIN;
    h.companion.state.shifts = {
      current: [entry(iso(T0), iso(end))],
      next: entry(iso(end), iso(end + 8 * 60 * MIN)),
      fetchedAt: null,
    };
    h.setNow(end - 10 * MIN);
    expect(await h.svc.checkHandoff()).toBeNull();
  });
});

describe('history service: runbooks', () => {
  it('serves the checklist with candidates, keeps ticks by step text, and shows a file error plainly', async () => {
    const h = await setup();
    const a = incident({
      id: 'PA',
      service: { id: 'PSVC9', summary: 'Payments' },
      details:
        'see https://wiki.example.com/rb/payments, or http://insecure.example.com and javascript:alert(1)',
    });
    h.companion.state.incidents = [a];
    h.files['/team/runbooks.yaml'] =
      'runbooks:\n  - service: payments\n    url: https://wiki.example.com/pay\n    steps:\n      - Check the queue\n      - Page the DBA\n';
    expect(await h.svc.setRunbooks([], '/team/runbooks.yaml')).toEqual({ sourceError: null });
    let v = await h.svc.getRunbook('PA');
    expect(v).toEqual({
      incidentId: 'PA',
      serviceId: 'PSVC9',
      url: 'https://wiki.example.com/pay',
      steps: [
        { text: 'Check the queue', done: false },
        { text: 'Page the DBA', done: false },
      ],
      candidates: ['https://wiki.example.com/rb/payments'],
      sourceError: null,
    });
    v = await h.svc.setChecklistStep('PA', 1, true);
    expect(v.steps.map((s) => s.done)).toEqual([false, true]);
    await expect(h.svc.setChecklistStep('PA', 5, true)).rejects.toThrow(/no step 6/);

    // A broken file: the error names the line, the last good runbooks stay.
    h.files['/team/runbooks.yaml'] = 'runbooks:\n  - service: payments\n    steps: restart\n';
    const res = await h.svc.setRunbooks([], '/team/runbooks.yaml');
    expect(res.sourceError).toBe('runbooks.yaml line 3: steps must be a list of strings');
    v = await h.svc.getRunbook('PA');
    expect(v.sourceError).toBe(res.sourceError);
    expect(v.steps).toHaveLength(2);
    expect((await h.svc.setRunbooks([], '/team/missing.yaml')).sourceError).toBe(
      'missing.yaml: file not found',
    );

    // Ticks survive a restart (they live in the document store).
    const again = await createHistoryService({
      log: h.log,
      store: h.store,
      clock: h.clock,
      logger: recordingLogger(),
    });
    again.attach(h.companion);
    await again.setRunbooks([{ serviceId: 'PSVC9', steps: ['Check the queue', 'Page the DBA'] }], null);
    expect((await again.getRunbook('PA')).steps.map((s) => s.done)).toEqual([false, true]);
    await expect(again.getRunbook('PUNKNOWN')).rejects.toThrow(/not known/);
  });
});

describe('history service: backfilled records', () => {
  it('adds new records and fills only missing fields of known ones', async () => {
    const h = await setup();
    h.companion.emit({
      type: 'incident.triggered',
      at: iso(T0),
      incident: incident({ id: 'PA', createdAt: iso(T0) }),
    });
    const known = h.svc.records()[0]!;
    const added = h.svc.importRecords([
      {
        ...known,
        title: 'changed',
        acknowledgedAt: T0 + MIN,
        acknowledgedBy: 'Me Myself',
        acknowledgedByMe: true,
      },
      { ...known, incidentId: 'PNEW' },
    ]);
    expect(added).toBe(1);
    const a = h.svc.records().find((r) => r.incidentId === 'PA')!;
    expect(a.title).toBe(known.title);
    expect(a.acknowledgedAt).toBe(T0 + MIN);
  });
});

describe('history service: backfill', () => {
  it('backfills a past range through the API and merges it into the history', async () => {
    const h = await setup();
    const created = T0 - 2 * 24 * 60 * MIN;
    const inc = incident({
      id: 'POLD',
      createdAt: iso(created),
      status: 'resolved',
      assignees: [],
      assignedAt: {},
    });
    const api = {
      listIncidents: async (q: { statuses?: string[] }) => ({
        items: q.statuses?.includes('resolved') ? [inc] : [],
        skipped: [],
      }),
      listLogEntries: async () => ({
        items: [
          {
            id: 'L1',
            type: 'acknowledge_log_entry',
            createdAt: iso(created + 4 * MIN),
            summary: '',
            agent: ME,
            content: null,
          },
          {
            id: 'L2',
            type: 'resolve_log_entry',
            createdAt: iso(created + 20 * MIN),
            summary: '',
            agent: ME,
            content: null,
          },
        ],
        skipped: [],
      }),
    } as unknown as PagerDutyApi;
    const phases: string[] = [];
    const res = await h.svc.backfill(
      api,
      { since: T0 - 7 * 24 * 60 * MIN, until: T0 },
      {
        me: { id: ME.id, name: ME.summary },
        timers: { setTimeout: (fn) => (queueMicrotask(fn), 0), clearTimeout() {} },
        minIntervalMs: 0,
        onProgress: (p) => phases.push(p.phase),
      },
    );
    expect(res).toEqual({ fetched: 1, added: 1 });
    expect(h.svc.records()[0]).toMatchObject({
      incidentId: 'POLD',
      acknowledgedAt: created + 4 * MIN,
      acknowledgedByMe: true,
      resolvedAt: created + 20 * MIN,
      resolvedBy: 'me',
    });
    expect(phases.at(-1)).toBe('done');
    expect(h.log.lines.length).toBe(1); // durable
  });
});
