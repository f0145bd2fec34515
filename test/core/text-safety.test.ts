/**
 * Server text with terminal escapes (`id=ESC]0;title BEL`, an 8-bit CSI, a bidi override) never
 * reaches a terminal, a log line or the report's Markdown as-is, wherever it is printed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncFailureLine } from '../../src-main/cli/errors.js';
import { safe } from '../../src-main/cli/format.js';
import { mdText } from '../../src-main/core/history/report.js';
import { createPagerDutyClient } from '../../src-main/core/pagerduty/index.js';
import { classifyError } from '../../src-main/core/sync/errors.js';
import { createNodeLogger } from '../../src-main/node/logger.js';
import { fakeFetch, json } from './pagerduty/fake-fetch.js';
import { pdError } from './pagerduty/fixtures.js';

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const EVIL = 'id=\u001b]0;pwned\u0007 \u009b31mred\u001b[0m \u202egnp.exe';
const hostile = fc
  .array(
    fc.oneof(fc.string(), fc.constantFrom('\u001b', '\u0007', '\u009b', '\u009d', '\u202e', '\u2028', '\r')),
  )
  .map((parts) => parts.join(''));

describe('control characters in server text', () => {
  it('are out of classified error messages, CLI lines, report Markdown and log lines', () => {
    const logged: string[] = [];
    const logger = createNodeLogger({ level: 'debug', write: (l) => void logged.push(l) });
    fc.assert(
      fc.property(hostile, (s) => {
        const text = `${EVIL}${s}`;
        logger.warn(text, { error: text, id: text.replace(/\s/g, '') });
        const last = logged.at(-1)!;
        return (
          !UNSAFE.test(classifyError(new Error(text)).message) &&
          !UNSAFE.test(syncFailureLine('server', text)) &&
          !UNSAFE.test(safe(text, 1000)) &&
          !UNSAFE.test(mdText(text, 1000)) &&
          !UNSAFE.test(last.slice(0, -1))
        );
      }),
    );
  });

  it('are out of the client error built from a PagerDuty answer', async () => {
    const fake = fakeFetch(() => json(400, pdError(2001, EVIL, [EVIL])));
    const client = createPagerDutyClient({
      baseUrl: 'https://api.pagerduty.com',
      token: 'tok',
      fetch: fake.fetch,
    });
    const err = (await client.getMe().catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('pwned');
    expect(err.message).not.toMatch(UNSAFE);
  });
});
