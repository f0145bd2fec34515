/**
 * The simulator's HTTP layer (node:http only): the `/__sim` control API for tests and tools, fault
 * injection, request recording with the token redacted, then authentication and the API routes.
 *
 * Control API (loopback only, refused with an `Origin` header):
 * - `POST /__sim/incidents` `{title, urgency?, service?, assignee?: "me"|"other", ageSeconds?, acknowledgedBy?:
 *   "me"|"other"}` creates an incident (created `ageSeconds` ago, 0 to 30 days, real seconds; already
 *   acknowledged halfway since then when `acknowledgedBy` is set) and answers `{incident}` in PagerDuty's shape.
 * - `POST /__sim/faults` `{mode, status?, count?, resetSeconds?, retryAfterSeconds?, method?, path?}` fails
 *   the next API requests that way (only those of `method` to `path` when given; `apply_hang` applies
 *   a write and then never answers).
 * - `GET|DELETE /__sim/requests` lists or clears the API requests received; `GET /__sim/state` is the record.
 * - `POST /__sim/plan` `{responders?, priorities?, changeEvents?}` switches plan features (responders
 *   off: 402; change events off: `related_change_events` answers 404).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../ports.js';
import { authenticate, routeApi, type ApiContext } from './api-routes.js';
import type { FaultInjector } from './faults.js';
import type { SimIdentity } from './identity.js';
import { faultErrorBody, faultSpecSchema } from './faults.js';
import { HttpError, Query, invalid, parseJson, pdError, readBody, sendJson } from './http-util.js';
import type { PdIncident } from './wire.js';

/** One API request the simulator received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case header names; `authorization` keeps its scheme but not the token. */
  headers: Record<string, string>;
  body: unknown;
  time: string;
  /** Status answered, or null when none was (hang, reset). */
  status: number | null;
  /** Injected fault mode, when one applied. */
  fault: string | null;
}

/** Input of `POST /__sim/incidents` and `Simulator.createIncident`. */
export const simIncidentInput = z.object({
  title: z.string().min(1).max(1024),
  urgency: z.enum(['high', 'low']).optional(),
  service: z.string().optional(),
  assignee: z.enum(['me', 'other']).optional(),
  /** Created this many seconds ago (real seconds, at most 30 days). */
  ageSeconds: z
    .number()
    .min(0)
    .max(30 * 86_400)
    .optional(),
  /** Already acknowledged (halfway since creation) by me or by a teammate. */
  acknowledgedBy: z.enum(['me', 'other']).optional(),
  /** The alert's `body.details` instead of generated ones (any JSON object, e.g. hostile content). */
  details: z.record(z.string(), z.unknown()).optional(),
  /** Its related change events instead of the default (a deploy of a customer-facing service). */
  changeEvents: z
    .array(
      z.object({
        summary: z.string().max(2_000_000),
        source: z.string().max(10_000).optional(),
        links: z
          .array(z.object({ href: z.string().max(100_000), text: z.string().max(100_000).optional() }))
          .max(100)
          .optional(),
        minutesBefore: z
          .number()
          .min(0)
          .max(7 * 24 * 60)
          .optional(),
      }),
    )
    .max(100)
    .optional(),
});

/** Input of `POST /__sim/plan`: switches what the account's plan includes. */
export const simPlanInput = z.object({
  responders: z.boolean().optional(),
  priorities: z.boolean().optional(),
  changeEvents: z.boolean().optional(),
});

/** What the HTTP layer needs from the simulator. */
export interface ServerDeps extends ApiContext {
  faults: FaultInjector;
  logger: Logger;
  createIncident(input: z.infer<typeof simIncidentInput>): PdIncident;
  recordJson(): unknown;
  /** Responses parked by the hang fault, ended on close. */
  hung: Set<ServerResponse>;
  /** The OAuth identity server (`/oauth/...`); its issued tokens are checked on every API call. */
  identity?: SimIdentity | null;
}

const MAX_RECORDED = 5000;

/** Redacts the credential of an Authorization header, keeping its scheme. */
export function redactAuthorization(value: string): string {
  if (/^Token token=/i.test(value)) return 'Token token=[REDACTED]';
  if (/^Bearer /i.test(value)) return 'Bearer [REDACTED]';
  return '[REDACTED]';
}

