/**
 * Carries out one preload call for the preview: validated arguments in, an `IpcResult` envelope
 * out, never a throw. Core calls go to the current companion; settings live in memory; history
 * calls go to the history service once one is wired, else answer `unavailable`.
 */
import type { Companion } from '../core/companion-types.js';
import type { Logger } from '../core/ports.js';
import type { SourceSettings } from '../core/settings.js';
import { invokeChannels, parseArgs, type InvokeName, type IpcResult } from '../ipc/contract.js';
import type { AppSettings } from '../ipc/app-settings.js';
import type { ShownUpdateStatus } from '../core/update/status.js';
import { deepMerge, sourceChanged, validateSettings, type PreviewSettings } from './settings-state.js';

/** What the invoker reaches. */
export interface InvokeContext {
  companion(): Companion;
  settings: PreviewSettings;
  logger: Logger;
  /** Replace the companion for a new source or token (null when the host cannot). */
  switchSource: ((source: SourceSettings, token: string | null) => Promise<void>) | null;
  /** History service (metrics, report, runbooks) when wired. */
  history: unknown;
  /** Tell every open page that settings changed. */
  settingsChanged(): void;
  /** A fixed update status to show (`preview --simulate-update`), marked simulated; else none. */
  updateStatus?: ShownUpdateStatus | null;
}

/** What the preview says about updates: it has none of its own. */
function previewUpdateStatus(ctx: InvokeContext): ShownUpdateStatus {
  return (
    ctx.updateStatus ?? {
      state: 'unsupported',
      currentVersion: '0.0.0',
      reason: 'The browser preview does not update itself; the desktop app does.',
    }
  );
}

