import { describe, expect, it } from 'vitest';
import { SIM_ME, SIM_TEAMMATES, type Simulator } from '../../../src-main/core/simulator/index.js';
import type { FakeTime } from './fake-time.js';
import { call, simulatorOnFakeTime } from './fake-time.js';

let sim: Simulator;
let time: FakeTime;
simulatorOnFakeTime((started) => ({ sim, time } = started), 'all');

const post = (body: unknown) => call(`${sim.url}/__sim/incidents`, { method: 'POST', body });
const recordOf = (id: string) => sim.record().incidents.find((i) => i.id === id)!;

describe('POST /__sim/incidents: ageSeconds and acknowledgedBy', () => {
  it('ageSeconds creates it that long ago, in every timestamp and the first log entry', async () => {
    const r = await post({ title: 'Old one', ageSeconds: 5400 });
    expect(r.status).toBe(201);
    const created = time.now() - 5_400_000;
    expect(Date.parse(r.body.incident.created_at)).toBe(created);
    expect(r.body.incident.status).toBe('triggered');
    const rec = recordOf(r.body.incident.id);
    expect(rec.history.map((h) => [h.type, Date.parse(h.at)])).toEqual([
      ['trigger', created],
      ['assign', created],
    ]);
    expect(rec.assignedTo).toEqual([{ userId: SIM_ME.id, at: new Date(created).toISOString() }]);
  });

  it('acknowledgedBy me: acknowledged by me halfway since creation', async () => {
    const r = await post({ title: 'Acked by me', ageSeconds: 600, acknowledgedBy: 'me' });
    expect(r.status).toBe(201);
    expect(r.body.incident.status).toBe('acknowledged');
    expect(r.body.incident.acknowledgements).toEqual([
      expect.objectContaining({
        at: new Date(time.now() - 300_000).toISOString(),
        acknowledger: expect.objectContaining({ id: SIM_ME.id }),
      }),
    ]);
    const rec = recordOf(r.body.incident.id);
    expect(rec).toMatchObject({ ackedBy: SIM_ME.id, ackedAt: new Date(time.now() - 300_000).toISOString() });
    expect(rec.history.map((h) => h.type)).toEqual(['trigger', 'assign', 'acknowledge']);
  });

  it('acknowledgedBy other on my page: the teammate is added to the assignees, then acknowledges', async () => {
    const r = await post({ title: 'Helped', acknowledgedBy: 'other', ageSeconds: 120 });
    const ids = (r.body.incident.assignments as Array<{ assignee: { id: string } }>).map(
      (a) => a.assignee.id,
    );
    expect(ids).toEqual([SIM_ME.id, SIM_TEAMMATES[0]!.id]);
    const rec = recordOf(r.body.incident.id);
    expect(rec.ackedBy).toBe(SIM_TEAMMATES[0]!.id);
    expect(rec.history.map((h) => h.type)).toEqual(['trigger', 'assign', 'assign', 'acknowledge']);
  });

  it("acknowledgedBy other on a teammate's page: that teammate acknowledges, still not mine", async () => {
    const r = await post({ title: 'Theirs', assignee: 'other', acknowledgedBy: 'other' });
    const rec = recordOf(r.body.incident.id);
    expect(rec.assignedTo.map((a) => a.userId)).not.toContain(SIM_ME.id);
    expect(rec.ackedBy).toBe(rec.assignedTo[0]!.userId);
    expect(Date.parse(rec.ackedAt!)).toBe(time.now());
  });

  it.each([
    [{ title: 'x', ageSeconds: -1 }],
    [{ title: 'x', ageSeconds: 'ten' }],
    [{ title: 'x', ageSeconds: 31 * 86_400 }],
    [{ title: 'x', acknowledgedBy: 'nobody' }],
    [{ title: 'x', acknowledgedBy: true }],
  ])('rejects %j with 400 and creates nothing', async (body) => {
    const before = sim.record().incidents.length;
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(sim.record().incidents).toHaveLength(before);
  });

  it('createIncident validates the same way', () => {
    expect(() => sim.createIncident({ title: 'x', ageSeconds: -5 })).toThrow(/Invalid incident/);
  });
});
