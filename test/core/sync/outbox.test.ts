/**
 * A kill between "the feed is saved" and "the host has shown it" must lose no page and show none
 * twice: what a poll decided is recorded in an outbox with the feed, marked done once the host's
 * listeners have returned (or their promise settled), and replayed by the next start.
 * "Killed" here: after the chosen point nothing more is written and nothing more is seen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../src-main/core/events.js';
import type { DeliveryJournal, DocumentStore } from '../../../src-main/core/ports.js';
import { FEED_KEY } from '../../../src-main/core/storage/documents.js';
import { createMemoryJournal, type MemoryJournal } from '../../../src-main/core/storage/memory-journal.js';
import { createMemoryStore, type MemoryStore } from '../../../src-main/core/storage/memory-store.js';
import { FakeTime } from '../support/fake-time.js';
import { rig, type Rig } from '../support/harness.js';

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.companion.stop();
  rigs = [];
});

interface Mortal {
  documents: DocumentStore;
  journal: DeliveryJournal;
  kill(): void;
  onWrite?: (key: string) => void;
}

/** A store and a journal that drop every write once killed (the process is gone). */
function mortal(store: MemoryStore, journal: DeliveryJournal): Mortal {
  let dead = false;
  const o: Mortal = {
    kill: () => (dead = true),
    journal: {
      read: () => journal.read(),
      add: (id) => (dead ? undefined : journal.add(id)),
      retain: (keep) => (dead ? undefined : journal.retain(keep)),
    },
    documents: {
      read: (k) => store.read(k),
      async write(k, v) {
        if (dead) return;
        await store.write(k, v);
        o.onWrite?.(k);
      },
      delete: (k) => (dead ? Promise.resolve() : store.delete(k)),
    },
  };
  return o;
}

/** A first run on a store and journal that can be killed. */
function firstRun(): { store: MemoryStore; journal: MemoryJournal; m: Mortal; first: Rig } {
  const store = createMemoryStore();
  const journal = createMemoryJournal();
  const m = mortal(store, journal);
  const first = rig({ documents: m.documents, extra: { journal: m.journal } });
  rigs.push(first);
  return { store, journal, m, first };
}

/** The next run on what `prev` left (same store, journal and PagerDuty incidents), later. */
function nextRun(prev: Rig, store: MemoryStore, journal: MemoryJournal): Rig {
  const next = rig({ store, time: new FakeTime(prev.time.now() + 30_000), extra: { journal } });
  rigs.push(next);
  for (const inc of prev.api.incidents.values()) next.api.put(inc);
  return next;
}

const pages = (events: readonly CoreEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'incident.triggered' ? [e.incident.id] : []));
const notified = (events: readonly CoreEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'notification' ? e.notification.incidentIds : []));

describe('the outbox', () => {
  it('shows, after a restart, a page whose feed was saved before the kill but never shown', async () => {
    const { store, journal, m, first } = firstRun();
    let seenBeforeKill: CoreEvent[] | null = null;
    m.onWrite = (key) => {
      // Killed right after the feed that knows P1 hit the disk, before anyone was told.
      if (key === FEED_KEY && seenBeforeKill === null && store.data.get(FEED_KEY)!.includes('"P1"')) {
        m.kill();
        seenBeforeKill = [...first.events];
      }
    };
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await first.time.advance(0);
    expect(seenBeforeKill).not.toBeNull();
    expect(pages(seenBeforeKill!)).toEqual([]);

    const second = nextRun(first, store, journal);
    await second.companion.start();
    await second.time.advance(0);
    await second.time.advance(10_000);
    expect(pages(second.events)).toEqual(['P1']);
    expect(notified(second.events)).toEqual(['P1']);
  });

  it('does not show again, after a restart, a page the host had shown before the kill', async () => {
    const { store, journal, m, first } = firstRun();
    // Killed just after the listener returned from printing P1's notification.
    first.companion.subscribe((e) => {
      if (e.type === 'notification') queueMicrotask(() => m.kill());
    });
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await first.time.advance(0);
    expect(pages(first.events)).toEqual(['P1']);
    expect(notified(first.events)).toEqual(['P1']);

    const second = nextRun(first, store, journal);
    await second.companion.start();
    await second.time.advance(10_000);
    expect(pages(second.events)).toEqual([]);
    expect(notified(second.events)).toEqual([]);
  });

  it('shows again a notification whose desktop hand-off had not answered at the kill, once', async () => {
    const { store, journal, m, first } = firstRun();
    // The notifier never answers before the kill.
    first.companion.subscribe((e) => (e.type === 'notification' ? new Promise<void>(() => {}) : undefined));
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await first.time.advance(0);
    expect(notified(first.events)).toEqual(['P1']);
    m.kill();

    const second = nextRun(first, store, journal);
    const shown: string[] = [];
    second.companion.subscribe((e) => {
      if (e.type !== 'notification') return undefined;
      return Promise.resolve().then(() => void shown.push(...e.notification.incidentIds));
    });
    await second.companion.start();
    await second.time.advance(10_000);
    expect(notified(second.events)).toEqual(['P1']);
    expect(shown).toEqual(['P1']);
    // The page event itself had been shown (its listeners returned): not again.
    expect(pages(second.events)).toEqual([]);

    const third = nextRun(second, store, journal);
    await third.companion.start();
    await third.time.advance(10_000);
    expect(notified(third.events)).toEqual([]);
  });

  it('without a journal the done marks are saved with the feed, so a clean restart replays nothing', async () => {
    const first = rig();
    rigs.push(first);
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await first.time.advance(0);
    expect(JSON.parse(first.store.data.get(FEED_KEY)!).outbox).toEqual([]);
    const second = rig({ store: first.store, time: new FakeTime(first.time.now() + 30_000) });
    rigs.push(second);
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    await second.companion.start();
    await second.time.advance(10_000);
    expect(pages(second.events)).toEqual([]);
    expect(notified(second.events)).toEqual([]);
  });
});
