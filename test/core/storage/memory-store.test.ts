import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src-main/core/storage/memory-store.js';
import { parseFeed, parsePendingActions } from '../../../src-main/core/storage/documents.js';
import { silentLogger } from '../../../src-main/core/ports.js';

describe('memory store', () => {
  it('round-trips copies, never shared objects', async () => {
    const s = createMemoryStore({ a: { n: 1 } });
    const v = await s.read<{ n: number }>('a');
    v!.n = 2;
    expect(await s.read('a')).toEqual({ n: 1 });
    await s.write('b', [1]);
    expect(s.writes.get('b')).toBe(1);
    await s.delete('b');
    expect(await s.read('b')).toBeUndefined();
  });
});

describe('persisted documents', () => {
  it('ignores a feed of the wrong shape and drops unreadable actions', () => {
    expect(parseFeed({ version: 99 }, silentLogger)).toBeNull();
    expect(parseFeed(undefined, silentLogger)).toBeNull();
    const ok = {
      id: 'a1',
      kind: 'acknowledge',
      incidentIds: ['P1'],
      createdAt: 'x',
      attempts: 0,
      nextAttemptAt: 'x',
      lastError: null,
    };
    expect(parsePendingActions([ok, { id: 'bad' }], silentLogger)).toEqual([ok]);
    expect(parsePendingActions('nope', silentLogger)).toEqual([]);
  });
});
