/**
 * Where the history views mount: `views/LoadView.tsx` (the Load tab) and
 * `views/RunbookChecklist.tsx` (in the incident detail), each given the window's API. The checklist's
 * links open through `openExternal` (main checks them again) and the answer is said next to it.
 */
import { useState } from 'react';
import { useApi } from '../store/context';
import { LoadView } from '../views/LoadView';
import { TeamView } from '../views/TeamView';
import { ShiftsView } from '../views/ShiftsView';
import { RunbookChecklist } from '../views/RunbookChecklist';

/** The Load tab's content. */
export function LoadSlot() {
  const api = useApi();
  return <LoadView api={api} />;
}

/** The Team tab's content. */
export function TeamSlot() {
  const api = useApi();
  return <TeamView api={api} />;
}

/** The Shifts tab's content. */
export function ShiftsSlot() {
  const api = useApi();
  return <ShiftsView api={api} />;
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
