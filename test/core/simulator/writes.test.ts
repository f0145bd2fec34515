import { describe, expect, it } from 'vitest';
import { SIM_ME, SIM_TEAMMATES, type Simulator } from '../../../src-main/core/simulator/index.js';
import type { FakeTime } from './fake-time.js';
import { WRITE, call, simulatorOnFakeTime } from './fake-time.js';

let sim: Simulator;
let time: FakeTime;
simulatorOnFakeTime((started) => ({ sim, time } = started));

const put = (id: string, incident: Record<string, unknown>) =>
  call(`${sim.url}/incidents/${id}`, {
    method: 'PUT',
    headers: WRITE,
    body: { incident: { type: 'incident_reference', ...incident } },
  });

describe('simulator writes', () => {
  it('acknowledges, then answers 1002; resolves, then answers 1001', async () => {
    const inc = sim.createIncident({ title: 'disk full' });
    time.advance(5000);
    const ack = await put(inc.id, { status: 'acknowledged' });
    expect(ack.status).toBe(200);
    expect(ack.body.incident.status).toBe('acknowledged');
    expect(ack.body.incident.acknowledgements[0]).toMatchObject({ acknowledger: { id: SIM_ME.id } });
    const again = await put(inc.id, { status: 'acknowledged' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe(1002);
    const res = await put(inc.id, { status: 'resolved' });
    expect(res.body.incident).toMatchObject({ status: 'resolved', assignments: [], acknowledgements: [] });
    const res2 = await put(inc.id, { status: 'resolved' });
    expect(res2.body.error.code).toBe(1001);
    const ackResolved = await put(inc.id, { status: 'acknowledged' });
    expect(ackResolved.body.error.code).toBe(1001);
    const rec = sim.record().incidents[0]!;
    expect(rec).toMatchObject({ status: 'resolved', ackedBy: SIM_ME.id, resolvedBy: SIM_ME.id });
    expect(Date.parse(rec.ackedAt!) - Date.parse(rec.createdAt)).toBe(5000);
  });

  it('rejects a bad body with 400', async () => {
    const inc = sim.createIncident({ title: 'x' });
    const r = await put(inc.id, { status: 'closed' });
    expect(r.status).toBe(400);
    expect(r.body.error.errors.join(' ')).toMatch(/status/);
  });

  it('snoozes only acknowledged incidents, and re-triggers when the snooze ends', async () => {
    const inc = sim.createIncident({ title: 'flappy' });
    const snooze = (duration: number) =>
      call(`${sim.url}/incidents/${inc.id}/snooze`, { method: 'POST', headers: WRITE, body: { duration } });
    const early = await snooze(600);
    expect(early.status).toBe(400);
    await put(inc.id, { status: 'acknowledged' });
    expect((await snooze(0)).status).toBe(400);
    expect((await snooze(604801)).status).toBe(400);
    const ok = await snooze(600);
    expect(ok.status).toBe(201);
    expect(ok.body.incident.pending_actions[0]).toMatchObject({ type: 'unacknowledge' });
    time.advance(599_000);
    expect((await call(`${sim.url}/incidents/${inc.id}`)).body.incident.status).toBe('acknowledged');
    time.advance(1000);
    const after = await call(`${sim.url}/incidents/${inc.id}`);
    expect(after.body.incident.status).toBe('triggered');
    expect(after.body.incident.acknowledgements).toEqual([]);
    const types = sim.record().incidents[0]!.history.map((h) => h.type);
    expect(types).toEqual(['trigger', 'assign', 'acknowledge', 'snooze', 'unacknowledge']);
  });

  it('adds notes and shows them in the log', async () => {
    const inc = sim.createIncident({ title: 'x' });
    const r = await call(`${sim.url}/incidents/${inc.id}/notes`, {
      method: 'POST',
      headers: WRITE,
      body: { note: { content: 'looking' } },
    });
    expect(r.status).toBe(200);
    expect(r.body.note).toMatchObject({ content: 'looking', user: { id: SIM_ME.id } });
    const log = await call(`${sim.url}/incidents/${inc.id}/log_entries`);
    expect(log.body.log_entries.at(-1)).toMatchObject({ type: 'annotate_log_entry', note: 'looking' });
  });

  it('escalates and reassigns with new assignment times', async () => {
    const inc = sim.createIncident({ title: 'etl', service: 'data-pipeline', assignee: 'other' });
    expect(inc.assignments[0]!.assignee.id).toBe(SIM_TEAMMATES[2]!.id);
    time.advance(90_000);
    const esc = await put(inc.id, { escalation_level: 2 });
    expect(esc.body.incident.assignments).toEqual([
      expect.objectContaining({
        at: new Date(time.now()).toISOString(),
        assignee: expect.objectContaining({ id: SIM_ME.id }),
      }),
    ]);
    const re = await put(inc.id, {
      assignments: [{ assignee: { id: SIM_TEAMMATES[1]!.id, type: 'user_reference' } }],
    });
    expect(re.body.incident.assignments[0].assignee.id).toBe(SIM_TEAMMATES[1]!.id);
    const hist = sim.record().incidents[0]!.history.map((h) => h.type);
    expect(hist).toContain('escalate');
    expect(sim.record().incidents[0]!.assignedTo.map((a) => a.userId)).toEqual([
      SIM_TEAMMATES[2]!.id,
      SIM_ME.id,
      SIM_TEAMMATES[1]!.id,
    ]);
  });

  it('updates many at once, leaves already-done ones, refuses more than 250', async () => {
    const a = sim.createIncident({ title: 'a' });
    const b = sim.createIncident({ title: 'b' });
    await put(b.id, { status: 'acknowledged' });
    const r = await call(`${sim.url}/incidents`, {
      method: 'PUT',
      headers: WRITE,
      body: {
        incidents: [a, b].map((i) => ({ id: i.id, type: 'incident_reference', status: 'acknowledged' })),
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.incidents.map((i: { status: string }) => i.status)).toEqual([
      'acknowledged',
      'acknowledged',
    ]);
    const many = Array.from({ length: 251 }, () => ({
      id: a.id,
      type: 'incident_reference',
      status: 'resolved',
    }));
    const big = await call(`${sim.url}/incidents`, {
      method: 'PUT',
      headers: WRITE,
      body: { incidents: many },
    });
    expect(big.status).toBe(413);
    expect(sim.record().incidents[0]!.status).toBe('acknowledged');
    const unknown = await call(`${sim.url}/incidents`, {
      method: 'PUT',
      headers: WRITE,
      body: { incidents: [{ id: 'NOPE', type: 'incident_reference', status: 'resolved' }] },
    });
    expect(unknown.status).toBe(404);
  });
});
