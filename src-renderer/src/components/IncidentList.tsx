/**
 * The incident list: virtualized rows in list order, the selection kept in view and focused when
 * the keyboard moved it, and the snooze menu of the row that asked for it.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useApp, useAppStore } from '../store/context';
import { selectRows } from '../store/store';
import { IncidentRow, type RowHandlers } from './IncidentRow';
import { OnCallWithMe } from './OnCallWithMe';
import { SnoozeMenu } from './SnoozeMenu';
import { useNarrow } from './useNarrow';
import { VirtualList } from './VirtualList';

/** Height of one row in px (two lines of text and padding). */
export const ROW_HEIGHT = 60;
/** Row height in a side panel: title on up to two lines, facts, then the actions. */
export const NARROW_ROW_HEIGHT = 112;

/** The list of open incidents. */
export function IncidentList() {
  const store = useAppStore();
  const rows = useApp(selectRows);
  const selectedId = useApp((s) => s.selectedId);
  const snoozeFor = useApp((s) => s.snoozeFor);
  const meId = useApp((s) => s.data.me?.id ?? null);
  const now = useApp((s) => Math.floor(s.now / 5000) * 5000);
  const loaded = useApp((s) => s.data.loaded);
  const filter = useApp((s) => s.filter);
  const live = useApp((s) => s.data.sync.state === 'live');
  const wrapRef = useRef<HTMLDivElement>(null);
  const rowHeight = useNarrow() ? NARROW_ROW_HEIGHT : ROW_HEIGHT;

  const handlers = useMemo<RowHandlers>(() => {
    const a = store.getState();
    return {
      select: a.select,
      open: a.open,
      acknowledge: (ids) => void a.acknowledge(ids),
      resolve: (ids) => void a.resolve(ids),
      toggleSnooze: (id) => {
        a.setSnoozeFor(store.getState().snoozeFor === id ? null : id);
      },
    };
  }, [store]);

  const selectedIndex = rows.findIndex((r) => r.incident.id === selectedId);
  const hasRows = rows.length > 0;

  // Mark the first paint of a non-empty list (read by the renderer bench).
  useEffect(() => {
    if (!hasRows || performance.getEntriesByName('oncall:list-painted').length > 0) return;
    requestAnimationFrame(() => setTimeout(() => performance.mark('oncall:list-painted'), 0));
  }, [hasRows]);

  // Keep DOM focus on the selected row while the user works in the list.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap || !selectedId || snoozeFor) return;
    const active = document.activeElement;
    const inList = active === document.body || active === null || wrap.contains(active);
    if (!inList) return;
    const el = wrap.querySelector<HTMLElement>(`[data-incident-id="${CSS.escape(selectedId)}"]`);
    if (el && !el.contains(active)) el.focus({ preventScroll: true });
  }, [selectedId, selectedIndex, snoozeFor]);

  const close = useCallback(() => {
    store.getState().setSnoozeFor(null);
    const el = wrapRef.current?.querySelector<HTMLElement>(
      `[data-incident-id="${CSS.escape(selectedId ?? '')}"]`,
    );
    el?.focus({ preventScroll: true });
  }, [store, selectedId]);

  const snoozeRow = snoozeFor ? rows.find((r) => r.incident.id === snoozeFor) : undefined;

  if (!loaded) return <div className="list-empty">Loading incidents…</div>;

  return (
    <div ref={wrapRef} className="list-wrap">
      {rows.length === 0 ? (
        <div className="list-empty" role="status">
          {filter
            ? 'No open incident matches the filter.'
            : live
              ? 'No open incidents. All quiet.'
              : 'No incidents to show yet: see the message above.'}
          {!filter && live ? <OnCallWithMe /> : null}
        </div>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={rowHeight}
          keepVisible={selectedIndex}
          label="Open incidents"
          renderRow={(row, index, top) => (
            <IncidentRow
              key={row.incident.id}
              row={row}
              index={index}
              setSize={rows.length}
              top={top}
              height={rowHeight}
              selected={row.incident.id === selectedId}
              snoozeOpen={row.incident.id === snoozeFor}
              meId={meId}
              now={now}
              handlers={handlers}
            />
          )}
        />
      )}
      {snoozeRow ? (
        <SnoozeMenu
          incidentId={snoozeRow.incident.id}
          incidentTitle={snoozeRow.incident.title}
          onClose={close}
          onPick={(seconds) => {
            const id = snoozeRow.incident.id;
            close();
            void store.getState().snooze(id, seconds);
          }}
        />
      ) : null}
    </div>
  );
}
