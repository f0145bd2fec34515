/**
 * Per-item validation of listings: each item is checked on its own, so one malformed incident is
 * skipped with a reason (logged at warn) while the rest of the page is kept.
 */
import type { z } from 'zod';
import type { Logger } from '../ports.js';
import type { Listing } from './api.js';
import { formatIssues } from './schemas.js';

/** Options of `parseListing`. */
export interface ParseListingOptions<T = unknown> {
  /** Where skipped items are reported (at warn). */
  logger?: Logger;
  /** What the items are, for the log line ("incident", "on-call entry"). */
  what?: string;
  /** Index of the first item in the whole listing (for pages after the first). */
  indexOffset?: number;
  /**
   * Optional fast path: validates and maps an item in the common shape, or returns null to let the
   * schema decide (and give the skip reason). Must never accept an item the schema rejects.
   */
  fast?: (item: unknown) => T | null;
}

/** The item's `id` when it has a string one (for skip reasons), else null. */
function itemId(item: unknown): string | null {
  if (typeof item === 'object' && item !== null && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string' && id.length > 0) return id.slice(0, 64);
  }
  return null;
}

/** Validates and maps each item; invalid ones are skipped with their index, id and reason. */
export function parseListing<S extends z.ZodType, T>(
  items: readonly unknown[],
  schema: S,
  map: (wire: z.output<S>) => T,
  opts: ParseListingOptions<T> = {},
): Listing<T> {
  const out: Listing<T> = { items: [], skipped: [] };
  const offset = opts.indexOffset ?? 0;
  const fast = opts.fast;
  items.forEach((item, i) => {
    if (fast) {
      const quick = fast(item);
      if (quick !== null) {
        out.items.push(quick);
        return;
      }
    }
    const index = offset + i;
    const parsed = schema.safeParse(item);
    let reason: string;
    if (parsed.success) {
      try {
        out.items.push(map(parsed.data));
        return;
      } catch (e) {
        reason = `cannot be mapped: ${e instanceof Error ? e.message : String(e)}`;
      }
    } else {
      reason = formatIssues(parsed.error);
    }
    const id = itemId(item);
    out.skipped.push({ index, id, reason });
    opts.logger?.warn(`Skipped an invalid ${opts.what ?? 'item'} from PagerDuty`, { index, id, reason });
  });
  return out;
}
