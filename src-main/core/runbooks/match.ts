/**
 * Which runbook applies to a service: one set in Settings (by service id) wins over the shared file's
 * (by service id, or by name case-insensitively).
 */
import type { Runbook } from '../../shared/runbook.js';
import type { FileRunbook } from './format.js';

/** A runbook resolved for a service. */
export interface ResolvedRunbook {
  url: string | null;
  steps: string[];
  origin: 'settings' | 'file';
}

/** The runbook for a service, or null. */
export function findRunbook(
  service: { id: string; name: string },
  fromSettings: readonly Runbook[],
  fromFile: readonly FileRunbook[],
): ResolvedRunbook | null {
  const s = fromSettings.find((r) => r.serviceId === service.id);
  if (s) return { url: s.url ?? null, steps: [...s.steps], origin: 'settings' };
  const name = service.name.trim().toLowerCase();
  const f =
    fromFile.find((r) => r.service === service.id) ??
    fromFile.find((r) => name !== '' && r.service.trim().toLowerCase() === name);
  if (f) return { url: f.url, steps: [...f.steps], origin: 'file' };
  return null;
}
