/**
 * The Settings view: every setting of the app, validated field by field (here with the shared
 * schema, then by the main process), the write-only token, shortcuts and runbooks.
 */
import { useState } from 'react';
import type { AppSettings, ShortcutAction } from '../../../../src-main/ipc/app-settings';
import type { FieldError, SettingsView } from '../../../../src-main/ipc/contract';
import { POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../../../../src-main/shared/limits';
import { useApi, useApp } from '../../store/context';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { NotificationStatus } from './NotificationStatus';
import { errorsFor, getPath, setPath, shortcutConflicts, validateDraft } from './form-logic';
import { NamePicker } from './NamePicker';
import { RunbooksEditor } from './RunbooksEditor';
import { ShortcutField } from './ShortcutField';
import { TokenSection } from './TokenSection';
import { PauseLowUrgency } from './PauseLowUrgency';
import { SourceSection } from './SourceSection';
import { AccountsSection } from './AccountsSection';
import { TeamBudgetField } from './TeamBudgetField';

const SHORTCUT_LABELS: Record<ShortcutAction, string> = {
  acknowledgeNewest: 'Acknowledge the newest page',
  acknowledgeAllMine: 'Acknowledge all mine',
  showWindow: 'Show the window',
};

function normalise(draft: AppSettings): AppSettings {
  return {
    ...draft,
    runbooks: draft.runbooks.map((r) => ({ ...r, steps: r.steps.map((s) => s.trim()).filter(Boolean) })),
  };
}

/** The view; waits for the settings to load. */
export function SettingsPage() {
  const view = useApp((s) => s.settings);
  if (!view) return <p className="muted">Loading settings…</p>;
  return <SettingsForm view={view} />;
}

function SettingsForm(props: { view: SettingsView }) {
  const api = useApi();
  const setSettings = useApp((s) => s.setSettings);
  const toast = useApp((s) => s.toast);
  const [draft, setDraft] = useState<AppSettings>(props.view.settings);
  // These filters are every account's that has none of its own (ids are per account): say so.
  const inheriting = draft.accounts.filter((a) => !a.filters).length;
  const sharedFilters =
    inheriting > 0
      ? ` They also apply to ${inheriting === 1 ? 'the other account' : `the ${inheriting} other accounts`}: one account's service or team hides the other accounts' pages.`
      : '';
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const set = (path: string, value: unknown): void => {
    setDraft((d) => setPath(d, path, value));
    setStatus(null);
  };
  const bound = { draft, errors, set };
  const conflicts = shortcutConflicts(draft.shortcuts, SHORTCUT_LABELS);

  const save = async (): Promise<void> => {
    const candidate = normalise(draft);
    // The pause is changed by its own control; do not send back a stale copy.
    const current = props.view.settings.notifications.lowUrgencyPausedUntil;
    candidate.notifications = { ...candidate.notifications, lowUrgencyPausedUntil: current };
    // The other accounts are saved by their own card: never send back a stale list.
    candidate.accounts = props.view.settings.accounts;
    const local = validateDraft(candidate);
    if (!local.ok) {
      setErrors(local.errors);
      setStatus(`Not saved: ${local.errors.length} field${local.errors.length === 1 ? '' : 's'} to fix.`);
      return;
    }
    const res = await api.updateSettings(candidate as unknown as Record<string, unknown>);
    if (!res.ok) {
      toast('error', `Settings not saved: ${res.error.message}`);
      return;
    }
    if (!res.value.ok) {
      setErrors(res.value.errors);
      setStatus(`Not saved: ${res.value.errors.length} field(s) to fix.`);
      return;
    }
    setErrors([]);
    setDraft(res.value.view.settings);
    setSettings(res.value.view);
    setStatus('Saved.');
  };

  const urgencies = draft.filters.urgencies;
  const toggleUrgency = (u: 'high' | 'low', on: boolean): void =>
    set('filters.urgencies', on ? [...new Set([...urgencies, u])] : urgencies.filter((x) => x !== u));

  return (
    <form
      className="settings"
      aria-labelledby="settings-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="settings-head">
        <h2 id="settings-h">Settings</h2>
        <div className="inline">
          {status ? (
            <span role="status" className={errors.length ? 'field-error' : 'field-ok'}>
              {status}
            </span>
          ) : null}
          <button type="submit" className="btn btn-primary">
            Save settings
          </button>
        </div>
      </div>
      <div className="settings-grid">
        <div className="settings-col">
          <SourceSection {...bound} />
          <TokenSection view={props.view} bound={bound} />
          <AccountsSection view={props.view} />
          <section className="card" aria-labelledby="filters-h">
            <h3 id="filters-h">What to watch</h3>
            <NumberField
              {...bound}
              path="pollIntervalSeconds"
              label="Poll every"
              unit="seconds"
              min={POLL_INTERVAL_MIN_S}
              max={POLL_INTERVAL_MAX_S}
            />
            <CheckField {...bound} path="filters.includeMyTeams" label="Include my teams’ incidents" />
            <fieldset
              className={`field${errorsFor(errors, 'filters.urgencies').length ? ' field-invalid' : ''}`}
            >
              <legend>Urgencies</legend>
              <label className="check-inline">
                <input
                  type="checkbox"
                  checked={urgencies.includes('high')}
                  onChange={(e) => toggleUrgency('high', e.target.checked)}
                />
                High
              </label>
              <label className="check-inline">
                <input
                  type="checkbox"
                  checked={urgencies.includes('low')}
                  onChange={(e) => toggleUrgency('low', e.target.checked)}
                />
                Low
              </label>
              {errorsFor(errors, 'filters.urgencies').map((m) => (
                <p key={m} className="field-error">
                  {m}
                </p>
              ))}
            </fieldset>
            <NamePicker
              kind="team"
              label="Only these teams"
              hint={`Pick by name; none chosen means every team.${sharedFilters}`}
              multiple
              chosen={draft.filters.teamIds}
              errors={errorsFor(errors, 'filters.teamIds')}
              onChange={(ids) => set('filters.teamIds', ids)}
            />
            <NamePicker
              kind="service"
              label="Only these services"
              hint={`Pick by name; none chosen means every service.${sharedFilters}`}
              multiple
              chosen={draft.filters.serviceIds}
              errors={errorsFor(errors, 'filters.serviceIds')}
              onChange={(ids) => set('filters.serviceIds', ids)}
            />
          </section>
        </div>
        <div className="settings-col">
          <section className="card" aria-labelledby="notif-h">
            <h3 id="notif-h">Notifications</h3>
            <CheckField {...bound} path="notifications.enabled" label="Desktop notifications" />
            <CheckField {...bound} path="notifications.lowUrgency" label="Notify for low-urgency pages" />
            <PauseLowUrgency />
            <CheckField {...bound} path="notifications.sound" label="Play a sound" />
            <SelectField
              {...bound}
              path="alertSound"
              label="Alert sound"
              options={[
                ['chime', 'Chime (two tones)'],
                ['pulse', 'Pulse (three beeps)'],
                ['siren', 'Siren (a sweep)'],
              ]}
              hint="Reminders of an unacknowledged high-urgency page play it louder each time."
            />
            <NumberField {...bound} path="alertVolume" label="Volume" unit="% (0-100)" min={0} max={100} />
            <NotificationStatus />
            <CheckField
              {...bound}
              path="notifications.othersActions"
              label="Tell me when someone else acts on my pages"
            />
            <NumberField
              {...bound}
              path="notifications.reminderMinutes"
              label="Remind me of unacknowledged high-urgency pages every"
              unit="minutes (0 = never)"
              min={0}
              max={120}
            />
            <NumberField
              {...bound}
              path="notifications.shiftLeadMinutes"
              label="Warn me before each of my shifts starts"
              unit="minutes before (0 = off)"
              min={0}
              max={1440}
            />
            <NumberField
              {...bound}
              path="notifications.stormThreshold"
              label="Summarise when more pages than this arrive at once"
              min={2}
              max={100}
            />
            <CheckField
              {...bound}
              path="notifications.quietHours.enabled"
              label="Quiet hours (high urgency still notifies)"
            />
            <div className="inline-fields">
              <TextField {...bound} path="notifications.quietHours.start" label="Quiet from" type="time" />
              <TextField {...bound} path="notifications.quietHours.end" label="Quiet until" type="time" />
            </div>
          </section>
          <section className="card" aria-labelledby="shortcuts-h">
            <h3 id="shortcuts-h">Global shortcuts</h3>
            {(Object.keys(SHORTCUT_LABELS) as ShortcutAction[]).map((a) => (
              <ShortcutField
                key={a}
                id={`sc-${a}`}
                label={SHORTCUT_LABELS[a]}
                value={String(getPath(draft, `shortcuts.${a}`) ?? '')}
                errors={[
                  ...(conflicts[a] ? [conflicts[a]!] : []),
                  ...errorsFor(errors, `shortcuts.${a}`),
                  ...(props.view.shortcutErrors[a] ? [props.view.shortcutErrors[a]!] : []),
                ]}
                onChange={(acc) => set(`shortcuts.${a}`, acc)}
              />
            ))}
          </section>
          <section className="card" aria-labelledby="app-h">
            <h3 id="app-h">App and shift</h3>
            <CheckField {...bound} path="launchAtLogin" label="Launch at login" />
            <CheckField {...bound} path="startHidden" label="Start hidden in the tray" />
            <CheckField
              {...bound}
              path="autoUpdate"
              label="Download updates in the background (installed when you restart or quit)"
            />
            <div className="inline-fields">
              <TextField {...bound} path="offHours.start" label="Off hours from" type="time" />
              <TextField {...bound} path="offHours.end" label="Off hours until" type="time" />
            </div>
            <NumberField
              {...bound}
              path="handoffReminderMinutes"
              label="Remind me to hand off before my shift ends"
              unit="minutes (0 = never)"
              min={0}
              max={240}
            />
            <NumberField
              {...bound}
              path="undoSeconds"
              label="Undo window for Resolve and Acknowledge all"
              unit="seconds (0 = send at once, no undo)"
              min={0}
              max={30}
            />
          </section>
          <RunbooksEditor
            {...bound}
            runbooks={draft.runbooks}
            // The error is about the saved file; it does not apply to a path being edited.
            sourceError={
              draft.runbookSource === props.view.settings.runbookSource ? props.view.runbookSourceError : null
            }
          />
          <TeamBudgetField {...bound} />
        </div>
      </div>
    </form>
  );
}
