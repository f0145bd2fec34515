import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { promises as fsp } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileStore } from '../../src-main/node/file-store.js';
import type { Logger } from '../../src-main/core/ports.js';
import { FakeTime } from '../core/support/fake-time.js';
import { rig } from '../core/support/harness.js';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'occ-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };
}

describe('createFileStore', () => {
  it('creates the folder 0700 and round-trips JSON documents, one file per key', async () => {
    const dir = path.join(root, 'data', 'nested');
    const store = createFileStore(dir);
    expect(await store.read('feed')).toBeUndefined();
    await store.write('feed', { a: 1, list: ['x'] });
    expect(await store.read('feed')).toEqual({ a: 1, list: ['x'] });
    if (process.platform !== 'win32') expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual(['feed.json']);
    await store.delete('feed');
    expect(await store.read('feed')).toBeUndefined();
  });

  it('keeps the last of many concurrent writes and leaves no temp files', async () => {
    const store = createFileStore(root);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.write('k', { i })));
    expect(await store.read('k')).toEqual({ i: 19 });
    expect(await readdir(root)).toEqual(['k.json']);
  });

  it('moves a torn file aside, warns, and treats it as missing', async () => {
    const log = recorder();
    const store = createFileStore(root, { logger: log, now: () => 1234 });
    await writeFile(path.join(root, 'actions.json'), '[{"id": "a", "kind": "ackn');
    expect(await store.read('actions')).toBeUndefined();
    expect(log.warnings).toHaveLength(1);
    expect((await readdir(root)).sort()).toEqual(['actions.json.corrupt-1234']);
    expect(await readFile(path.join(root, 'actions.json.corrupt-1234'), 'utf8')).toContain('ackn');
    await store.write('actions', []);
    expect(await store.read('actions')).toEqual([]);
  });

  it('keeps the last good document and leaves no temp file when the disk is full', async () => {
    const store = createFileStore(root);
    await store.write('feed', { v: 1 });
    const realOpen = fsp.open.bind(fsp);
    const spy = vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const h = await realOpen(...args);
      if (String(args[0]).includes('.tmp-')) {
        h.writeFile = async () => {
          await h.write('{"v":'); // a partial write, then the disk is full
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        };
      }
      return h;
    });
    try {
      await expect(store.write('feed', { v: 2 })).rejects.toThrow(/ENOSPC/);
      await expect(store.write('feed', { v: 3 })).rejects.toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    expect(await readdir(root)).toEqual(['feed.json']);
    expect(await store.read('feed')).toEqual({ v: 1 });
  });

  it('rejects keys that could escape the folder', async () => {
    const store = createFileStore(root);
    await expect(store.write('../evil', 1)).rejects.toThrow(/invalid store key/);
    await expect(store.read('a/b')).rejects.toThrow(/invalid store key/);
  });
});

describe('companion on the file store', () => {
  it('delivers an action queued before a kill after a restart on the same data folder', async () => {
    const dir = path.join(root, 'data');
    // Real file I/O takes real turns of the event loop: step fake time and let I/O finish.
    const until = async (t: FakeTime, cond: () => boolean): Promise<void> => {
      for (let i = 0; i < 400 && !cond(); i++) {
        await t.advance(10);
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const first = rig({ documents: createFileStore(dir) });
    first.api.create({ id: 'P1' });
    await first.companion.start();
    await until(first.time, () => first.of('incident.triggered').length > 0);
    // Without a journal the page's "shown" mark rides on the next feed save: wait for it on disk,
    // or a kill now would rightly show the page again after the restart (at least once).
    const outboxOnDisk = async (): Promise<number> => {
      const feed = JSON.parse(await readFile(path.join(dir, 'feed.json'), 'utf8')) as { outbox?: unknown[] };
      return feed.outbox?.length ?? 0;
    };
    for (let i = 0; i < 400 && (await outboxOnDisk()) > 0; i++) {
      await first.time.advance(10);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await outboxOnDisk()).toBe(0);
    first.api.hang.add('updateIncident');
    await first.companion.acknowledge(['P1']);
    await until(first.time, () => first.api.callsOf('updateIncident').length > 0);
    expect(JSON.parse(await readFile(path.join(dir, 'actions.json'), 'utf8'))).toHaveLength(1);

    const time = new FakeTime(first.time.now() + 60_000);
    const second = rig({ documents: createFileStore(dir), time });
    for (const inc of first.api.incidents.values()) second.api.put(inc);
    await second.companion.start();
    await until(time, () => second.of('action.done').length > 0);
    expect(second.api.callsOf('updateIncident')).toHaveLength(1);
    expect(second.of('incident.triggered')).toEqual([]);
    expect(second.of('notification')).toEqual([]);
    await second.companion.stop();
    expect(JSON.parse(await readFile(path.join(dir, 'actions.json'), 'utf8'))).toEqual([]);
  });
});
