import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsSecret,
  createPagerDutyClient,
  redactSecrets,
  redactingLogger,
} from '../../../src-main/core/pagerduty/index.js';
import type { Logger } from '../../../src-main/core/ports.js';
import { fakeFetch, json, networkError } from './fake-fetch.js';
import { incident, page } from './fixtures.js';

/** PagerDuty-like tokens (user API keys are 20 chars of [A-Za-z0-9_+-]), plus odd characters. */
const tokenArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_+-]{8,40}$/),
  fc.string({ minLength: 8, maxLength: 30 }).filter((s) => s.trim().length >= 8),
);

/** Everything an error exposes: message, stack, cause chain, own fields, util.inspect. */
function exposure(e: unknown): string {
  const parts: string[] = [inspect(e, { depth: 10, showHidden: true })];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof Error) parts.push(cur.message, String(cur.stack), JSON.stringify(cur));
    else parts.push(JSON.stringify(cur) ?? String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return parts.join('\n');
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

type Scenario =
  | { type: 'echo-object'; status: number }
  | { type: 'echo-string'; status: number }
  | { type: 'network'; code: string }
  | { type: 'bad-items' }
  | { type: 'token-in-base-url' }
  | { type: 'invalid-base-url' };

const scenarioArb: fc.Arbitrary<Scenario> = fc.oneof(
  fc.record({
    type: fc.constant('echo-object' as const),
    status: fc.constantFrom(400, 401, 402, 403, 404, 409, 413, 429, 500, 503),
  }),
  fc.record({ type: fc.constant('echo-string' as const), status: fc.constantFrom(400, 401, 403, 500) }),
  fc.record({
    type: fc.constant('network' as const),
    code: fc.constantFrom('ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'EWEIRD'),
  }),
  fc.constant({ type: 'bad-items' as const }),
  fc.constant({ type: 'token-in-base-url' as const }),
  fc.constant({ type: 'invalid-base-url' as const }),
);

describe('redactSecrets', () => {
  it('removes every raw, URL-encoded and JSON-escaped occurrence (property)', () => {
    fc.assert(
      fc.property(tokenArb, fc.array(fc.string(), { maxLength: 5 }), (token, pieces) => {
        const text = [
          ...pieces,
          token,
          `https://api.pagerduty.com/incidents?token=${encodeURIComponent(token)}`,
          JSON.stringify({ error: { message: `bad token ${token}` } }),
          `Token token=${token}${token}`,
        ].join(pieces[0] ?? ' ');
        const out = redactSecrets(text, [token]);
        expect(out.includes(token)).toBe(false);
        expect(out.includes(encodeURIComponent(token))).toBe(false);
        expect(out.includes(JSON.stringify(token).slice(1, -1))).toBe(false);
        expect(containsSecret(out, [token])).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves text without secrets alone, even when the secret is the marker itself', () => {
    expect(redactSecrets('nothing here', ['y_NbAkKc66ryYTWUXYEu'])).toBe('nothing here');
    expect(redactSecrets('x REDACTED y', ['REDACTED'])).not.toContain('REDACTED');
    expect(redactSecrets('anything', [''])).toBe('anything');
  });

  it('redacts short tokens (like the simulator\'s "x") only where they stand alone', () => {
    expect(redactSecrets('Token token=x; max x', ['x'])).toBe('Token token=[REDACTED]; max [REDACTED]');
  });

  it('redactingLogger redacts messages and nested fields', () => {
    const inner = recordingLogger();
    const log = redactingLogger(inner, ['s3cr3t-token-value']);
    log.warn('saw s3cr3t-token-value', {
      a: { b: ['s3cr3t-token-value'] },
      e: new Error('s3cr3t-token-value'),
    });
    expect(inner.lines.join('')).not.toContain('s3cr3t-token-value');
    expect(inner.lines[0]).toContain('[REDACTED]');
  });
});

describe('the client never exposes the token (property)', () => {
  it('in errors, causes, log lines or listings, whatever the server echoes', async () => {
    await fc.assert(
      fc.asyncProperty(tokenArb, scenarioArb, async (token, scenario) => {
        const logger = recordingLogger();
        const tokenUrl = `https://api.pagerduty.com/incidents?token=${encodeURIComponent(token)}`;
        const fake = fakeFetch(() => {
          switch (scenario.type) {
            case 'echo-object':
              return json(
                scenario.status,
                { error: { message: `Token ${token} is not valid`, code: 2006, errors: [token, tokenUrl] } },
                { 'ratelimit-reset': '1' },
              );
            case 'echo-string':
              return json(scenario.status, { error: `account-level key ${token}` });
            case 'network':
              throw Object.assign(networkError(scenario.code, `connect failed for ${tokenUrl} ${token}`), {
                headers: { Authorization: `Token token=${token}` },
              });
            case 'bad-items':
              return json(
                200,
                page(
                  'incidents',
                  [incident(1), incident(2, { id: token, status: token }), { id: token, [token]: 1 }],
                  0,
                  100,
                  false,
                ),
              );
            default:
              throw networkError('ECONNREFUSED', `connect ECONNREFUSED ${tokenUrl}`);
          }
        });
        let baseUrl = 'https://api.pagerduty.com';
        if (scenario.type === 'token-in-base-url')
          baseUrl = `https://api.pagerduty.com/${encodeURIComponent(token)}`;
        if (scenario.type === 'invalid-base-url') baseUrl = `not a url ${token}`;

        const seen: string[] = [];
        try {
          const client = createPagerDutyClient({
            baseUrl,
            token,
            fetch: fake.fetch,
            logger,
            fromEmail: 'me@acme.example',
          });
          const listing = await client.listIncidents({}).catch((e: unknown) => {
            seen.push(exposure(e));
            return null;
          });
          if (listing) seen.push(JSON.stringify(listing.skipped));
          await client.updateIncidents(['PA', 'PB'], 'resolved').then(
            (r) => seen.push(JSON.stringify(r)),
            (e: unknown) => seen.push(exposure(e)),
          );
          await client.getMe().catch((e: unknown) => seen.push(exposure(e)));
        } catch (e) {
          seen.push(exposure(e));
        }
        seen.push(...logger.lines);
        const all = seen.join('\n');
        expect(all.length).toBeGreaterThan(0);
        expect(containsSecret(all, [token])).toBe(false);
        // The token did reach the server: in the Authorization header only.
        for (const r of fake.requests) expect(r.rawHeaders.Authorization).toBe(`Token token=${token}`);
      }),
      { numRuns: 200 },
    );
  });
});
