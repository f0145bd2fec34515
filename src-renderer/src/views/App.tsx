/**
 * The window: shift header, banners, tabs (Incidents, Shifts, Services, Load, Team, Settings), the current view, the help
 * overlay and messages. Starts the store's feed and the keyboard map.
 */
import { useCallback, useEffect, useRef } from 'react';
import { Banners } from '../components/Banners';
import { HelpOverlay } from '../components/HelpOverlay';
import { ShiftHeader } from '../components/ShiftHeader';
import { LoadSlot, ShiftsSlot, TeamSlot } from '../components/Slots';
import { Toasts } from '../components/Toasts';
import { UndoBar } from '../components/UndoBar';
import { Welcome } from '../components/SignIn';
import { useKeyboard } from '../keyboard/useKeyboard';
import { useApp, useAppStore } from '../store/context';
import type { View } from '../store/store';
import { selectRowsCounts } from '../store/selectors';
import { IncidentDetail } from './IncidentDetail';
import { IncidentsView } from './IncidentsView';
import { ServicesSlot } from './ServicesView';
import { SettingsPage } from './settings/SettingsPage';

const TABS: Array<{ view: View; label: string }> = [
  { view: 'incidents', label: 'Incidents' },
  { view: 'shifts', label: 'Shifts' },
  { view: 'services', label: 'Services' },
  { view: 'load', label: 'Load' },
  { view: 'team', label: 'Team' },
  { view: 'settings', label: 'Settings' },
];

/** The root component. */
export function App() {
  const store = useAppStore();
  const view = useApp((s) => s.view);
  const helpOpen = useApp((s) => s.helpOpen);
  const setView = useApp((s) => s.setView);
  const setHelp = useApp((s) => s.setHelp);
  const counts = useApp((s) => selectRowsCounts(s.data));
  const filterRef = useRef<HTMLInputElement>(null);
  const getFilter = useCallback(() => filterRef.current, []);

  useEffect(() => store.getState().start(), [store]);
  // The window title counts triggered pages, for the taskbar and browser tab.
  useEffect(() => {
    document.title = counts.triggered > 0 ? `(${counts.triggered}) On-Call Companion` : 'On-Call Companion';
  }, [counts.triggered]);
  useKeyboard(store, getFilter);

  const current = view === 'detail' ? 'incidents' : view;
  return (
    <div className="app">
      <ShiftHeader />
      <nav className="tabs" aria-label="Views">
        {TABS.map((t) => (
          <button
            key={t.view}
            type="button"
            className={`tab${current === t.view ? ' tab-current' : ''}`}
            aria-current={current === t.view ? 'page' : undefined}
            onClick={() => setView(t.view)}
          >
            {t.label}
            {t.view === 'incidents' && counts.triggered > 0 ? (
              <span className="tab-badge" aria-label={`${counts.triggered} triggered`}>
                {counts.triggered}
              </span>
            ) : null}
          </button>
        ))}
        <span className="tabs-spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void store.getState().syncNow()}
        >
          <span aria-hidden="true">⟳</span> <span className="tabs-label">Sync now</span>
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label="Keyboard shortcuts"
          onClick={() => setHelp(true)}
        >
          <kbd aria-hidden="true">?</kbd> <span className="tabs-label">Shortcuts</span>
        </button>
      </nav>
      <Banners />
      <main className="content">
        {view === 'incidents' ? <Welcome /> : null}
        {view === 'incidents' ? <IncidentsView ref={filterRef} /> : null}
        {view === 'detail' ? <IncidentDetail /> : null}
        {view === 'settings' ? <SettingsPage /> : null}
        {view === 'load' ? <LoadSlot /> : null}
        {view === 'team' ? <TeamSlot /> : null}
        {view === 'shifts' ? <ShiftsSlot /> : null}
        {view === 'services' ? <ServicesSlot /> : null}
      </main>
      <UndoBar />
      <Toasts />
      {helpOpen ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
