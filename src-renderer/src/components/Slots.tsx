/**
 * Where the history views mount: `views/LoadView.tsx` (the Load tab) and
 * `views/RunbookChecklist.tsx` (in the incident detail), each given the window's API. The checklist's
 * links open through `openExternal` (main checks them again) and the answer is said next to it.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useApi } from '../store/context';
import { RunbookChecklist } from '../views/RunbookChecklist';

// The Load, Team and Shifts tabs (with uPlot and the charts) load when first opened: the incident
// list, the first thing an engineer paged at 3 am needs, does not wait for them.
const LoadView = lazy(() => import('../views/LoadView').then((m) => ({ default: m.LoadView })));
const TeamView = lazy(() => import('../views/TeamView').then((m) => ({ default: m.TeamView })));
const ShiftsView = lazy(() => import('../views/ShiftsView').then((m) => ({ default: m.ShiftsView })));

function Tab(props: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      {props.children}
    </Suspense>
  );
}

/** The Load tab's content. */
export function LoadSlot() {
  const api = useApi();
  return (
    <Tab>
      <LoadView api={api} />
    </Tab>
  );
}

/** The Team tab's content. */
export function TeamSlot() {
  const api = useApi();
  return (
    <Tab>
      <TeamView api={api} />
    </Tab>
  );
}

/** The Shifts tab's content. */
export function ShiftsSlot() {
  const api = useApi();
  return (
    <Tab>
      <ShiftsView api={api} />
    </Tab>
  );
}

/** The runbook checklist of an incident. */
export function ChecklistSlot(props: { incidentId: string; serviceId: string }) {
  const api = useApi();
  const [openMsg, setOpenMsg] = useState<{ id: string; text: string } | null>(null);
  // The contract's `openExternal` channel: main checks the link again (https, runbook and PagerDuty
  // hosts, see src-main/app/external-url.ts) before Electron's shell sees it.
  const { openExternal: openLink } = api;
  const onOpenExternal = (url: string): void => {
    setOpenMsg(null);
    void openLink(url).then((res) => {
      const text = !res.ok
        ? `The link was not opened: ${res.error.message}`
        : res.value.opened
          ? null
          : (res.value.reason ?? 'The link was not opened.');
      setOpenMsg(text ? { id: props.incidentId, text } : null);
    });
  };
  return (
    <div className="card checklist-slot">
      <RunbookChecklist
        api={api}
        incidentId={props.incidentId}
        serviceId={props.serviceId}
        onOpenExternal={onOpenExternal}
      />
      {openMsg && openMsg.id === props.incidentId ? (
        <p className="field-hint rb-open-msg" role="status" dir="auto">
          {openMsg.text}
        </p>
      ) : null}
    </div>
  );
}
