/**
 * Sign in with PagerDuty against the simulator's identity server, for real over loopback HTTP:
 * the code + PKCE flow, the tokens working on the REST API, and every bad input (wrong state,
 * denied consent, timeout, port in use, a token endpoint redirecting elsewhere, a wrong or
 * missing verifier) failing with a clear message and no tokens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-main/core/simulator/index.js';
import { identityEndpoints, signIn, SignInError } from '../../../src-main/node/oauth/index.js';
import { createPkce } from '../../../src-main/node/oauth/pkce.js';
import { consent } from '../../support/consent.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'none' });
});
afterAll(() => sim.close());

const fetch_ = globalThis.fetch.bind(globalThis);
const endpointsOf = () => identityEndpoints({ apiUrl: sim.url });

async function failure(p: Promise<unknown>): Promise<SignInError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SignInError);
  return e as SignInError;
}

describe('identity endpoints', () => {
  it('default to PagerDuty, follow a compatible --api-url, yield to --identity-url', () => {
    expect(identityEndpoints({}).token).toBe('https://identity.pagerduty.com/oauth/token');
    expect(identityEndpoints({ apiUrl: 'https://api.eu.pagerduty.com' }).authorize).toBe(
      'https://identity.pagerduty.com/oauth/authorize',
    );
    expect(identityEndpoints({ apiUrl: 'http://127.0.0.1:4020/' })).toMatchObject({
      authorize: 'http://127.0.0.1:4020/oauth/authorize',
      token: 'http://127.0.0.1:4020/oauth/token',
      apiUrl: 'http://127.0.0.1:4020',
    });
    expect(
      identityEndpoints({ apiUrl: 'http://127.0.0.1:4020', identityUrl: 'https://id.example.com/x' }).token,
    ).toBe('https://id.example.com/oauth/token');
    expect(() => identityEndpoints({ identityUrl: 'http://id.example.com' })).toThrow(/https/);
  });
});

describe('signIn against the simulator', () => {
  it('consent gives tokens the REST API accepts, with the subdomain and region', async () => {
    let page = '';
    const tokens = await signIn({
      clientId: 'test-client',
      endpoints: endpointsOf(),
      fetch: fetch_,
      onUrl: (url) => {
        expect(url).toMatch(/code_challenge_method=S256/);
        expect(url).toMatch(/redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback/);
        void consent(url, 'allow').then((r) => (page = r.text));
      },
    });
    expect(tokens).toMatchObject({
      subdomain: 'companion-demo',
      region: 'us',
      apiUrl: sim.url,
      scope: 'read write',
    });
    expect(tokens.accessToken).toMatch(/^pdsim\+/);
    const me = await fetch(`${sim.url}/users/me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.status).toBe(200);
    await expect.poll(() => page).toMatch(/Signed in to PagerDuty\. You can close this tab/);
    // A made-up token of the identity server's kind is refused (issued tokens are checked).
    const forged = await fetch(`${sim.url}/users/me`, {
      headers: { authorization: 'Bearer pdsim+forged-token-123' },
    });
    expect(forged.status).toBe(401);
  });

  it('a denied consent is a clear refusal', async () => {
    const e = await failure(
      signIn({
        clientId: 'c',
        endpoints: endpointsOf(),
        fetch: fetch_,
        onUrl: (u) => void consent(u, 'deny'),
      }),
    );
    expect(e.reason).toBe('denied');
    expect(e.message).toMatch(/access was denied in the browser; nothing was stored/);
  });

  it('a redirect with another state is refused and ends the sign-in', async () => {
    let seen = 0;
    const e = await failure(
      signIn({
        clientId: 'c',
        endpoints: endpointsOf(),
        fetch: fetch_,
        onUrl: (u) =>
          void consent(u, 'allow', (l) => {
            l.searchParams.set('state', createPkce().state);
            return l;
          }).then((r) => (seen = r.status)),
      }),
    );
    expect(e.reason).toBe('state');
    expect(e.message).toMatch(/different state/);
    await expect.poll(() => seen).toBe(400);
  });

  it('no answer from the browser times out', async () => {
    const e = await failure(
      signIn({ clientId: 'c', endpoints: endpointsOf(), fetch: fetch_, onUrl: () => {}, timeoutMs: 300 }),
    );
    expect(e.reason).toBe('timeout');
    expect(e.message).toMatch(/tab was closed or the consent never given/);
  });

  it('a redirect port in use is said as such', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    try {
      const e = await failure(
        signIn({ clientId: 'c', endpoints: endpointsOf(), fetch: fetch_, onUrl: () => {}, port }),
      );
      expect(e.reason).toBe('port');
      expect(e.message).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      busy.close();
    }
  });

  it('a token endpoint that redirects to another host is not followed', async () => {
    let hits = 0;
    const other = createServer((_req, res) => {
      hits++;
      res.writeHead(200).end('{}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const bouncer = createServer((req, res) => {
      res.writeHead(307, { location: `${otherUrl}${req.url}` }).end();
    });
    await new Promise<void>((r) => bouncer.listen(0, '127.0.0.1', r));
    const bouncerUrl = `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}`;
    try {
      const ep = { ...endpointsOf(), token: `${bouncerUrl}/oauth/token` };
      const e = await failure(
        signIn({ clientId: 'c', endpoints: ep, fetch: fetch_, onUrl: (u) => void consent(u, 'allow') }),
      );
      expect(e.reason).toBe('redirect');
      expect(e.message).toMatch(/redirected the token request elsewhere/);
      expect(hits).toBe(0);
    } finally {
      other.close();
      bouncer.close();
    }
  });
});

describe('the simulator token endpoint checks PKCE', () => {
  async function code(challenge: string): Promise<{ code: string; redirect: string }> {
    const redirect = 'http://127.0.0.1:9/callback';
    const url = `${sim.url}/oauth/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: 'c',
      redirect_uri: redirect,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;
    const html = await (await fetch(url)).text();
    const id = /name="request_id" value="([^"]+)"/.exec(html)![1]!;
    const post = await fetch(`${sim.url}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: id, decision: 'allow' }).toString(),
      redirect: 'manual',
    });
    return { code: new URL(post.headers.get('location')!).searchParams.get('code')!, redirect };
  }
  const token = (form: Record<string, string>) =>
    fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it('refuses a missing or wrong verifier, and a code used twice', async () => {
    const p = createPkce();
    const c1 = await code(p.challenge);
    expect(
      await token({
        grant_type: 'authorization_code',
        code: c1.code,
        client_id: 'c',
        redirect_uri: c1.redirect,
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    const c2 = await code(p.challenge);
    const wrong = createPkce().verifier;
    expect(
      await token({
        grant_type: 'authorization_code',
        code: c2.code,
        client_id: 'c',
        redirect_uri: c2.redirect,
        code_verifier: wrong,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const c3 = await code(p.challenge);
    const good = {
      grant_type: 'authorization_code',
      code: c3.code,
      client_id: 'c',
      redirect_uri: c3.redirect,
      code_verifier: p.verifier,
    };
    const ok = await token(good);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      token_type: 'bearer',
      service_region: 'us',
      subdomain: 'companion-demo',
    });
    expect(await token(good)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('a redirect URI off this machine is refused on the page, never redirected to', async () => {
    const res = await fetch(
      `${sim.url}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'c', redirect_uri: 'https://evil.example.com/cb', code_challenge: createPkce().challenge, code_challenge_method: 'S256' })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/loopback/);
  });
});