/** True for a known invoke name. */
export function isInvokeName(name: string): name is InvokeName {
  return Object.prototype.hasOwnProperty.call(invokeChannels, name);
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const fail = (code: 'bad_arguments' | 'failed' | 'unavailable', message: string): IpcResult<never> => ({
  ok: false,
  error: { code, message },
});

/** Run a call. */
export async function invoke(
  ctx: InvokeContext,
  name: InvokeName,
  rawArgs: unknown[],
): Promise<IpcResult<unknown>> {
  const parsed = parseArgs(name, rawArgs);
  if (!parsed.ok) return fail('bad_arguments', parsed.message);
  const args = parsed.args as unknown[];
  try {
    return await dispatch(ctx, name, args);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.logger.warn('preview call failed', { call: name, error: message });
    return fail('failed', message);
  }
}

async function dispatch(ctx: InvokeContext, name: InvokeName, args: unknown[]): Promise<IpcResult<unknown>> {
  const c = ctx.companion();
  switch (name) {
    case 'getSnapshot':
      return ok(c.snapshot());
    case 'syncNow':
      await c.syncNow();
      return ok(null);
    case 'acknowledge':
      return ok(await c.acknowledge(args[0] as string[]));
    case 'resolve':
      return ok(await c.resolve(args[0] as string[]));
    case 'snooze':
      return ok(await c.snooze(args[0] as string, args[1] as number));
    case 'acknowledgeAllMine':
      return ok(await c.acknowledgeAllMine());
    case 'addNote':
      return ok(await c.addNote(args[0] as string, args[1] as string));
    case 'holdAction':
      return ok(await c.hold(args[0] as 'resolve', args[1] as string[], args[2] as number));
    case 'undoAction':
      return ok({ undone: await c.undo(args[0] as string) });
    case 'getLogEntries':
      return ok(await c.logEntries(args[0] as string));
    case 'openIncidentInBrowser': {
      const inc = c.snapshot().incidents.find((i) => i.id === args[0]);
      const url = inc?.htmlUrl ?? null;
      if (!url || !url.startsWith('https://'))
        return ok({ opened: false, reason: 'This incident has no https link.' });
      return ok({
        opened: false,
        reason: `The browser preview does not open links itself; the incident is at ${url}`,
      });
    }
    case 'openExternal':
      // Like openIncidentInBrowser: the preview opens nothing itself, it says where the link goes.
      return ok({
        opened: false,
        reason: `The browser preview does not open links itself; the link is ${args[0] as string}`,
      });
    case 'getSettings':
      return ok(ctx.settings.view());
    case 'getUpdateStatus':
      return ok(previewUpdateStatus(ctx));
    case 'installUpdate':
      return ok({
        accepted: false,
        reason: ctx.updateStatus?.simulated
          ? 'This update is simulated (preview --simulate-update): there is nothing to install.'
          : 'The browser preview has no update to install.',
      });
    case 'testNotification':
      return ok({
        delivered: false,
        reason:
          'The browser preview raises no desktop notifications: use the desktop app, or run `oncall-companion test-notify`.',
      });
    case 'getNotificationHealth':
      // The preview raises no desktop notifications.
      return ok({ silenced: null, lastFailure: null });
    case 'updateSettings':
      return updateSettings(ctx, args[0] as Record<string, unknown>);
    case 'setToken': {
      const previous = ctx.settings.token;
      ctx.settings.token = args[0] as string;
      try {
        await switchTo(ctx, ctx.settings.settings.source);
      } catch (err) {
        ctx.settings.token = previous;
        throw err;
      }
      ctx.settingsChanged();
      return ok(ctx.settings.view());
    }
    case 'clearToken': {
      const hadToken = ctx.settings.token !== null || ctx.settings.startedWithToken;
      ctx.settings.token = null;
      ctx.settings.startedWithToken = false;
      // As in the desktop app: without a token nothing may keep polling PagerDuty with the old one;
      // the demo takes over until a token is entered again.
      if (hadToken) await switchTo(ctx, { kind: 'demo', scenario: 'demo' });
      ctx.settingsChanged();
      return ok(ctx.settings.view());
    }
    case 'pauseLowUrgency': {
      const minutes = args[0] as number | null;
      const until = minutes === null ? null : Date.now() + minutes * 60_000;
      c.pauseLowUrgency(until);
      ctx.settings.settings = {
        ...ctx.settings.settings,
        notifications: { ...ctx.settings.settings.notifications, lowUrgencyPausedUntil: until },
      };
      ctx.settingsChanged();
      return ok({ until });
    }
    case 'getMetrics':
    case 'getReport':
    case 'getTeamLoad':
    case 'getRunbook':
    case 'setChecklistStep':
      return historyCall(ctx, name, args);
    case 'getRoster':
      return ok(await c.roster(args[0] as number));
    case 'trade':
      return ok(await c.trade(args[0] as Parameters<Companion['trade']>[0]));
  }
}

async function switchTo(ctx: InvokeContext, source: SourceSettings): Promise<void> {
  if (!ctx.switchSource) return;
  await ctx.switchSource(source, ctx.settings.token);
}

async function updateSettings(
  ctx: InvokeContext,
  patch: Record<string, unknown>,
): Promise<IpcResult<unknown>> {
  const merged = deepMerge(ctx.settings.settings, patch);
  const res = validateSettings(merged);
  if (!res.ok) return ok({ ok: false, errors: res.errors });
  const before = ctx.settings.settings;
  if (sourceChanged(before.source, res.settings.source) && ctx.switchSource) {
    try {
      await ctx.switchSource(res.settings.source, ctx.settings.token);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return ok({ ok: false, errors: [{ path: 'source', message }] });
    }
  }
  ctx.settings.settings = res.settings;
  ctx.companion().updateSettings(res.settings);
  await applyToHistory(ctx, res.settings);
  ctx.settingsChanged();
  return ok({ ok: true, view: ctx.settings.view() });
}

type HistoryName = 'getMetrics' | 'getReport' | 'getTeamLoad' | 'getRunbook' | 'setChecklistStep';

async function historyCall(
  ctx: InvokeContext,
  name: HistoryName,
  args: unknown[],
): Promise<IpcResult<unknown>> {
  const h = ctx.history as Record<string, unknown> | null | undefined;
  const fn = h && typeof h === 'object' ? h[name] : undefined;
  if (typeof fn !== 'function') {
    return fail('unavailable', 'This preview keeps no shift history.');
  }
  return ok(await (fn as (...a: unknown[]) => unknown).apply(h, args));
}

/**
 * Hand the history service (when wired) the settings it acts on: runbooks, off hours, handoff lead
 * time; the shared runbook file's error (naming the line) goes into the settings view.
 */
export async function applyToHistory(ctx: InvokeContext, s: AppSettings): Promise<void> {
  const h = ctx.history as Record<string, unknown> | null | undefined;
  if (!h || typeof h !== 'object') return;
  const warn = (err: unknown): string => {
    const message = err instanceof Error ? err.message : String(err);
    ctx.logger.warn('history settings not applied', { error: message });
    return message;
  };
  if (typeof h.setRunbooks === 'function') {
    try {
      const res: unknown = await h.setRunbooks(s.runbooks, s.runbookSource);
      ctx.settings.runbookSourceError = sourceErrorOf(res);
    } catch (err) {
      const message = warn(err);
      ctx.settings.runbookSourceError = s.runbookSource ? message : null;
    }
  }
  try {
    if (typeof h.updateOptions === 'function') {
      h.updateOptions({ offHours: s.offHours, handoffReminderMinutes: s.handoffReminderMinutes });
    }
  } catch (err) {
    warn(err);
  }
}

function sourceErrorOf(res: unknown): string | null {
  const e = res && typeof res === 'object' ? (res as { sourceError?: unknown }).sourceError : null;
  return typeof e === 'string' && e ? e : null;
}
