/**
 * The loopback receiver against arbitrary redirects: only the exact `state` with a code yields the
 * code; any other state fails the sign-in (never a code), an error is a refusal, another Host or
 * path is ignored; and the PKCE challenge matches the simulator's check for any verifier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s256 } from '../../../src-main/core/simulator/index.js';
import { SignInError } from '../../../src-main/node/oauth/errors.js';
import { startLoopbackReceiver } from '../../../src-main/node/oauth/loopback.js';
import { challengeOf, createPkce } from '../../../src-main/node/oauth/pkce.js';

const STATE = createPkce().state;
const text = fc.string({ maxLength: 60 });

describe('loopback receiver', () => {
  it('yields a code only for the exact state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          state: fc.oneof(text, fc.constant(STATE)),
          code: fc.option(text, { nil: undefined }),
          error: fc.option(text, { nil: undefined }),
        }),
        async (q) => {
          const r = await startLoopbackReceiver({ state: STATE, timeoutMs: 5_000 });
          try {
            const url = new URL(r.redirectUri);
            url.searchParams.set('state', q.state);
            if (q.code !== undefined) url.searchParams.set('code', q.code);
            if (q.error !== undefined) url.searchParams.set('error', q.error);
            const answer = fetch(url);
            const outcome = await r.result.then(
              (cb) => {
                cb.respond(true, 'ok');
                return { code: cb.code } as const;
              },
              (e: unknown) => ({ error: e as SignInError }) as const,
            );
            await answer;
            const good = q.state === STATE && q.error === undefined && !!q.code;
            if (good) expect(outcome).toEqual({ code: q.code });
            else {
              expect('error' in outcome && outcome.error).toBeInstanceOf(SignInError);
              if (q.state !== STATE) expect((outcome as { error: SignInError }).error.reason).toBe('state');
            }
          } finally {
            await r.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('ignores another path or Host, and answers the real redirect after', async () => {
    const r = await startLoopbackReceiver({ state: STATE, timeoutMs: 5_000 });
    const port = new URL(r.redirectUri).port;
    expect((await fetch(`http://127.0.0.1:${port}/other?state=${STATE}&code=x`)).status).toBe(404);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) =>
      request(
        {
          host: '127.0.0.1',
          port,
          path: `/callback?state=${STATE}&code=x`,
          headers: { host: 'evil.example:80' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      ).end(),
    );
    expect(status).toBe(421);
    const answer = fetch(`${r.redirectUri}?state=${STATE}&code=good`);
    const cb = await r.result;
    expect(cb.code).toBe('good');
    cb.respond(true, 'Signed in');
    expect((await answer).status).toBe(200);
    await r.close();
  });

  it('the S256 challenge is the one the identity server computes, for any verifier', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._~-]{43,128}$/), (v) => {
        expect(challengeOf(v)).toBe(s256(v));
        expect(challengeOf(v)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }),
    );
    const p = createPkce();
    expect(p.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.state).not.toBe(createPkce().state);
  });
});
