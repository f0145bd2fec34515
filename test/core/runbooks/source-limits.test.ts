/**
 * A runbook source can not make the app read without end: an URL's body is cut off while it streams
 * (not after the whole of it is in memory), and a FIFO or a device named as the runbook file is refused
 * without being opened for a blocking read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNBOOK_LIMITS } from '../../../src-main/core/runbooks/format.js';
import { createRunbookReader } from '../../../src-main/core/runbooks/source.js';
import { readRunbookFile } from '../../../src-main/node/history.js';

describe('runbook source limits', () => {
  it('stops reading an endless URL body at the size limit', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += chunk.length;
        c.enqueue(chunk);
      },
    });
    const read = createRunbookReader({
      fetch: async () => new Response(body, { status: 200 }),
      timeoutMs: 60_000,
    });
    await expect(read('https://wiki.example.com/rb.yaml')).rejects.toThrow(/too large/);
    expect(pulled).toBeLessThanOrEqual(RUNBOOK_LIMITS.maxBytes + 4 * chunk.length);
  });

  const dir = mkdtempSync(join(tmpdir(), 'occ-rb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(process.platform !== 'win32')('refuses a FIFO and a device as the runbook file', async () => {
    const fifo = join(dir, 'rb.yaml');
    execFileSync('mkfifo', [fifo]);
    await expect(readRunbookFile(fifo)).rejects.toThrow(/not a regular file/);
    await expect(readRunbookFile('/dev/zero')).rejects.toThrow(/not a regular file/);
  });
});
