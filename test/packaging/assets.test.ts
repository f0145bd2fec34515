import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { trayIconName, type TrayMode } from '../../src-main/electron/tray-state.js';
import { appIconPath, trayIconPath } from '../../src-main/electron/assets-path.js';
import { readPng } from './png.js';

const ROOT = process.cwd();
const MODES: TrayMode[] = ['off_call', 'on_call', 'degraded', 'pages'];
const names = [
  ...new Set(MODES.flatMap((m) => Array.from({ length: 12 }, (_, i) => trayIconName(m, i + 1)))),
];

function icoSizes(buf: Buffer): number[] {
  expect(buf.readUInt16LE(0)).toBe(0);
  expect(buf.readUInt16LE(2)).toBe(1);
  const n = buf.readUInt16LE(4);
  return Array.from({ length: n }, (_, i) => buf[6 + 16 * i] || 256);
}

describe('icons and sounds in assets/', () => {
  it('has every tray icon the tray can ask for, on every platform, at 1x and 2x', () => {
    expect(names).toHaveLength(13);
    for (const name of names) {
      for (const platform of ['linux', 'darwin'] as const) {
        const one = trayIconPath(ROOT, name, platform);
        const two = one.replace(/\.png$/, '@2x.png');
        expect(readPng(readFileSync(one))).toMatchObject({ width: 16, height: 16 });
        expect(readPng(readFileSync(two))).toMatchObject({ width: 32, height: 32 });
      }
      const ico = readFileSync(trayIconPath(ROOT, name, 'win32'));
      expect(icoSizes(ico)).toEqual([16, 24, 32, 48]);
    }
  });

  it('draws macOS template images in black and alpha only, with something visible', () => {
    for (const name of names) {
      const png = readPng(readFileSync(trayIconPath(ROOT, name, 'darwin').replace(/\.png$/, '@2x.png')));
      const px = png.rgba!;
      let opaque = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3]! > 0) {
          opaque++;
          expect(Math.max(px[i]!, px[i + 1]!, px[i + 2]!), name).toBeLessThan(16);
        }
      }
      expect(opaque, name).toBeGreaterThan(50);
    }
  });

  it('draws a different picture for each count', () => {
    const seen = new Set(
      names.map((n) =>
        readFileSync(trayIconPath(ROOT, n, 'linux').replace(/\.png$/, '@2x.png')).toString('base64'),
      ),
    );
    expect(seen.size).toBe(names.length);
  });

  it('has the app icon at 512 and 1024, an .ico up to 256, and the notification icon', () => {
    expect(readPng(readFileSync(appIconPath(ROOT, 'linux')))).toMatchObject({ width: 512, height: 512 });
    expect(readPng(readFileSync(join(ROOT, 'assets/app/png/1024x1024.png')))).toMatchObject({ width: 1024 });
    expect(readPng(readFileSync(join(ROOT, 'assets/app/png/256x256.png')))).toMatchObject({ width: 256 });
    expect(icoSizes(readFileSync(appIconPath(ROOT, 'win32')))).toContain(256);
    expect(existsSync(join(ROOT, 'assets/source/mark.svg'))).toBe(true);
  });

  it('has a short alert sound', () => {
    const wav = readFileSync(join(ROOT, 'assets/sounds/alert.wav'));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    const seconds = wav.readUInt32LE(40) / wav.readUInt32LE(28);
    expect(seconds).toBeGreaterThan(0.1);
    expect(seconds).toBeLessThan(2);
    expect(statSync(join(ROOT, 'assets/sounds/alert.wav')).size).toBeLessThan(100_000);
  });
});

describe('asset paths', () => {
  it('point external programs at the unpacked copy', async () => {
    const { notificationIconPath, unpackedPath } = await import('../../src-main/electron/assets-path.js');
    expect(notificationIconPath('/opt/app/resources/app.asar')).toBe(
      '/opt/app/resources/app.asar.unpacked/assets/app/png/256x256.png',
    );
    expect(notificationIconPath(ROOT)).toBe(join(ROOT, 'assets/app/png/256x256.png'));
    expect(unpackedPath('C:\\app\\resources\\app.asar\\assets\\x.png')).toBe(
      'C:\\app\\resources\\app.asar.unpacked\\assets\\x.png',
    );
  });
});
