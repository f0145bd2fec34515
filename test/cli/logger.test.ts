import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodeLogger, levelFor, REDACTED } from '../../src-main/node/logger.js';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = createNodeLogger({ level, write: (l) => lines.push(l), now: () => 0 });
  return { logger, lines };
}

describe('createNodeLogger', () => {
  it('writes one line per entry with time, level, message and fields', () => {
    const { logger, lines } = capture();
    logger.warn('poll failed', { kind: 'server', status: 503, reason: 'two words', nested: { a: 1 } });
    expect(lines).toEqual([
      '1970-01-01T00:00:00.000Z WARN  poll failed kind=server status=503 reason="two words" nested={"a":1}\n',
    ]);
  });

  it('drops entries below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.error('e');
    expect(lines).toHaveLength(1);
    expect(levelFor(true)).toBe('debug');
    expect(levelFor(false)).toBe('warn');
  });

  it('keeps multi-line messages on one line', () => {
    const { logger, lines } = capture();
    logger.error('a\nb', { stack: 'x\ny' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.slice(0, -1)).not.toContain('\n');
  });

  it('redacts a registered secret wherever it appears, also URL-encoded', () => {
    const { logger, lines } = capture();
    logger.addSecret('u+abc/def=');
    logger.info('token u+abc/def= in message', {
      header: 'Token token=u+abc/def=',
      url: 'x?t=u%2Babc%2Fdef%3D',
    });
    expect(lines[0]).not.toContain('u+abc/def=');
    expect(lines[0]).not.toContain('u%2Babc%2Fdef%3D');
    expect(lines[0]?.split(REDACTED)).toHaveLength(4);
    expect(logger.redact('a u+abc/def= b')).toBe(`a ${REDACTED} b`);
  });

  it('never lets any registered secret through (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim() === s && !/\s/.test(s)),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          const { logger, lines } = capture();
          logger.addSecret(secret);
          logger.warn(`${before}${secret}${after}`, { field: `${after}${secret}` });
          expect(lines[0]).not.toContain(secret);
        },
      ),
    );
  });

  it('does not throw when stderr is gone', () => {
    const logger = createNodeLogger({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => logger.error('x')).not.toThrow();
  });
});
