/**
 * Arguments of `login` and `logout` (kept apart from `args.ts`, which calls these).
 */
import { UsageError } from './arg-values.js';
import { checkApiUrl } from './args.js';

/** `login [--account NAME] [--api-url URL] [--identity-url URL] [--client-id ID] [--no-browser]`. */
export interface LoginCommand {
  name: 'login';
  account: string;
  apiUrl: string | null;
  identityUrl: string | null;
  clientId: string | null;
  browser: boolean;
  /** Seconds to wait for the browser (default 300). */
  timeoutSeconds: number;
  scope: 'read' | 'read write';
  dataDir: string | null;
  verbose: boolean;
}

/** `logout [--account NAME]`. */
export interface LogoutCommand {
  name: 'logout';
  account: string;
  dataDir: string | null;
  verbose: boolean;
}

const COMMON = {
  account: { type: 'string' },
  'data-dir': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const LOGIN_FLAGS = {
  ...COMMON,
  'api-url': { type: 'string' },
  'identity-url': { type: 'string' },
  'client-id': { type: 'string' },
  'no-browser': { type: 'boolean' },
  'read-only': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

export const LOGOUT_FLAGS = COMMON;

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);
const ACCOUNT_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

function common(cmd: string, v: Values, pos: readonly string[]) {
  if (pos.length)
    throw new UsageError(`${cmd} takes no arguments (got "${String(pos[0]).slice(0, 40)}")`, cmd);
  const account = str(v, 'account') ?? 'default';
  if (!ACCOUNT_RE.test(account))
    throw new UsageError('--account needs a name of letters, digits, ".", "_" or "-" (at most 40)', cmd);
  const dataDir = str(v, 'data-dir');
  if (dataDir !== null && dataDir.trim() === '') throw new UsageError('--data-dir needs a folder path', cmd);
  return { account, dataDir, verbose: v.verbose === true };
}

/** Parses `login`. */
export function parseLogin(v: Values, pos: readonly string[]): LoginCommand {
  const c = common('login', v, pos);
  const apiUrl = str(v, 'api-url');
  if (apiUrl !== null) checkApiUrl('login', apiUrl);
  const identityUrl = str(v, 'identity-url');
  if (identityUrl !== null) {
    try {
      checkApiUrl('login', identityUrl);
    } catch {
      throw new UsageError(
        '--identity-url must be an https:// URL (plain http only for 127.0.0.1 or localhost)',
        'login',
      );
    }
  }
  const clientId = str(v, 'client-id');
  if (clientId !== null && !/^[\x21-\x7e]{1,200}$/.test(clientId))
    throw new UsageError('--client-id needs the client ID of your PagerDuty app', 'login');
  const t = str(v, 'timeout');
  const timeoutSeconds = t === null ? 300 : Number(t);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 3600)
    throw new UsageError('--timeout must be a whole number of seconds from 1 to 3600', 'login');
  return {
    name: 'login',
    ...c,
    apiUrl,
    identityUrl,
    clientId,
    browser: v['no-browser'] !== true,
    timeoutSeconds,
    scope: v['read-only'] === true ? 'read' : 'read write',
  };
}

/** Parses `logout`. */
export function parseLogout(v: Values, pos: readonly string[]): LogoutCommand {
  return { name: 'logout', ...common('logout', v, pos) };
}
