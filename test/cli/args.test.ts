import { describe, expect, it } from 'vitest';
import { parseCli, UsageError, type CliCommand } from '../../src-main/cli/args.js';

function usage(argv: string[]): UsageError {
  try {
    parseCli(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

function parsed<N extends CliCommand['name']>(argv: string[], name: N): Extract<CliCommand, { name: N }> {
  const cmd = parseCli(argv);
  expect(cmd.name).toBe(name);
  return cmd as Extract<CliCommand, { name: N }>;
}

describe('parseCli', () => {
  it('shows help with no arguments, --help, or <command> --help', () => {
    expect(parseCli([])).toEqual({ name: 'help', topic: null });
    expect(parseCli(['--help'])).toEqual({ name: 'help', topic: null });
    expect(parseCli(['watch', '--help'])).toEqual({ name: 'help', topic: 'watch' });
    expect(parseCli(['--version'])).toEqual({ name: 'version' });
  });

  it('parses watch with its flags and the source flags', () => {
    const w = parsed(
      [
        'watch',
        '--json',
        '--no-notify',
        '--poll-interval',
        '2',
        '--data-dir',
        '/tmp/x',
        '--from',
        'me@example.com',
      ],
      'watch',
    );
    expect(w.json).toBe(true);
    expect(w.notify).toBe(false);
    expect(w.source).toEqual({
      tokenFile: null,
      apiUrl: null,
      fromEmail: 'me@example.com',
      pollIntervalSeconds: 2,
      dataDir: '/tmp/x',
      verbose: false,
      accountsFile: null,
    });
    expect(parsed(['watch'], 'watch').notify).toBe(true);
    expect(parsed(['watch'], 'watch').handoffLeadMinutes).toBe(30);
    expect(parsed(['watch', '--handoff-lead', '0'], 'watch').handoffLeadMinutes).toBe(0);
    expect(parsed(['watch', '--handoff-lead', '45', '--speed', '60'], 'watch')).toMatchObject({
      handoffLeadMinutes: 45,
      speed: 60,
    });
  });

  it('parses report: the shift, a date range and the format', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(parseCli(['report'], now)).toMatchObject({ period: { kind: 'current' }, format: 'md' });
    expect(parseCli(['report', '--shift', 'last', '--format', 'json'], now)).toMatchObject({
      period: { kind: 'last' },
      format: 'json',
    });
    expect(parseCli(['report', '--since', '7d'], now)).toMatchObject({
      period: { kind: 'range', since: now - 7 * 86_400_000, until: now + 1 },
    });
    expect(
      parseCli(['report', '--since', '2026-11-01T08:00Z', '--until', '2026-11-02T08:00Z'], now),
    ).toMatchObject({
      period: {
        kind: 'range',
        since: Date.parse('2026-11-01T08:00Z'),
        until: Date.parse('2026-11-02T08:00Z'),
      },
    });
  });

  it('parses backfill with its range', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(parseCli(['backfill', '--since', '30d', '--json'], now)).toMatchObject({
      name: 'backfill',
      since: now - 30 * 86_400_000,
      until: now + 1,
      json: true,
    });
  });

  it('parses the action commands', () => {
    const t = (id: string, account: string | null = null) => ({ account, id });
    expect(parsed(['ack', 'P1', 'P2', 'P1'], 'ack')).toMatchObject({ ids: [t('P1'), t('P2')], mine: false });
    expect(parsed(['ack', '--mine'], 'ack')).toMatchObject({ ids: [], mine: true, account: null });
    expect(parsed(['resolve', 'PABC'], 'resolve')).toMatchObject({ ids: [t('PABC')] });
    expect(parsed(['snooze', 'PABC', '2h30m'], 'snooze')).toMatchObject({ id: t('PABC'), seconds: 9000 });
    // An id names its account as ACCOUNT:ID; the same id in two accounts is two targets.
    expect(parsed(['ack', 'team:P1', 'platform:P1', 'team:P1'], 'ack')).toMatchObject({
      ids: [t('P1', 'team'), t('P1', 'platform')],
    });
    expect(parsed(['resolve', 'P1', '--account', 'team'], 'resolve')).toMatchObject({ account: 'team' });
    expect(() => parseCli(['ack', 'bad name:P1'])).toThrow(UsageError);
  });

  it('parses simulator and preview options', () => {
    expect(
      parsed(
        ['simulator', '--port', '4020', '--scenario', 'storm', '--seed', '7', '--speed', '60'],
        'simulator',
      ),
    ).toEqual({ name: 'simulator', port: 4020, scenario: 'storm', seed: 7, speed: 60, verbose: false });
    expect(parsed(['simulator'], 'simulator')).toMatchObject({
      port: 0,
      scenario: 'demo',
      seed: null,
      speed: 1,
    });
    expect(parsed(['preview', '--port', '0', '--scenario', 'quiet'], 'preview')).toMatchObject({
      port: 0,
      scenario: 'quiet',
      speed: null,
    });
  });

  it('accepts http API URLs only on this machine', () => {
    expect(parsed(['status', '--api-url', 'http://127.0.0.1:4020'], 'status').source.apiUrl).toBe(
      'http://127.0.0.1:4020',
    );
    expect(parsed(['status', '--api-url', 'https://api.eu.pagerduty.com'], 'status').source.apiUrl).toBe(
      'https://api.eu.pagerduty.com',
    );
    expect(usage(['status', '--api-url', 'http://api.pagerduty.com']).message).toMatch(/https/);
    expect(usage(['status', '--api-url', 'not a url']).message).toMatch(/full URL/);
  });

  it.each([
    [['watch', '--frobnicate'], /unknown option --frobnicate for watch/],
    [['frob'], /unknown command "frob"/],
    [['--json'], /put the command first/],
    [['snooze', 'PABC', '5 minutes'], /bad duration/],
    [['snooze', 'PABC', '0s'], /bad duration/],
    [['snooze', 'PABC'], /snooze <id> 30m/],
    [['ack'], /ack --mine/],
    [['ack', 'P1', '--mine'], /not both/],
    [['resolve'], /resolve <id/],
    [['watch', '--poll-interval', '1'], /2 to 300/],
    [['watch', '--poll-interval', 'fast'], /2 to 300/],
    [['simulator', '--port', '70000'], /0 to 65535/],
    [['simulator', '--scenario', 'chaos'], /demo, storm, quiet, none/],
    [['simulator', '--speed', '0'], /above 0/],
    [['simulator', '--seed', 'x'], /whole number/],
    [['status', '--from', 'nobody'], /email/],
    [['status', '--port'], /unknown option --port/],
    [['simulator', '--port'], /--port needs a value/],
    [['watch', '--json=yes'], /does not take a value/],
    [['watch', 'extra'], /unexpected argument/],
    [['ack', 'bad id!'], /not an incident id/],
    [['watch', '--handoff-lead', 'soon'], /--handoff-lead must be a whole number of minutes/],
    [['watch', '--handoff-lead', '1.5'], /from 0 \(off\)/],
    [['report', '--shift', 'next'], /--shift must be current or last/],
    [['report', '--shift', 'last', '--since', '1d'], /not both/],
    [['report', '--until', '1d'], /--until needs --since/],
    [['report', '--since', 'yesterday'], /not a date: use e\.g\. 2026-11-01/],
    [['report', '--since', '2026-11-02', '--until', '2026-11-01'], /--since must be before --until/],
    [['report', '--format', 'html'], /--format must be md or json/],
    [['backfill'], /backfill needs --since/],
    [['backfill', '--since', '2026-02-30'], /not a real date/],
    [['backfill', '--since', '1d', 'extra'], /unexpected argument/],
  ])('%j is a usage error', (argv, message) => {
    const err = usage(argv);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/\n/);
  });

  it('never echoes an option value that might be a secret', () => {
    const err = usage(['watch', '--token=s3cr3t-value']);
    expect(err.message).not.toContain('s3cr3t');
    expect(err.message).toMatch(/unknown option --token/);
  });
});
