/**
 * Urgency and status shown by a word and a shape, never by colour alone.
 */
import type { Incident } from '../../../src-main/shared/types';

/** "High" with a filled triangle, "Low" with a hollow one. */
export function UrgencyBadge(props: { urgency: Incident['urgency'] }) {
  const high = props.urgency === 'high';
  return (
    <span className={`urgency urgency-${props.urgency}`} title={high ? 'High urgency' : 'Low urgency'}>
      <span aria-hidden="true" className="urgency-icon">
        {high ? '▲' : '▽'}
      </span>
      {high ? 'High' : 'Low'}
    </span>
  );
}

const STATUS_TEXT: Record<Incident['status'], { icon: string; text: string }> = {
  triggered: { icon: '●', text: 'Triggered' },
  acknowledged: { icon: '✓', text: 'Acknowledged' },
  resolved: { icon: '✔', text: 'Resolved' },
};

/** The status with its icon; "Snoozed" when this window snoozed it. */
export function StatusChip(props: {
  status: Incident['status'];
  snoozed?: string | null;
  pending?: boolean;
}) {
  const s = STATUS_TEXT[props.status];
  const text = props.snoozed ? `Snoozed until ${props.snoozed}` : s.text;
  return (
    <span className={`status status-${props.snoozed ? 'snoozed' : props.status}`} data-status={props.status}>
      <span aria-hidden="true" className="status-icon">
        {props.snoozed ? '⏸' : s.icon}
      </span>
      {text}
      {props.pending ? <span className="status-pending"> · sending…</span> : null}
    </span>
  );
}
