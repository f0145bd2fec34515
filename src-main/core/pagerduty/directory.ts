/**
 * The names directory's reads: every service and every team of the account with their names
 * (`GET /services`, `GET /teams`, every page up to PagerDuty's offset window). Only what a picker
 * shows is required (id and a name or summary); a bad item is skipped with its reason, the rest kept.
 * Kept apart from the incident-work reads: a service without an escalation policy still has a name.
 */
import { z } from 'zod';
import type { CallOptions, Listing } from './api.js';
import type { PageSpec } from './paging.js';
import { MAX_OFFSET_WINDOW, MAX_PAGE_SIZE } from './paging.js';
import { wireRef } from './schemas.js';

/** A service as the directory keeps it. */
export interface ServiceName {
  id: string;
  name: string;
  /** Names of its teams. */
  teams: string[];
}

/** A team as the directory keeps it. */
export interface TeamName {
  id: string;
  name: string;
}

/** The reads. */
export interface DirectoryApi {
  /** GET /services, every page. */
  listServiceNames(opts?: CallOptions): Promise<Listing<ServiceName>>;
  /** GET /teams, every page. */
  listTeamNames(opts?: CallOptions): Promise<Listing<TeamName>>;
}

/** What the reads need from the client. */
export interface DirectoryDeps {
  paginate<S extends z.ZodType, T>(p: PageSpec<S, T>): Promise<Listing<T>>;
}

const named = { id: z.string().min(1), name: z.string().nullish(), summary: z.string().nullish() };
/** `name` or `summary` must say something: an item with neither has nothing to pick it by. */
const hasName = (w: { name?: string | null; summary?: string | null }): boolean =>
  Boolean(w.name?.trim() || w.summary?.trim());
export const wireServiceName = z
  .object({ ...named, teams: z.array(wireRef).nullish() })
  .refine(hasName, 'has neither a name nor a summary');
export const wireTeamName = z.object(named).refine(hasName, 'has neither a name nor a summary');
const servicesEnvelope = z.object({ services: z.array(z.unknown()), more: z.boolean().nullish() });
const teamsEnvelope = z.object({ teams: z.array(z.unknown()), more: z.boolean().nullish() });

const nameOf = (w: { id: string; name?: string | null; summary?: string | null }): string =>
  (w.name?.trim() || w.summary?.trim() || w.id).slice(0, 500);

/** Every page PagerDuty will serve (its offset window). */
const MAX_PAGES = Math.ceil(MAX_OFFSET_WINDOW / MAX_PAGE_SIZE);

/** Creates the reads over the client's pager. */
export function createDirectoryOps(d: DirectoryDeps): DirectoryApi {
  return {
    listServiceNames: (o) =>
      d.paginate({
        path: '/services',
        key: 'services',
        envelope: servicesEnvelope,
        query: {},
        item: wireServiceName,
        map: (w) => ({
          id: w.id,
          name: nameOf(w),
          teams: (w.teams ?? []).map((t) => (t.name || t.summary || t.id).slice(0, 200)),
        }),
        what: 'service',
        keyOf: (s) => s.id,
        signal: o?.signal,
        maxPages: MAX_PAGES,
      }),
    listTeamNames: (o) =>
      d.paginate({
        path: '/teams',
        key: 'teams',
        envelope: teamsEnvelope,
        query: {},
        item: wireTeamName,
        map: (w) => ({ id: w.id, name: nameOf(w) }),
        what: 'team',
        keyOf: (t) => t.id,
        signal: o?.signal,
        maxPages: MAX_PAGES,
      }),
  };
}
