import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileAppendLog, repairTail } from '../../src-main/node/append-log.js';
import type { Logger } from '../../src-main/core/ports.js';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await fs.mkdtemp(join(tmpdir(), 'oncall-applog-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
}

/** Runs the child until it has acknowledged at least `minAcked` (and a little more), then SIGKILLs it. */
function runAndKill(path: string, minAcked: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url)), path],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let acked = -1;
  let buf = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let target = -1;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) acked = Math.max(acked, Number(l));
      if (target < 0 && acked >= minAcked) target = acked + 1 + Math.floor(Math.random() * 20);
      if (target >= 0 && acked >= target && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited without being killed: ${stderr}`));
    });
  });
}

describe('file append log', () => {
  it('appends whole lines and reads them back after reopening', async () => {
    const path = join(await tmp(), 'sub', 'history.jsonl');
    const log = await openFileAppendLog(path);
    await log.append(['{"a":1}', '{"a":2}']);
    await log.append(['{"a":3}']);
    await log.close();
    const again = await openFileAppendLog(path);
    expect(await again.readAll()).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    await expect(again.append(['two\nlines'])).rejects.toThrow(/one line/);
    await again.close();
  });

  it('skips, warns about and truncates a torn last line', async () => {
    const path = join(await tmp(), 'history.jsonl');
    await fs.writeFile(path, '{"a":1}\n{"a":2}\n{"a":3, "tor');
    const logger = recordingLogger();
    const log = await openFileAppendLog(path, { logger });
    expect(logger.warnings.join()).toMatch(/torn/);
    expect(await log.readAll()).toEqual(['{"a":1}', '{"a":2}']);
    await log.append(['{"a":4}']);
    expect(await fs.readFile(path, 'utf8')).toBe('{"a":1}\n{"a":2}\n{"a":4}\n');
    await log.close();
    expect(await repairTail(path)).toBe(0);
  });

  it('truncates a file that is one torn line', async () => {
    const path = join(await tmp(), 'history.jsonl');
    await fs.writeFile(path, 'x'.repeat(70_000));
    const log = await openFileAppendLog(path);
    expect(await log.readAll()).toEqual([]);
    expect((await fs.stat(path)).size).toBe(0);
    await log.close();
  });

  it('cuts a partly written batch when the disk is full, so the next append starts a clean line', async () => {
    const path = join(await tmp(), 'history.jsonl');
    const realOpen = fs.open.bind(fs);
    let failNext = false;
    const spy = vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
      const h = await realOpen(...args);
      const realWrite = h.write.bind(h) as (data: string) => Promise<unknown>;
      (h as { write: unknown }).write = async (data: string) => {
        if (!failNext) return realWrite(data);
        failNext = false;
        await realWrite(data.slice(0, 5)); // part of the batch reached the disk, then it was full
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      };
      return h;
    });
    try {
      const log = await openFileAppendLog(path);
      await log.append(['{"a":1}']);
      failNext = true;
      await expect(log.append(['{"a":2}', '{"a":3}'])).rejects.toThrow(/ENOSPC/);
      await log.append(['{"a":4}']);
      failNext = true;
      await expect(log.replaceAll(['{"a":4}'])).rejects.toThrow(/ENOSPC/);
      await log.append(['{"a":5}']);
      expect(await log.readAll()).toEqual(['{"a":1}', '{"a":4}', '{"a":5}']);
      await log.close();
    } finally {
      spy.mockRestore();
    }
    expect(await fs.readdir(join(path, '..'))).toEqual(['history.jsonl']);
  });

  it('compacts atomically with replaceAll', async () => {
    const path = join(await tmp(), 'history.jsonl');
    const log = await openFileAppendLog(path);
    await log.append(['1', '2', '3']);
    await log.replaceAll(['3']);
    await log.append(['4']);
    expect(await log.readAll()).toEqual(['3', '4']);
    await log.close();
    expect((await fs.readdir(join(path, '..'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('loses nothing acknowledged and corrupts nothing when the writer is killed mid-write', async () => {
    const path = join(await tmp(), 'history.jsonl');
    let lastAcked = -1;
    for (let round = 0; round < 3; round++) {
      const acked = await runAndKill(path, lastAcked + 30);
      const log = await openFileAppendLog(path, { logger: recordingLogger() });
      const lines = await log.readAll();
      await log.close();
      const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq); // every line parses
      expect(seqs.length).toBeGreaterThan(acked); // every acknowledged record is there
      expect(seqs).toEqual(seqs.map((_, i) => i)); // in order, none torn, none duplicated
      const text = await fs.readFile(path, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      lastAcked = acked;
    }
  }, 60_000);
});
