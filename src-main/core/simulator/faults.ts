/**
 * Fault injection for the simulator's API routes: the next `count` requests (or all, until cleared)
 * fail with an error status, a rate limit, a hang, a malformed body, a reset connection, or
 * `apply_hang` (a write is applied, then its answer never comes: the ambiguous failure of a lost
 * answer). `method` and `path` narrow the fault to matching requests (the others pass and do not use
 * up the count), so a test can fail one write while the polls go on.
 */
import { z } from 'zod';

/** How the next API requests fail. */
export const faultSpecSchema = z.object({
  mode: z.enum(['none', 'error', 'ratelimit', 'hang', 'apply_hang', 'malformed', 'reset']),
  status: z.number().int().min(400).max(599).optional(),
  count: z.number().int().min(1).optional(),
  /** Rate limit: the `ratelimit-reset` header (seconds). */
  resetSeconds: z.number().int().min(0).max(3600).optional(),
  /** Rate limit: a `Retry-After` header (seconds). */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** Only requests of this method (GET, PUT, POST...). */
  method: z.string().min(1).max(10).optional(),
  /** Only requests to this exact path (e.g. `/incidents/Q1/status_updates`). */
  path: z.string().min(1).max(500).optional(),
});

/** A fault to inject; `count` absent means until cleared with mode `none`. */
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** Holds the active fault and hands it out request by request. */
export class FaultInjector {
  private active: FaultSpec | null = null;
  private remaining = 0;
  private malformedTurn = 0;

  /** Sets (or clears with mode none) the fault. */
  set(spec: FaultSpec): void {
    if (spec.mode === 'none') {
      this.active = null;
      return;
    }
    this.active = spec;
    this.remaining = spec.count ?? Infinity;
  }

  /** The fault for this request, if any (and it matches), consuming one from the count. */
  take(request: { method: string; path: string } = { method: 'GET', path: '' }): FaultSpec | null {
    const f = this.active;
    if (!f) return null;
    if (f.method !== undefined && f.method.toUpperCase() !== request.method.toUpperCase()) return null;
    if (f.path !== undefined && f.path !== request.path) return null;
    this.remaining -= 1;
    if (this.remaining <= 0) this.active = null;
    return f;
  }

  /** Alternates the malformed variant: broken JSON, then a wrong shape. */
  nextMalformed(): 'json' | 'shape' {
    this.malformedTurn += 1;
    return this.malformedTurn % 2 === 1 ? 'json' : 'shape';
  }

  /** The current fault, for display. */
  current(): FaultSpec | null {
    return this.active;
  }
}

const MESSAGES: Record<number, string> = {
  400: 'Invalid Input Provided',
  401: 'Authentication failed',
  403: 'Access Denied',
  404: 'Not Found',
  408: 'Request Timeout',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** PagerDuty-style error body for an injected error status. */
export function faultErrorBody(status: number): {
  error: { message: string; code: number; errors: string[] };
} {
  const message = MESSAGES[status] ?? 'Simulated failure';
  return {
    error: {
      message,
      code: status === 401 ? 2006 : status === 403 ? 2010 : 2001,
      errors: [`Injected fault (${status})`],
    },
  };
}
