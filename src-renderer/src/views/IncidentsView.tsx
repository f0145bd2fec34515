/**
 * The Incidents tab: the filter box, counts, "Acknowledge all mine", and the list.
 */
import { forwardRef } from 'react';
import { IncidentList } from '../components/IncidentList';
import { useApp } from '../store/context';
import { selectMyTriggeredCount, selectRowsCounts } from '../store/selectors';

/** The tab; the ref is the filter box (for `/`). */
export const IncidentsView = forwardRef<HTMLInputElement>(function IncidentsView(_props, filterRef) {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const mine = useApp((s) => selectMyTriggeredCount(s.data));
  const counts = useApp((s) => selectRowsCounts(s.data));
  const ackAllMine = useApp((s) => s.acknowledgeAllMine);
  return (
    <section className="incidents" aria-label="Incidents">
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="filter-box" className="sr-only">
            Filter incidents
          </label>
          <span className="filter-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            id="filter-box"
            ref={filterRef}
            type="search"
            placeholder="Filter by title, service, person, #number"
            value={filter}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setFilter(e.target.value)}
          />
          <kbd aria-hidden="true" className="filter-kbd">
            /
          </kbd>
        </div>
        <div className="counts" aria-label="Counts">
          <span className="count count-triggered">
            <strong>{counts.triggered}</strong> triggered
          </span>
          <span className="count">
            <strong>{counts.acknowledged}</strong> acknowledged
          </span>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={mine === 0}
          onClick={() => void ackAllMine()}
          title="Shift+A"
        >
          Acknowledge all mine{mine > 0 ? ` (${mine})` : ''}
        </button>
      </div>
      <p className="list-hint muted">
        Click to select · double-click or <kbd>Enter</kbd> to open · <kbd>?</kbd> for every key
      </p>
      <IncidentList />
    </section>
  );
});