function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/** Creates the request handler. */
export function createHandler(deps: ServerDeps): {
  handle(req: IncomingMessage, res: ServerResponse): void;
  requests(): RecordedRequest[];
} {
  const log: RecordedRequest[] = [];

  const control = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (!isLoopback(req))
      throw pdError(403, 'Access Denied', 2010, ['The control API answers loopback only']);
    // A web page the user visits can POST to loopback ports (a "simple" cross-site request); browsers
    // mark such requests with Origin, which tests and tools never send.
    if (req.headers.origin !== undefined)
      throw pdError(403, 'Access Denied', 2010, ['The control API refuses requests from web pages']);
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === '/__sim/incidents') {
      const r = simIncidentInput.safeParse(parseJson(await readBody(req)));
      if (!r.success) throw invalid(...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      sendJson(res, 201, { incident: deps.createIncident(r.data) });
      return;
    }
    if (method === 'POST' && path === '/__sim/faults') {
      const r = faultSpecSchema.safeParse(parseJson(await readBody(req)));
      if (!r.success) throw invalid(...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      deps.faults.set(r.data);
      sendJson(res, 200, { fault: deps.faults.current() });
      return;
    }
    if (method === 'POST' && path === '/__sim/plan') {
      const r = simPlanInput.safeParse(parseJson(await readBody(req)));
      if (!r.success) throw invalid(...r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      Object.assign(deps.plan, r.data);
      return sendJson(res, 200, { plan: deps.plan });
    }
    if (method === 'GET' && path === '/__sim/requests') return sendJson(res, 200, { requests: log });
    if (method === 'DELETE' && path === '/__sim/requests') {
      log.length = 0;
      return sendJson(res, 200, { requests: [] });
    }
    if (method === 'GET' && path === '/__sim/state') return sendJson(res, 200, deps.recordJson());
    throw pdError(404, 'Not Found', 2100);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      const s = Array.isArray(v) ? v.join(', ') : v;
      headers[k] = k === 'authorization' ? redactAuthorization(s) : s;
    }
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      /* keep the raw text */
    }
    const entry: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: new Query(url.searchParams).toRecord(),
      headers,
      body,
      time: new Date(deps.clock.now()).toISOString(),
      status: null,
      fault: null,
    };
    log.push(entry);
    if (log.length > MAX_RECORDED) log.splice(0, log.length - MAX_RECORDED);

    const fault = deps.faults.take({ method: entry.method, path: entry.path });
    if (fault) {
      entry.fault = fault.mode;
      switch (fault.mode) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'apply_hang':
          // The write reaches the state; its answer is lost (a timeout, a dropped connection).
          if (entry.method !== 'GET') applyQuietly(req, url, entry, body);
          deps.hung.add(res);
          res.on('close', () => deps.hung.delete(res));
          return;
        case 'hang':
          deps.hung.add(res);
          res.on('close', () => deps.hung.delete(res));
          return;
        case 'ratelimit': {
          const h: Record<string, string> = { 'ratelimit-limit': '960', 'ratelimit-remaining': '0' };
          if (fault.resetSeconds !== undefined) h['ratelimit-reset'] = String(fault.resetSeconds);
          if (fault.retryAfterSeconds !== undefined) h['retry-after'] = String(fault.retryAfterSeconds);
          entry.status = 429;
          return sendJson(res, 429, { error: { message: 'Rate Limit Exceeded', code: 2020 } }, h);
        }
        case 'error': {
          const status = fault.status ?? 500;
          entry.status = status;
          return sendJson(res, status, faultErrorBody(status));
        }
        case 'malformed': {
          // A 2xx means the server did the work: a write is applied, only its answer is garbled.
          if (entry.method !== 'GET') applyQuietly(req, url, entry, body);
          entry.status = 200;
          const variant = deps.faults.nextMalformed();
          const text2 =
            variant === 'json'
              ? '{"incidents":[{"id":"Q1","title":'
              : '{"incidents":"not-a-list","user":42,"oncalls":{"x":1}}';
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(text2);
          return;
        }
        default:
          break;
      }
    }
    try {
      const accept = req.headers.accept;
      if (accept && !/json|\*\/\*/i.test(accept))
        throw pdError(406, 'Not Acceptable', 2001, ['Use Accept: application/vnd.pagerduty+json;version=2']);
      deps.identity?.authenticate(req.headers.authorization);
      const { accountKey } = authenticate(req.headers);
      const answer = routeApi(
        deps,
        {
          method: entry.method,
          path: url.pathname,
          query: new Query(url.searchParams),
          body,
          headers: req.headers,
        },
        accountKey,
      );
      entry.status = answer.status;
      sendJson(res, answer.status, answer.body, {
        'ratelimit-limit': '960',
        'ratelimit-remaining': '959',
        'ratelimit-reset': '60',
      });
    } catch (e) {
      if (e instanceof HttpError) entry.status = e.status;
      throw e;
    }
  };

  /** Runs an authenticated API write for its effect only (its answer or error is dropped). */
  const applyQuietly = (req: IncomingMessage, url: URL, entry: RecordedRequest, body: unknown): void => {
    try {
      const { accountKey } = authenticate(req.headers);
      const call = { method: entry.method, path: url.pathname, query: new Query(url.searchParams), body };
      routeApi(deps, { ...call, headers: req.headers }, accountKey);
    } catch {
      /* refused writes change nothing */
    }
  };

  return {
    requests: () => log.map((r) => ({ ...r })),
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const work = deps.identity?.owns(url.pathname)
        ? deps.identity.handle(req, res, url, isLoopback(req))
        : url.pathname.startsWith('/__sim/')
          ? control(req, res, url.pathname)
          : api(req, res, url);
      work.catch((e: unknown) => {
        if (res.headersSent || res.destroyed) return;
        if (e instanceof HttpError) return sendJson(res, e.status, e.body, e.headers);
        deps.logger.error('simulator: request failed', { error: e instanceof Error ? e.message : String(e) });
        sendJson(res, 500, { error: { message: 'Internal Server Error', code: 2001 } });
      });
    },
  };
}
