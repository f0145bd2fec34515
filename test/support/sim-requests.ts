/**
 * The requests a simulator recorded (`GET /__sim/requests`), as the contract tests read them to
 * check each against PagerDuty's OpenAPI spec.
 */
import type { RecordedRequest } from '../../src-main/core/simulator/index.js';

/** Every request the simulator at `simUrl` has recorded so far. */
export async function recordedRequests(simUrl: string): Promise<RecordedRequest[]> {
  const res = await fetch(`${simUrl}/__sim/requests`);
  const { requests } = (await res.json()) as { requests: RecordedRequest[] };
  return requests;
}
