/**
 * Fast equality of two incidents, field by field (no generic recursion), so diffing 10,000
 * unchanged incidents costs a few milliseconds. Compares the fields of `Incident` (extra ones are ignored).
 */
import type { Incident, Ref, UserRef } from '../domain.js';

function sameRef(a: Ref | null, b: Ref | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return a.id === b.id && a.summary === b.summary;
}

function sameUsers(a: readonly UserRef[], b: readonly UserRef[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.summary !== y.summary || x.email !== y.email) return false;
  }
  return true;
}

function sameRefs(a: readonly Ref[], b: readonly Ref[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameRef(a[i]!, b[i]!)) return false;
  return true;
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k] || !(k in b)) return false;
  return true;
}

/** True when two incidents are equal in every field. */
export function sameIncident(a: Incident, b: Incident): boolean {
  if (a === b) return true;
  return (
    a.id === b.id &&
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.urgency === b.urgency &&
    a.title === b.title &&
    a.number === b.number &&
    a.createdAt === b.createdAt &&
    a.lastStatusChangeAt === b.lastStatusChangeAt &&
    a.htmlUrl === b.htmlUrl &&
    a.escalationLevel === b.escalationLevel &&
    a.priority === b.priority &&
    a.incidentKey === b.incidentKey &&
    a.details === b.details &&
    (a.snoozedUntil ?? null) === (b.snoozedUntil ?? null) &&
    sameRef(a.service, b.service) &&
    sameRef(a.escalationPolicy, b.escalationPolicy) &&
    sameUsers(a.assignees, b.assignees) &&
    sameUsers(a.acknowledgers, b.acknowledgers) &&
    sameRefs(a.teams, b.teams) &&
    sameRecord(a.assignedAt, b.assignedAt)
  );
}
