/**
 * Arguments of the incident-work commands (`reassign`, `escalate`, `responders`, `priority`,
 * `urgency`, `status-update`, `merge`), kept apart from `args.ts`, which calls these. People,
 * policies and priorities may be given by id, name or email; they are resolved against PagerDuty
 * when the command runs (an ambiguous name exits 2 listing the matches).
 */
import { clip, UsageError } from './arg-values.js';
import type { SourceOptions } from './args.js';

/** The incident-work commands. */
export type WorkCommand =
  | {
      name: 'reassign';
      source: SourceOptions;
      id: string;
      /** A user (id, name or email) or null when `policy` is given. */
      to: string | null;
      policy: string | null;
      json: boolean;
    }
  | { name: 'escalate'; source: SourceOptions; id: string; level: number; json: boolean }
  | {
      name: 'responders';
      source: SourceOptions;
      id: string;
      users: string[];
      message: string;
      json: boolean;
    }
  | { name: 'priority'; source: SourceOptions; id: string; priority: string; json: boolean }
  | { name: 'urgency'; source: SourceOptions; id: string; urgency: 'high' | 'low'; json: boolean }
  | { name: 'status-update'; source: SourceOptions; id: string; message: string; json: boolean }
  | { name: 'merge'; source: SourceOptions; into: string; ids: string[]; json: boolean }
  | { name: 'services'; source: SourceOptions; query: string; json: boolean }
  | { name: 'who'; source: SourceOptions; service: string; json: boolean };

type Spec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
const JSON_FLAG: Record<string, Spec> = { json: { type: 'boolean' } };

/** The commands that queue an action on an incident (not `services` / `who`). */
export type ActionWorkCommand = Exclude<WorkCommand, { name: 'services' | 'who' }>;

/** The flags of each command (beside the source flags). */
export const WORK_FLAGS: Record<WorkCommand['name'], Record<string, Spec>> = {
  reassign: { ...JSON_FLAG, to: { type: 'string' }, policy: { type: 'string' } },
  escalate: { ...JSON_FLAG, level: { type: 'string' } },
  responders: { ...JSON_FLAG, user: { type: 'string', multiple: true }, message: { type: 'string' } },
  priority: JSON_FLAG,
  urgency: JSON_FLAG,
  'status-update': JSON_FLAG,
  merge: JSON_FLAG,
  services: JSON_FLAG,
  who: JSON_FLAG,
};

/** True for the names of the incident-work commands. */
export function isWorkCommand(name: string): name is WorkCommand['name'] {
  return Object.prototype.hasOwnProperty.call(WORK_FLAGS, name);
}

/** Longest message accepted on the command line. */
const MAX_MESSAGE = 10_000;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function incident(cmd: string, raw: string | undefined, usage: string): string {
  if (raw === undefined) throw new UsageError(usage, cmd);
  if (!ID_RE.test(raw))
    throw new UsageError(
      `"${clip(raw)}" is not an incident id (letters and digits, e.g. Q1ABCDEF2GHIJ)`,
      cmd,
    );
  return raw;
}

function text(cmd: string, raw: string | null | undefined, what: string): string {
  const t = (raw ?? '').trim();
  if (!t) throw new UsageError(`${cmd} needs ${what}`, cmd);
  if (t.length > MAX_MESSAGE) throw new UsageError(`${what} is limited to ${MAX_MESSAGE} characters`, cmd);
  return t;
}

function name(cmd: string, raw: string, what: string): string {
  const t = raw.trim();
  if (!t || t.length > 200) throw new UsageError(`give ${what} as an id, a name or an email`, cmd);
  return t;
}

type Values = Record<string, string | boolean | string[] | undefined>;
const str = (v: Values, k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);

