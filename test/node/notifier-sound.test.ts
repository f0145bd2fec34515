import type { spawn as nodeSpawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/ports.js';
import { alertWav, createSoundPlayer, findOnPath } from '../../src-main/node/sound.js';

/** A fake spawn whose children exit with the given codes, in order. */
function fakeSpawn(codes: Record<string, number>) {
  const calls: Array<{ cmd: string; args: string[]; stdin: Buffer }> = [];
  const spawn = ((cmd: string, args: string[]) => {
    const child = new EventEmitter() as EventEmitter & { stdin: PassThrough; kill: () => void };
    child.stdin = new PassThrough();
    child.kill = () => {};
    const chunks: Buffer[] = [];
    child.stdin.on('data', (c: Buffer) => chunks.push(c));
    const call = { cmd, args, stdin: Buffer.alloc(0) };
    calls.push(call);
    child.stdin.on('finish', () => (call.stdin = Buffer.concat(chunks)));
    setTimeout(() => child.emit('exit', codes[cmd.split('/').pop() as string] ?? 1), 1);
    return child;
  }) as unknown as typeof nodeSpawn;
  return { spawn, calls };
}

describe('createSoundPlayer', () => {
  it('on Linux pipes a WAV to the first player on PATH that works', async () => {
    const { spawn, calls } = fakeSpawn({ paplay: 1, aplay: 0 });
    const which = (c: string) => (c === 'canberra-gtk-play' ? null : `/usr/bin/${c}`);
    const p = createSoundPlayer({ logger: silentLogger, platform: 'linux', which, spawn });
    expect(p.playsItself).toBe(true);
    await p.play();
    expect(calls.map((c) => c.cmd)).toEqual(['/usr/bin/paplay', '/usr/bin/aplay']);
    expect(calls[1]?.stdin.subarray(0, 4).toString('ascii')).toBe('RIFF');
  });

  it('silently does nothing when no player exists', async () => {
    const { spawn, calls } = fakeSpawn({});
    const p = createSoundPlayer({ logger: silentLogger, platform: 'linux', which: () => null, spawn });
    await expect(p.play()).resolves.toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('leaves macOS and Windows to the notifier', async () => {
    const { spawn, calls } = fakeSpawn({});
    for (const platform of ['darwin', 'win32'] as const) {
      const p = createSoundPlayer({ logger: silentLogger, platform, which: () => '/x', spawn });
      expect(p.playsItself).toBe(false);
      await p.play();
    }
    expect(calls).toHaveLength(0);
  });

  it('makes a valid 16-bit mono PCM WAV', () => {
    const w = alertWav(8000);
    expect(w.toString('ascii', 0, 4)).toBe('RIFF');
    expect(w.toString('ascii', 8, 12)).toBe('WAVE');
    expect(w.readUInt16LE(22)).toBe(1);
    expect(w.readUInt32LE(24)).toBe(8000);
    expect(w.readUInt32LE(40)).toBe(w.length - 44);
  });

  it('finds executables on PATH', () => {
    expect(findOnPath('node', process.env.PATH)).toMatch(/node$/);
    expect(findOnPath('surely-not-a-command-xyz', process.env.PATH)).toBeNull();
  });
});
