/**
 * A short audible alert for platforms whose notifier plays none (Linux notify-send). Uses a player
 * found on PATH (`paplay`, `aplay`, `canberra-gtk-play`) and silently does nothing when there is none.
 * macOS and Windows notifications carry their own sound, so there this player stays quiet.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../core/ports.js';

/** Plays the alert sound; never throws. */
export interface SoundPlayer {
  /** True when this player makes the sound itself (Linux); false when the notifier's sound is used. */
  readonly playsItself: boolean;
  play(): Promise<void>;
}

/** A player candidate: the command and its arguments; `stdin` gets the WAV bytes when set. */
interface PlayerCommand {
  cmd: string;
  args: string[];
  stdinWav: boolean;
}

/** The players tried in order on Linux. */
export const LINUX_PLAYERS: readonly PlayerCommand[] = [
  { cmd: 'paplay', args: [], stdinWav: true },
  { cmd: 'aplay', args: ['-q', '-'], stdinWav: true },
  {
    cmd: 'canberra-gtk-play',
    args: ['-i', 'message-new-instant', '-d', 'On-Call Companion'],
    stdinWav: false,
  },
];

/** Options of {@link createSoundPlayer}; the defaults are the real system. */
export interface SoundPlayerOptions {
  logger: Logger;
  platform?: NodeJS.Platform;
  /** Path of a command on PATH, or null. */
  which?: (cmd: string) => string | null;
  spawn?: typeof nodeSpawn;
  /** Give up on a player after this long. */
  timeoutMs?: number;
}

/** Create the sound player for this platform. */
export function createSoundPlayer(opts: SoundPlayerOptions): SoundPlayer {
  const platform = opts.platform ?? process.platform;
  if (platform !== 'linux' && !platform.endsWith('bsd')) {
    return { playsItself: false, play: async () => {} };
  }
  const which = opts.which ?? findOnPath;
  const spawn = opts.spawn ?? nodeSpawn;
  const timeoutMs = opts.timeoutMs ?? 5000;
  let chosen: PlayerCommand[] | null = null;
  let wav: Buffer | null = null;

  const runOne = (p: PlayerCommand, path: string): Promise<boolean> =>
    new Promise((resolve) => {
      let done = false;
      const finish = (ok: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(ok);
      };
      let child: ReturnType<typeof nodeSpawn>;
      try {
        child = spawn(path, p.args, { stdio: [p.stdinWav ? 'pipe' : 'ignore', 'ignore', 'ignore'] });
      } catch {
        resolve(false);
        return;
      }
      const timer = setTimeout(() => {
        child.kill();
        finish(false);
      }, timeoutMs);
      child.on('error', () => finish(false));
      child.on('exit', (code) => finish(code === 0));
      if (p.stdinWav && child.stdin) {
        child.stdin.on('error', () => {});
        wav ??= alertWav();
        child.stdin.end(wav);
      }
    });

  return {
    playsItself: true,
    async play() {
      chosen ??= LINUX_PLAYERS.filter((p) => which(p.cmd) !== null);
      for (const p of chosen) {
        const path = which(p.cmd);
        if (path && (await runOne(p, path))) return;
      }
      opts.logger.debug('no sound player worked; the notification is silent', {
        tried: chosen.map((p) => p.cmd),
      });
    },
  };
}

/** Find an executable on PATH. */
export function findOnPath(cmd: string, pathEnv = process.env.PATH ?? ''): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, cmd);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return null;
}

/** A two-tone alert (880 Hz then 660 Hz, 0.3 s), 16-bit mono PCM WAV, made in memory: no asset needed. */
export function alertWav(sampleRate = 22050): Buffer {
  const tones = [
    { hz: 880, s: 0.15 },
    { hz: 660, s: 0.15 },
  ];
  const total = tones.reduce((n, t) => n + Math.round(t.s * sampleRate), 0);
  const buf = Buffer.alloc(44 + total * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + total * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(total * 2, 40);
  let i = 0;
  for (const t of tones) {
    const n = Math.round(t.s * sampleRate);
    for (let k = 0; k < n; k++, i++) {
      const fade = Math.min(1, k / 200, (n - k) / 200); // no clicks at the edges
      const v = Math.sin((2 * Math.PI * t.hz * k) / sampleRate) * 0.4 * fade;
      buf.writeInt16LE(Math.round(v * 32767), 44 + i * 2);
    }
  }
  return buf;
}