/** Parses one incident-work command. */
export function parseWork(
  cmd: WorkCommand['name'],
  v: Values,
  pos: readonly string[],
  source: SourceOptions,
): WorkCommand {
  const json = v.json === true;
  const extra = (n: number): void => {
    if (pos.length > n) throw new UsageError(`unexpected argument "${clip(pos[n]!)}" for ${cmd}`, cmd);
  };
  switch (cmd) {
    case 'reassign': {
      const id = incident(
        cmd,
        pos[0],
        'reassign takes an incident id: reassign ID --to USER | --policy POLICY',
      );
      extra(1);
      const to = str(v, 'to');
      const policy = str(v, 'policy');
      if ((to === null) === (policy === null))
        throw new UsageError('give --to USER or --policy POLICY (one of them)', cmd);
      return {
        name: cmd,
        source,
        id,
        to: to === null ? null : name(cmd, to, 'the user'),
        policy: policy === null ? null : name(cmd, policy, 'the escalation policy'),
        json,
      };
    }
    case 'escalate': {
      const id = incident(cmd, pos[0], 'escalate takes an incident id: escalate ID --level N');
      extra(1);
      const raw = str(v, 'level');
      const level = raw === null ? NaN : Number(raw);
      if (!Number.isInteger(level) || level < 1 || level > 20)
        throw new UsageError('--level must be a whole number from 1 to 20, e.g. --level 2', cmd);
      return { name: cmd, source, id, level, json };
    }
    case 'responders': {
      const id = incident(cmd, pos[0], 'responders takes an incident id: responders ID --user U --message M');
      extra(1);
      const raw = Array.isArray(v.user) ? v.user : typeof v.user === 'string' ? [v.user] : [];
      if (raw.length === 0) throw new UsageError('name who to ask with --user (repeat it for several)', cmd);
      const users = [...new Set(raw.map((u) => name(cmd, u, 'each --user')))];
      return { name: cmd, source, id, users, message: text(cmd, str(v, 'message'), '--message'), json };
    }
    case 'priority': {
      const id = incident(cmd, pos[0], 'priority takes an incident id and a priority: priority ID P2');
      if (pos[1] === undefined) throw new UsageError('priority takes a priority name: priority ID P2', cmd);
      extra(2);
      return { name: cmd, source, id, priority: name(cmd, pos[1], 'the priority'), json };
    }
    case 'urgency': {
      const id = incident(cmd, pos[0], 'urgency takes an incident id and high or low: urgency ID low');
      const u = pos[1];
      if (u !== 'high' && u !== 'low') throw new UsageError('urgency is high or low: urgency ID low', cmd);
      extra(2);
      return { name: cmd, source, id, urgency: u, json };
    }
    case 'status-update': {
      const id = incident(cmd, pos[0], 'status-update takes an incident id and a message');
      // The message may be several words, quoted or not.
      return { name: cmd, source, id, message: text(cmd, pos.slice(1).join(' '), 'a message'), json };
    }
    case 'services':
      extra(1);
      return { name: cmd, source, query: pos[0] === undefined ? '' : name(cmd, pos[0], 'the search'), json };
    case 'who':
      if (pos[0] === undefined) throw new UsageError('who takes a service: who checkout-api', cmd);
      extra(1);
      return { name: cmd, source, service: name(cmd, pos[0], 'the service'), json };
    case 'merge': {
      const into = incident(cmd, pos[0], 'merge takes the incident to keep, then the ones to merge into it');
      if (pos.length < 2) throw new UsageError('name the incidents to merge into it: merge INTO ID...', cmd);
      const ids = [...new Set(pos.slice(1).map((p) => incident(cmd, p, '')))];
      if (ids.includes(into)) throw new UsageError('an incident cannot be merged into itself', cmd);
      return { name: cmd, source, into, ids, json };
    }
  }
}

/** Help of each incident-work command (`help.ts` lists them). */
export const WORK_HELP: Record<WorkCommand['name'], string> = {
  reassign: `oncall-companion reassign ID --to USER | --policy POLICY [--json] [source options]
  Reassigns the incident to a user or to an escalation policy (its first level). USER and POLICY
  may be an id, an email or a name (a part of it); a name that matches several exits 2 listing them.`,
  escalate: `oncall-companion escalate ID --level N [--json] [source options]
  Escalates the incident to level N of its escalation policy (whoever is on call there now).`,
  responders: `oncall-companion responders ID --user USER [--user USER...] --message TEXT [--json] [source options]
  Asks people to join the incident with a message. A PagerDuty plan without responders answers 402.`,
  priority: `oncall-companion priority ID NAME [--json] [source options]
  Sets the incident's priority (P1, P2... as the account names them).`,
  urgency: `oncall-companion urgency ID high|low [--json] [source options]
  Changes the incident's urgency.`,
  'status-update': `oncall-companion status-update ID MESSAGE [--json] [source options]
  Posts a status update to the incident's stakeholders.`,
  services: `oncall-companion services [SEARCH] [--json] [source options]
  The services you can see (names containing SEARCH): team, escalation policy, who is on call at
  each level now, and your open incidents on each.`,
  who: `oncall-companion who SERVICE [--json] [source options]
  Who owns SERVICE (id or name, a part of it when it matches one): its team, its escalation policy
  and who is on call at each level now.`,
  merge: `oncall-companion merge INTO ID... [--json] [source options]
  Merges the incidents ID... into INTO: their alerts move to it and they are resolved.`,
};
