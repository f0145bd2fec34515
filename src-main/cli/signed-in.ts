/**
 * Headless sign-ins (`login`): where they are kept for the data folder, and opening a source with
 * one when no API key is given (PAGERDUTY_TOKEN / --token-file win, so pasted keys keep working).
 */
import {
  createSignInStore,
  createTokenSession,
  osKeychain,
  SESSION_TOKEN_PLACEHOLDER,
  type SignInStore,
} from '../node/oauth/index.js';
import { openSource, type OpenedSource } from '../node/source.js';
import type { SourceOptions } from './args.js';
import { UsageError } from './arg-values.js';
import type { CliContext } from './session.js';

/** The sign-in store of a data folder (no keychain when ONCALL_COMPANION_KEYCHAIN=off). */
export async function signInStore(dataDir: string, env: NodeJS.ProcessEnv): Promise<SignInStore> {
  const keychain = env.ONCALL_COMPANION_KEYCHAIN === 'off' ? null : await osKeychain();
  return createSignInStore(dataDir, keychain);
}

/** Open the source of the account's stored sign-in, or null when it has none. */
export async function openSignedIn(
  cmd: string,
  account: string,
  opts: SourceOptions,
  dataDir: string,
  ctx: CliContext,
  /** Where the source keeps its state (default `dataDir`; an accounts file's account has its own). */
  sourceDataDir: string = dataDir,
): Promise<OpenedSource | null> {
  const store = await signInStore(dataDir, ctx.env);
  const found = await store.load(account);
  if (!found) return null;
  const { tokens } = found;
  ctx.logger.addSecret(tokens.accessToken);
  ctx.logger.addSecret(tokens.refreshToken);
  if (opts.apiUrl !== null && opts.apiUrl.replace(/\/+$/, '') !== tokens.apiUrl)
    throw new UsageError(
      `you signed in to ${tokens.apiUrl}, not ${opts.apiUrl}: run oncall-companion login --api-url ${opts.apiUrl}, or drop --api-url`,
      cmd,
    );
  const session = createTokenSession({
    account,
    tokens,
    fetch: globalThis.fetch.bind(globalThis),
    save: (t) => store.save(account, t),
    remove: () => store.remove(account),
    onSignedOut: (message) =>
      ctx.err(`${message} (oncall-companion login${account === 'default' ? '' : ` --account ${account}`})\n`),
    addSecret: (s) => ctx.logger.addSecret(s),
    logger: ctx.logger,
  });
  return openSource({
    token: SESSION_TOKEN_PLACEHOLDER,
    apiUrl: tokens.apiUrl,
    fromEmail: opts.fromEmail,
    authScheme: 'bearer',
    fetch: session.fetch,
    ...(opts.pollIntervalSeconds !== null ? { pollIntervalSeconds: opts.pollIntervalSeconds } : {}),
    dataDir: sourceDataDir,
    logger: ctx.logger,
  });
}
