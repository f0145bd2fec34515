/**
 * Mount points for views other parts of the project provide: `views/LoadView.tsx` (the Load tab)
 * and `views/RunbookChecklist.tsx` (in the incident detail). They are picked up when the files
 * exist (named or default export) and take the API as a prop; until then a quiet placeholder shows.
 */
import type { ComponentType } from 'react';
import type { OncallApi } from '../../../src-main/ipc/contract';
import { useApi } from '../store/context';

/** Props the Load view receives. */
export interface LoadViewProps {
  api: OncallApi;
}

/** Props the runbook checklist receives. */
export interface RunbookChecklistProps {
  api: OncallApi;
  incidentId: string;
  serviceId: string;
}

type Mod = Record<string, unknown>;
const loadMods = import.meta.glob<Mod>('../views/LoadView.tsx', { eager: true });
const checklistMods = import.meta.glob<Mod>('../views/RunbookChecklist.tsx', { eager: true });

function pick<P>(mods: Record<string, Mod>, name: string): ComponentType<P> | null {
  const mod = Object.values(mods)[0];
  if (!mod) return null;
  const c = mod[name] ?? mod.default;
  return typeof c === 'function' || (typeof c === 'object' && c !== null) ? (c as ComponentType<P>) : null;
}

const LoadViewComponent = pick<LoadViewProps>(loadMods, 'LoadView');
const ChecklistComponent = pick<RunbookChecklistProps>(checklistMods, 'RunbookChecklist');

/** The Load tab's content. */
export function LoadSlot() {
  const api = useApi();
  if (!LoadViewComponent) {
    return (
      <section className="placeholder" aria-label="Load">
        <h2>Load</h2>
        <p className="muted">Shift metrics are not part of this build yet.</p>
      </section>
    );
  }
  return <LoadViewComponent api={api} />;
}

/** The runbook checklist of an incident, when the checklist view is present. */
export function ChecklistSlot(props: { incidentId: string; serviceId: string }) {
  const api = useApi();
  if (!ChecklistComponent) return null;
  return (
    <div className="card checklist-slot">
      <ChecklistComponent api={api} incidentId={props.incidentId} serviceId={props.serviceId} />
    </div>
  );
}
