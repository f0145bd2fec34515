/**
 * Checklist ticks per incident, kept in the document store under one key. Ticks are stored as step
 * texts (not indexes), so editing a runbook does not move a tick to another step.
 */
import type { DocumentStore, Logger } from '../ports.js';

/** The document key. */
export const CHECKLIST_KEY = 'runbook-checklists';
/** Incidents kept (the oldest ticked are dropped beyond this). */
const MAX_INCIDENTS = 5000;

/** Ticks of one incident. */
export interface ChecklistTicks {
  serviceId: string;
  serviceName: string;
  done: string[];
  /** Epoch ms of the last change. */
  at: number;
}

/** Checklist ticks, cached in memory and written through. */
export interface ChecklistStore {
  get(incidentId: string): ChecklistTicks | undefined;
  all(): ReadonlyMap<string, ChecklistTicks>;
  set(incidentId: string, ticks: ChecklistTicks): Promise<void>;
}

/** Loads the ticks (an unreadable document starts empty, with a warning). */
export async function openChecklistStore(store: DocumentStore, logger: Logger): Promise<ChecklistStore> {
  const map = new Map<string, ChecklistTicks>();
  try {
    const doc = await store.read<Record<string, ChecklistTicks>>(CHECKLIST_KEY);
    if (doc && typeof doc === 'object') {
      for (const [id, t] of Object.entries(doc)) {
        if (t && Array.isArray(t.done) && typeof t.serviceId === 'string')
          map.set(id, {
            serviceId: t.serviceId,
            serviceName: typeof t.serviceName === 'string' ? t.serviceName : t.serviceId,
            done: t.done.filter((d): d is string => typeof d === 'string'),
            at: typeof t.at === 'number' ? t.at : 0,
          });
      }
    }
  } catch (e) {
    logger.warn('checklists: could not read saved ticks; starting empty', { error: String(e) });
  }
  let writing: Promise<void> = Promise.resolve();
  return {
    get: (id) => map.get(id),
    all: () => map,
    set(id, ticks) {
      map.delete(id);
      map.set(id, ticks);
      while (map.size > MAX_INCIDENTS) {
        const oldest = map.keys().next().value as string;
        map.delete(oldest);
      }
      const doc = Object.fromEntries(map);
      writing = writing.then(() => store.write(CHECKLIST_KEY, doc));
      return writing;
    },
  };
}
