/** The bundled alert sounds: three different generated WAVs, scaled by volume, louder when escalating. */
import { describe, expect, it } from 'vitest';
import {
  ALERT_SOUNDS,
  alertSoundWav,
  escalatedVolume,
  reminderStep,
} from '../../src-main/node/alert-sounds.js';

const peak = (wav: Buffer): number => {
  let max = 0;
  for (let i = 44; i + 1 < wav.length; i += 2) max = Math.max(max, Math.abs(wav.readInt16LE(i)));
  return max;
};

describe('alert sounds', () => {
  it('offers three valid, different PCM WAVs', () => {
    expect(ALERT_SOUNDS.length).toBeGreaterThanOrEqual(3);
    const wavs = ALERT_SOUNDS.map((n) => alertSoundWav(n, 1, 8000));
    for (const w of wavs) {
      expect(w.toString('ascii', 0, 4)).toBe('RIFF');
      expect(w.toString('ascii', 8, 12)).toBe('WAVE');
      expect(w.readUInt32LE(40)).toBe(w.length - 44);
      expect(peak(w)).toBeGreaterThan(10_000);
    }
    expect(new Set(wavs.map((w) => w.toString('base64'))).size).toBe(ALERT_SOUNDS.length);
  });

  it('scales with the volume, and a silent volume is silent', () => {
    const loud = peak(alertSoundWav('pulse', 1, 8000));
    const half = peak(alertSoundWav('pulse', 0.5, 8000));
    expect(Math.abs(half / loud - 0.5)).toBeLessThan(0.02);
    expect(peak(alertSoundWav('siren', 0, 8000))).toBe(0);
  });

  it('escalates reminders louder, up to full volume', () => {
    expect(escalatedVolume(0.4, 0)).toBe(0.4);
    expect(escalatedVolume(0.4, 2)).toBeCloseTo(0.6);
    expect(escalatedVolume(0.9, 5)).toBe(1);
    expect(reminderStep('reminder:P1:1700000000000:3')).toBe(3);
    expect(reminderStep('page:P1')).toBe(0);
  });
});
