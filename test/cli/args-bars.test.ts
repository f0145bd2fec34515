/** The command-line flags this branch adds: --format for status and watch, --simulate-update for preview. */
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src-main/cli/args.js';

describe('status-bar flags', () => {
  it('status takes --format text|json|line|waybar|xbar; --json is --format json', () => {
    for (const f of ['text', 'json', 'line', 'waybar', 'xbar'])
      expect(parseCli(['status', '--format', f])).toMatchObject({
        name: 'status',
        format: f,
        json: f === 'json',
      });
    expect(parseCli(['status', '--json'])).toMatchObject({ format: 'json', json: true });
    expect(parseCli(['status'])).toMatchObject({ format: 'text', json: false });
    expect(() => parseCli(['status', '--format', 'polybar'])).toThrow(
      /--format must be one of text, json, line, waybar, xbar/,
    );
    expect(() => parseCli(['status', '--json', '--format', 'line'])).toThrow(UsageError);
  });

  it('watch takes --format line (and not the one-shot bar formats)', () => {
    expect(parseCli(['watch', '--format', 'line'])).toMatchObject({
      name: 'watch',
      format: 'line',
      json: false,
    });
    expect(parseCli(['watch', '--json'])).toMatchObject({ format: 'json', json: true });
    expect(() => parseCli(['watch', '--format', 'waybar'])).toThrow(/text, json, line/);
  });

  it('preview --simulate-update needs a version', () => {
    expect(parseCli(['preview', '--simulate-update', '0.2.0'])).toMatchObject({ simulateUpdate: '0.2.0' });
    expect(parseCli(['preview'])).toMatchObject({ simulateUpdate: null });
    expect(() => parseCli(['preview', '--simulate-update', 'soon'])).toThrow(/version such as 1\.2\.3/);
  });
});
