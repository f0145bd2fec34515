/**
 * The headless accounts file (`--accounts FILE`, YAML or JSON): several PagerDuty accounts (or demo
 * simulators) watched at once, each with its own token, `From` email, data folder and request
 * budget. A bad file is one line naming the file, the line and the fix (exit 2):
 *
 *   accounts:
 *     - name: team            # letters, digits, . _ - (shown on every row and event)
 *       apiUrl: https://api.eu.pagerduty.com
 *       tokenFile: team.token # relative to this file; or tokenEnv: TEAM_PD_TOKEN
 *       from: me@example.com
 *     - name: platform
 *       tokenEnv: PLATFORM_PD_TOKEN
 *     - name: ops             # no tokenFile nor tokenEnv: the sign-in of `login --account ops`
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { formatOf } from '../core/runbooks/format.js';
import { parseLineFile } from '../core/runbooks/line-file.js';
import { REGION_URLS, secureApiUrl } from '../core/settings.js';
import { POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../shared/limits.js';
import { CliError, EXIT_USAGE } from './errors.js';

/** The account the single-account flags make. */
export const DEFAULT_ACCOUNT = 'default';

/** One account as the headless commands run it (the token read, never printed). */
export interface Account {
  name: string;
  kind: 'pagerduty' | 'demo';
  apiUrl: string;
  token: string | null;
  /** No API key given: it uses its sign-in (`login --account NAME`), whose API URL must match `apiUrl`. */
  signIn: boolean;
  /** The `apiUrl` the file gives (null: none, so a sign-in's own is used). */
  apiUrlGiven: string | null;
  from: string | null;
  pollIntervalSeconds: number | null;
}

const accountSchema = z.strictObject(
  {
    name: z
      .string({ error: 'name must be a short name' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'name must be 1-40 letters, digits, ".", "_" or "-"'),
    kind: z.enum(['pagerduty', 'demo'], { error: 'kind must be pagerduty or demo' }).default('pagerduty'),
    apiUrl: z
      .string({ error: 'apiUrl must be a URL' })
      .refine(secureApiUrl, 'apiUrl must be https: (plain http only on 127.0.0.1 or localhost)')
      .optional(),
    tokenFile: z.string({ error: 'tokenFile must be a path' }).min(1).optional(),
    tokenEnv: z
      .string({ error: 'tokenEnv must be an environment variable name' })
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'tokenEnv must be an environment variable name')
      .optional(),
    from: z.string({ error: 'from must be an email' }).email('from must be an email').optional(),
    pollIntervalSeconds: z
      .number({ error: 'pollIntervalSeconds must be a number' })
      .min(POLL_INTERVAL_MIN_S, `poll at most every ${POLL_INTERVAL_MIN_S} s`)
      .max(POLL_INTERVAL_MAX_S, `poll at least every ${POLL_INTERVAL_MAX_S} s`)
      .optional(),
  },
  { error: 'each account must be a mapping with name, apiUrl, tokenFile or tokenEnv, from' },
);

const fileSchema = z.object(
  {
    accounts: z
      .array(accountSchema, { error: 'the file must hold an "accounts" list' })
      .min(1, 'list at least one account')
      .max(50, 'at most 50 accounts'),
  },
  { error: 'the file must hold an "accounts" list' },
);

const FIELDS = 'name, kind, apiUrl, tokenFile, tokenEnv, from, pollIntervalSeconds';

/** Parse an accounts file's text; tokens are read from their files and the environment. */
export function parseAccounts(text: string, path: string, env: NodeJS.ProcessEnv): Account[] {
  const dir = dirname(resolve(path));
  const tokens: Array<string | null> = [];
  const res = parseLineFile(text, formatOf(path), basename(path), fileSchema, {
    maxBytes: 1_000_000,
    fallback: 'invalid accounts file',
    unknownField: (key) => `unknown field "${key}" (use ${FIELDS})`,
    check: (value) => {
      const { accounts } = value as z.output<typeof fileSchema>;
      const seen = new Set<string>();
      for (const [i, a] of accounts.entries()) {
        const at = (field: string, message: string) => ({ path: ['accounts', i, field], message });
        if (seen.has(a.name.toLowerCase()))
          return at('name', `the account name "${a.name}" is used twice: give each account its own name`);
        seen.add(a.name.toLowerCase());
        if (a.kind === 'demo') {
          tokens.push(null);
          continue;
        }
        if (a.tokenFile && a.tokenEnv)
          return at('tokenEnv', `account "${a.name}" has both tokenFile and tokenEnv: keep one`);
        if (a.tokenFile) {
          const file = resolve(dir, a.tokenFile);
          if (!existsSync(file))
            return at(
              'tokenFile',
              `the token file ${a.tokenFile} of account "${a.name}" does not exist: create it holding the API key, or fix tokenFile`,
            );
          const token = readFileSync(file, 'utf8').trim();
          if (!token) return at('tokenFile', `the token file ${a.tokenFile} of account "${a.name}" is empty`);
          tokens.push(token);
        } else if (a.tokenEnv) {
          const token = env[a.tokenEnv]?.trim();
          if (!token)
            return at('tokenEnv', `account "${a.name}": the environment variable ${a.tokenEnv} is not set`);
          tokens.push(token);
        } else {
          // Neither: the account's sign-in (`login --account NAME`), checked when it is opened.
          tokens.push(null);
        }
      }
      return null;
    },
  });
  if (!res.ok) throw new CliError(res.error, EXIT_USAGE);
  return res.value.accounts.map((a, i) => ({
    name: a.name,
    kind: a.kind,
    apiUrl: (a.apiUrl ?? REGION_URLS.us).replace(/\/+$/, ''),
    token: tokens[i] ?? null,
    signIn: a.kind === 'pagerduty' && !a.tokenFile && !a.tokenEnv,
    apiUrlGiven: a.apiUrl ? a.apiUrl.replace(/\/+$/, '') : null,
    from: a.from ?? null,
    pollIntervalSeconds: a.pollIntervalSeconds ?? null,
  }));
}

/** Read and parse an accounts file. */
export async function readAccounts(path: string, env: NodeJS.ProcessEnv): Promise<Account[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new CliError(
      `the accounts file ${path} ${why}: give the path of a YAML or JSON accounts file`,
      EXIT_USAGE,
    );
  }
  return parseAccounts(text, path, env);
}

/** An account's own state folder inside the base data folder (the default account keeps the old one). */
export function accountDataDir(base: string, name: string): string {
  return name === DEFAULT_ACCOUNT ? base : join(base, 'accounts', name.toLowerCase());
}
