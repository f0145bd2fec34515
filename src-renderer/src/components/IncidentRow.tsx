/**
 * One incident in the list: urgency, title, status, number, service, assignees, age, and its
 * Acknowledge / Resolve / Snooze buttons. A `listitem` named by the incident's title.
 */
import { memo } from 'react';
import type { RowModel } from '../store/selectors';
import { age, clockTime, peopleList } from '../store/format';
import { StatusChip, UrgencyBadge } from './Urgency';

/** What a row can ask for. */
export interface RowHandlers {
  select(id: string): void;
  open(id: string): void;
  acknowledge(ids: string[]): void;
  resolve(ids: string[]): void;
  toggleSnooze(id: string): void;
}

/** Props of {@link IncidentRow}. */
export interface IncidentRowProps {
  row: RowModel;
  index: number;
  setSize: number;
  top: number;
  height: number;
  selected: boolean;
  snoozeOpen: boolean;
  meId: string | null;
  now: number;
  handlers: RowHandlers;
}

/** Element id of a row's title (names the row). */
export function rowTitleId(id: string): string {
  return `incident-title-${id}`;
}

function IncidentRowImpl(p: IncidentRowProps) {
  const inc = p.row.incident;
  const id = inc.id;
  const tab = p.selected ? 0 : -1;
  const snoozed = p.row.snoozedUntil ? clockTime(new Date(p.row.snoozedUntil).toISOString(), p.now) : null;
  return (
    <div
      role="listitem"
      aria-labelledby={rowTitleId(id)}
      aria-setsize={p.setSize}
      aria-posinset={p.index + 1}
      aria-current={p.selected ? 'true' : undefined}
      tabIndex={tab}
      data-incident-id={id}
      data-status={p.row.status}
      data-account={inc.account?.name}
      data-stale={p.row.stale ? 'true' : undefined}
      className={`row row-${p.row.status} row-${inc.urgency}${p.selected ? ' row-selected' : ''}`}
      style={{ top: p.top, height: p.height }}
      onClick={() => p.handlers.select(id)}
      onDoubleClick={() => p.handlers.open(id)}
    >
      <div className="row-urgency">
        <UrgencyBadge urgency={inc.urgency} />
      </div>
      <div className="row-main">
        <div className="row-title" id={rowTitleId(id)} dir="auto" title={inc.title}>
          {inc.title}
        </div>
        <div className="row-meta">
          {inc.account ? (
            <span className="account-badge" dir="auto" title={`Account: ${inc.account.name}`}>
              {inc.account.name}
            </span>
          ) : null}
          {p.row.stale ? (
            <span className="row-stale" title="This account is not syncing: the row may be out of date">
              stale
            </span>
          ) : null}
          <StatusChip status={p.row.status} snoozed={snoozed} pending={p.row.pending} />
          {p.row.retrying ? <span className="row-retrying">retrying: {p.row.retrying}</span> : null}
          <span className="meta-num">#{inc.number}</span>
          {inc.priority ? (
            <span className="meta-priority" dir="auto" title="Priority">
              {inc.priority}
            </span>
          ) : null}
          <span className="meta-service" dir="auto" title={inc.service.summary}>
            {inc.service.summary}
          </span>
          <span className={`meta-people${p.row.mine ? ' meta-mine' : ''}`} dir="auto">
            {peopleList(inc.assignees, p.meId)}
          </span>
        </div>
      </div>
      <div className="row-age" title={`Opened ${clockTime(inc.createdAt, p.now)}`}>
        {age(inc.createdAt, p.now)}
      </div>
      <div className="row-actions">
        {p.row.status === 'triggered' ? (
          <button
            type="button"
            className="btn btn-ack"
            tabIndex={tab}
            onClick={(e) => {
              e.stopPropagation();
              p.handlers.select(id);
              p.handlers.acknowledge([id]);
            }}
          >
            Acknowledge
          </button>
        ) : (
          <span className="btn-placeholder" aria-hidden="true" />
        )}
        <button
          type="button"
          className="btn"
          tabIndex={tab}
          onClick={(e) => {
            e.stopPropagation();
            p.handlers.select(id);
            p.handlers.resolve([id]);
          }}
        >
          Resolve
        </button>
        <button
          type="button"
          className="btn"
          tabIndex={tab}
          aria-haspopup="menu"
          aria-expanded={p.snoozeOpen}
          data-snooze-for={id}
          onClick={(e) => {
            e.stopPropagation();
            p.handlers.select(id);
            p.handlers.toggleSnooze(id);
          }}
        >
          Snooze
        </button>
      </div>
    </div>
  );
}

/** The row, re-rendered only when its own props change. */
export const IncidentRow = memo(IncidentRowImpl);
