/**
 * `login` and `logout`: sign in with PagerDuty in the browser (OAuth, PKCE, loopback redirect) and
 * keep the tokens in the OS keychain, else a 0600 file in the data folder, saying which; `logout`
 * revokes them where the server allows and removes them. A failed sign-in stores nothing, so the
 * account's previous sign-in keeps working.
 */
import { createPagerDutyClient } from '../../core/pagerduty/index.js';
import {
  DEFAULT_CLIENT_ID,
  identityEndpoints,
  IdentityUrlError,
  openInBrowser,
  revokeTokens,
  signIn,
  SignInError,
} from '../../node/oauth/index.js';
import { defaultDataDir } from '../../node/source.js';
import { UsageError } from '../arg-values.js';
import { CliError } from '../errors.js';
import type { LoginCommand, LogoutCommand } from '../login-args.js';
import type { CliContext } from '../session.js';
import { signInStore } from '../signed-in.js';

const dataDirOf = (cmd: { dataDir: string | null }, env: NodeJS.ProcessEnv): string =>
  cmd.dataDir ?? env.ONCALL_COMPANION_DATA_DIR ?? defaultDataDir(env);

/** Run `login`. */
export async function runLogin(cmd: LoginCommand, ctx: CliContext): Promise<number> {
  let endpoints;
  try {
    endpoints = identityEndpoints({ apiUrl: cmd.apiUrl, identityUrl: cmd.identityUrl });
  } catch (e) {
    if (e instanceof IdentityUrlError) throw new UsageError(e.message, 'login');
    throw e;
  }
  const clientId = cmd.clientId ?? ctx.env.ONCALL_OAUTH_CLIENT_ID ?? DEFAULT_CLIENT_ID;
  const fetch = globalThis.fetch.bind(globalThis);
  let tokens;
  try {
    tokens = await signIn({
      clientId,
      endpoints,
      scope: cmd.scope,
      fetch,
      timeoutMs: cmd.timeoutSeconds * 1000,
      addSecret: (s) => ctx.logger.addSecret(s),
      onUrl: async (url) => {
        ctx.out(`Open this address to sign in with PagerDuty:`);
        ctx.out(url);
        if (cmd.browser && !(await openInBrowser(url)))
          ctx.err('could not start a browser here: open the address above yourself\n');
        ctx.err(`waiting for the browser (at most ${cmd.timeoutSeconds} s)...\n`);
      },
    });
  } catch (e) {
    if (e instanceof SignInError) throw new CliError(e.message);
    throw e;
  }
  // Check the tokens work before keeping them: who am I, on which account.
  const api = createPagerDutyClient({
    baseUrl: tokens.apiUrl,
    token: tokens.accessToken,
    authScheme: 'bearer',
    fetch,
    logger: ctx.logger,
  });
  let me;
  try {
    me = await api.getMe();
  } catch (e) {
    throw new CliError(
      `signed in, but ${tokens.apiUrl} refused the new token (${e instanceof Error ? e.message : String(e)}); nothing was stored`,
    );
  }
  const store = await signInStore(dataDirOf(cmd, ctx.env), ctx.env);
  const where = await store.save(cmd.account, tokens);
  const account = tokens.subdomain
    ? `${tokens.subdomain} (${(tokens.region ?? 'us').toUpperCase()})`
    : tokens.apiUrl;
  ctx.out(`Signed in to ${account} as ${me.name} <${me.email}>, account "${cmd.account}".`);
  ctx.out(
    where.kind === 'keychain'
      ? 'The token is in the OS keychain.'
      : `No OS keychain reachable here: the token is in ${where.path} (readable only by you, mode 0600).`,
  );
  return 0;
}

/** Run `logout`. */
export async function runLogout(cmd: LogoutCommand, ctx: CliContext): Promise<number> {
  const store = await signInStore(dataDirOf(cmd, ctx.env), ctx.env);
  const found = await store.load(cmd.account);
  if (!found) {
    ctx.out(`Not signed in (account "${cmd.account}"): nothing to remove.`);
    return 0;
  }
  ctx.logger.addSecret(found.tokens.accessToken);
  ctx.logger.addSecret(found.tokens.refreshToken);
  const revoked = await revokeTokens(globalThis.fetch.bind(globalThis), found.tokens);
  await store.remove(cmd.account);
  ctx.out(
    `Signed out of account "${cmd.account}": ${revoked ? 'the token was revoked and removed' : 'the token was removed (the identity server could not be reached to revoke it; remove the app under My Profile > User Settings in PagerDuty)'}.`,
  );
  return 0;
}
