import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-main/core/domain.js';
import { rig, type Rig } from '../support/harness.js';

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

/** A rig whose API keeps notes in the incident log; `reach` says whether each send lands before it hangs. */
async function noteRig(behaviour: Array<'ok' | 'lands-then-hangs' | 'hangs'>) {
  const r = rig();
  rigs.push(r);
  r.api.create({ id: 'P1' });
  await r.companion.start();
  await r.time.advance(0);
  const notes: LogEntry[] = [];
  let sends = 0;
  r.api.addNote = async (_id, content) => {
    const how = behaviour[sends++] ?? 'ok';
    if (how !== 'hangs') {
      notes.push({
        id: `N${notes.length}`,
        type: 'annotate_log_entry',
        createdAt: new Date(r.time.now()).toISOString(),
        summary: 'Note added',
        agent: null,
        content,
      });
    }
    if (how !== 'ok') await new Promise<never>(() => undefined);
  };
  r.api.listLogEntries = async () => ({ items: [...notes], skipped: [] });
  return { r, notes, sends: () => sends };
}

describe('notes are added exactly once', () => {
  it('a note whose send reached PagerDuty but timed out is not added again on retry', async () => {
    const { r, notes, sends } = await noteRig(['lands-then-hangs']);
    await r.companion.addNote('P1', 'restarted the db');
    await r.time.advance(40_000); // the hung send is abandoned; the retry reads the log first
    expect(notes.map((n) => n.content)).toEqual(['restarted the db']);
    expect(sends()).toBe(1);
    expect(r.of('action.done')).toHaveLength(1);
  });

  it('a note whose timed-out send never arrived is sent again, once', async () => {
    const { r, notes, sends } = await noteRig(['hangs', 'ok']);
    await r.companion.addNote('P1', 'rolled back');
    await r.time.advance(40_000);
    expect(notes.map((n) => n.content)).toEqual(['rolled back']);
    expect(sends()).toBe(2);
    expect(r.of('action.done')).toHaveLength(1);
  });

  it('the first send of a fresh note does not read the log', async () => {
    const { r, notes } = await noteRig(['ok']);
    let reads = 0;
    const list = r.api.listLogEntries.bind(r.api);
    r.api.listLogEntries = async (id, o) => {
      reads++;
      return list(id, o);
    };
    await r.companion.addNote('P1', 'same text');
    await r.time.advance(1000);
    expect(notes).toHaveLength(1);
    expect(reads).toBe(0);
  });
});
