/**
 * Fault injection for the simulator's API routes: the next `count` requests (or all, until cleared)
 * fail with an error status, a rate limit, a hang, a malformed body, or a reset connection.
 */
import { z } from 'zod';

/** How the next API requests fail. */
export const faultSpecSchema = z.object({
  mode: z.enum(['none', 'error', 'ratelimit', 'hang', 'malformed', 'reset']),
  status: z.number().int().min(400).max(599).optional(),
  count: z.number().int().min(1).optional(),
  resetSeconds: z.number().int().min(0).max(3600).optional(),
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

  /** The fault for this request, if any, consuming one from the count. */
  take(): FaultSpec | null {
    const f = this.active;
    if (!f) return null;
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
