/**
 * A damaged state file is never put aside silently: the warning reaches the host's logger (stderr in
 * the CLI), the sync status says so (the UI's banner), and a damaged action queue is kept on disk
 * under the name the message gives, with the words that queued actions may not have been sent.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src-main/core/ports.js';
import { startSimulator, type Simulator } from '../../src-main/core/simulator/index.js';
import { openSource, sourceDataDir, type OpenedSource } from '../../src-main/node/source.js';

let sim: Simulator | null = null;
let opened: OpenedSource | null = null;
let base = '';
afterEach(async () => {
  await opened?.close();
  await sim?.close();
  if (base) await rm(base, { recursive: true, force: true });
  opened = null;
  sim = null;
});

describe('damaged state files', () => {
  it('are reported on the logger and in the sync status, and the action queue copy is kept', async () => {
    sim = await startSimulator({ port: 0 });
    base = await mkdtemp(join(tmpdir(), 'occ-damaged-'));
    const dir = sourceDataDir(base, { kind: 'pagerduty', apiUrl: sim.url });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'feed.json'), '{"version":1,"incid');
    await writeFile(join(dir, 'actions.json'), '[{"id":"act-1","kind":"acknowle');
    const lines: string[] = [];
    const log =
      (level: string) =>
      (msg: string, fields?: Record<string, unknown>): void =>
        void lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
    const logger: Logger = { debug: () => {}, info: log('info'), warn: log('warn'), error: log('error') };
    opened = await openSource({ token: 'damaged-token', apiUrl: sim.url, dataDir: base, logger });
    await opened.companion.start();
    const end = Date.now() + 10_000;
    while (opened.companion.snapshot().sync.state === 'starting' && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));

    const aside = (await readdir(dir)).filter((f) => f.includes('.corrupt-'));
    expect(aside.some((f) => f.startsWith('actions.json.corrupt-'))).toBe(true);
    expect(aside.some((f) => f.startsWith('feed.json.corrupt-'))).toBe(true);
    const warned = lines.filter((l) => l.includes('unreadable')).join('\n');
    expect(warned).toMatch(/feed/);
    expect(warned).toMatch(/actions/);
    expect(lines.join('\n')).toMatch(/may not have been sent/);

    const sync = opened.companion.snapshot().sync;
    expect(sync.state).toBe('live');
    const damaged = sync.state === 'live' ? sync.damaged : undefined;
    expect(damaged).toMatch(/actions\.json\.corrupt-/);
  });
});
