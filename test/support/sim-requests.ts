/**
 * The requests a simulator recorded (`GET /__sim/requests`), as the contract tests read them to
 * check each against PagerDuty's OpenAPI spec.
 */

/** One request as the simulator recorded it, with the status it answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

/** Every request the simulator at `simUrl` has recorded so far. */
export async function recordedRequests(simUrl: string): Promise<RecordedRequest[]> {
  const res = await fetch(`${simUrl}/__sim/requests`);
  const { requests } = (await res.json()) as { requests: RecordedRequest[] };
  return requests;
}
