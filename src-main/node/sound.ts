/**
 * A short audible alert for platforms whose notifier plays none (Linux notify-send). Uses a player
 * found on PATH (`paplay`, `aplay`, `canberra-gtk-play`) and silently does nothing when there is none.
 * macOS and Windows notifications carry their own sound, so there this player stays quiet.
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../core/ports.js';
import { alertSoundWav, escalatedVolume, type AlertSoundName } from './alert-sounds.js';

/** Plays the alert sound; never throws. */
export interface SoundPlayer {
  /** True when this player makes the sound itself (Linux); false when the notifier's sound is used. */
  readonly playsItself: boolean;
  /** Play the chosen sound; `step` > 0 plays it louder (an escalating reminder). */
  play(step?: number): Promise<void>;
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
  /** The user's sound and volume (0-100) now; default chime at 80. */
  choice?: () => { sound: AlertSoundName; volume: number };
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
  const wavs = new Map<string, Buffer>();
  const wavFor = (step: number): Buffer => {
    const c = opts.choice?.() ?? { sound: 'chime' as const, volume: 80 };
    const volume = Math.round(escalatedVolume(c.volume / 100, step) * 100);
    const key = `${c.sound}:${volume}`;
    let w = wavs.get(key);
    if (!w) {
      w = alertSoundWav(c.sound, volume / 100);
      if (wavs.size > 32) wavs.clear();
      wavs.set(key, w);
    }
    return w;
  };

  const runOne = (p: PlayerCommand, path: string, wav: Buffer): Promise<boolean> =>
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
        child.stdin.end(wav);
      }
    });

  return {
    playsItself: true,
    async play(step = 0) {
      chosen ??= LINUX_PLAYERS.filter((p) => which(p.cmd) !== null);
      const wav = wavFor(step);
      for (const p of chosen) {
        const path = which(p.cmd);
        if (path && (await runOne(p, path, wav))) return;
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

/** The default alert (the "chime" at 80 %), as the tests and the asset generator know it. */
export function alertWav(sampleRate = 22050): Buffer {
  return alertSoundWav('chime', 0.8, sampleRate);
}
