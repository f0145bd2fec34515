/**
 * The Team view through the one runtime (the port Electron main and the preview both pass): on the
 * demo account, `getTeamLoad` answers the load and the week's review built in main (numbers checked
 * against the store's pages counted here), the budget saved in Settings is the one rated (a bad one
 * is refused naming the line, nothing saved), the runtime feeds the live feed, a team that does not
 * exist is a message, and a host without the port says so.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSourceOptions } from '../../src-main/app/sources.js';
import { callHandler } from '../../src-main/app/handlers.js';
import type { Runtime, TeamHandle } from '../../src-main/app/runtime.js';
import { silentLogger } from '../../src-main/core/ports.js';
import type { CoreEvent } from '../../src-main/core/events.js';
import { DEMO_TEAM } from '../../src-main/core/simulator/index.js';
import { openSource } from '../../src-main/node/source.js';
import { fileTeamPort } from '../../src-main/node/team.js';
import { createPreviewRuntime } from '../../src-main/preview/runtime.js';
import type { TeamView } from '../../src-main/shared/types.js';
import type { TeamPage } from '../../src-main/core/team/types.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function start(team: Parameters<typeof createPreviewRuntime>[0]['team'] | 'file') {
  const dataDir = await mkdtemp(join(tmpdir(), 'oncall-team-'));
  return { runtime: await startIn(dataDir, team), dataDir };
}

async function startIn(dataDir: string, team: Parameters<typeof createPreviewRuntime>[0]['team'] | 'file') {
  const runtime: Runtime = createPreviewRuntime({
    openSource: (req) => openSource(openSourceOptions(req, dataDir, silentLogger, { scenario: 'none' })),
    logger: silentLogger,
    ...(team === 'file' ? { team: fileTeamPort(dataDir, silentLogger) } : team ? { team } : {}),
  });
  await runtime.start();
  cleanup.push(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return runtime;
}

async function teamLoad(runtime: Runtime, req: { team: string | null; weeks: number } | null) {
  const res = await callHandler(runtime.handlers, 'getTeamLoad', [req], { logger: silentLogger });
  if (!res.ok) throw new Error(res.error.message);
  return res.value as TeamView;
}

describe('the Team view through the runtime', () => {
  it('answers the load and the week’s review from main, with the Settings budget', async () => {
    const { runtime, dataDir } = await start('file');
    const view = await teamLoad(runtime, { team: null, weeks: 8 });
    expect(view.team).toEqual(DEMO_TEAM);
    const load = view.load!;
    const last = load.weeks.at(-1)!;
    const review = view.review!;
    expect(review.week).toBe(last.week);
    // The last week's pages, counted here from the team store's file (what the backfill wrote).
    const since = Date.parse(review.since);
    const until = Date.parse(review.until);
    const perService = new Map<string, number>();
    const text = await readFile(join(dataDir, 'team-history', 'team-pages.jsonl'), 'utf8');
    const seenIds = new Set<string>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      const rec = JSON.parse(line) as { k: string; p?: TeamPage };
      const p = rec.p;
      if (rec.k !== 'tp' || !p || seenIds.has(p.incidentId)) continue;
      seenIds.add(p.incidentId);
      if (!p.teamIds.includes(DEMO_TEAM.id) || p.triggeredAt < since || p.triggeredAt >= until) continue;
      perService.set(p.serviceName, (perService.get(p.serviceName) ?? 0) + 1);
    }
    const pagesInWeek = [...perService.values()].reduce((a, b) => a + b, 0);
    const number = (m: string) => review.numbers.find((n) => n.metric === m)!;
    expect(number('pages').value).toBe(pagesInWeek);
    expect(Object.fromEntries(review.services.map((s) => [s.serviceName, s.pages]))).toEqual(
      Object.fromEntries(perService),
    );
    expect(number('pages').value).toBeGreaterThan(0);
    expect(number('maxPagesPerService').value).toBe(Math.max(...review.services.map((s) => s.pages)));
    // The default budget (10 pages per service per week) marks the seeded flapping service.
    expect(load.budget.pagesPerServicePerWeek).toBe(10);
    const overDefault = review.services.filter((s) => s.pages > 10).map((s) => s.serviceName);
    expect(overDefault.length).toBeGreaterThan(0);
    expect(review.overBudget.map((s) => s.serviceName)).toEqual(overDefault);
    expect(view.thisWeek?.week).not.toBe(last.week);

    // Bad budgets are refused naming the line and the fix; nothing is saved.
    const unknown = await runtime.handlers.updateSettings({
      teamBudget: 'limits:\n  pagesPerServicePerWeek: 4\n  pagesPerWeek: 3\n',
    });
    expect(!unknown.ok && unknown.errors).toEqual([
      {
        path: 'teamBudget',
        message: expect.stringMatching(/^Team budget line 3: unknown limit "pagesPerWeek" \(use /),
      },
    ]);
    const negative = await runtime.handlers.updateSettings({
      teamBudget: '{ "limits": { "mttaP90Minutes": -5 } }',
    });
    expect(!negative.ok && negative.errors[0]).toEqual({
      path: 'teamBudget',
      message: expect.stringMatching(/limits\.mttaP90Minutes must be 0 or more/),
    });
    expect(runtime.settings.get().teamBudget).toBe('');

    // A budget saved in Settings is the one the Team view rates against.
    const most = Math.max(...review.services.map((s) => s.pages));
    const saved = await runtime.handlers.updateSettings({
      teamBudget: `limits:\n  pagesPerServicePerWeek: ${most}\n`,
    });
    expect(saved.ok).toBe(true);
    const after = await teamLoad(runtime, { team: null, weeks: 8 });
    expect(after.load!.budget).toEqual({ pagesPerServicePerWeek: most });
    expect(after.review!.overBudget).toEqual([]);
    expect(after.review!.numbers.find((n) => n.metric === 'maxPagesPerService')!.budget).toBe(most);
  });

  it('a team that does not exist, or a range with no pages, is a message; the next ask still works', async () => {
    const { runtime } = await start('file');
    const none = await teamLoad(runtime, { team: 'Nope', weeks: 4 });
    expect(none.load).toBeNull();
    expect(none.review).toBeNull();
    expect(none.message).toMatch(/^There is no team "Nope" on .*; choose one of the list\.$/);
    expect(none.teams.map((t) => t.name)).toContain('Payments');
    expect((await teamLoad(runtime, { team: 'payments', weeks: 4 })).load?.weeks).toHaveLength(4);
    // A team with no pages in the range (a live demo team, no scenario): said so, numbers all zero.
    const other = none.teams.find((t) => t.id !== DEMO_TEAM.id)!;
    const empty = await teamLoad(runtime, { team: other.id, weeks: 4 });
    expect(empty.message).toBe(
      `No pages for ${other.name} from ${empty.load!.weeks[0]!.week} to ${empty.load!.weeks[3]!.week}.`,
    );
    expect(empty.load!.weeks.map((w) => w.pages)).toEqual([0, 0, 0, 0]);
    expect(empty.review!.overBudget).toEqual([]);
    // The Settings budget's team is the one shown when none is asked.
    expect((await runtime.handlers.updateSettings({ teamBudget: `team: ${other.name}\n` })).ok).toBe(true);
    expect((await teamLoad(runtime, null)).team).toEqual(other);
  });

  it('feeds every core event of the running companion to the team history, and closes it', async () => {
    const recorded: CoreEvent[] = [];
    let closed = 0;
    const handle: TeamHandle = {
      service: {
        getTeamLoad: async () => {
          throw new Error('not asked');
        },
        record: (e) => void recorded.push(e),
      },
      close: async () => void closed++,
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'oncall-team-'));
    const runtime = createPreviewRuntime({
      openSource: (req) =>
        openSource(openSourceOptions(req, dataDir, silentLogger, { scenario: 'demo', speed: 20 })),
      logger: silentLogger,
      settings: { pollIntervalSeconds: 2 },
      team: { open: async () => handle },
    });
    const seen: string[] = [];
    runtime.subscribe((e) => void (e.name === 'coreEvent' && seen.push(e.payload.type)));
    await runtime.start();
    const deadline = Date.now() + 20_000;
    while (!recorded.some((e) => e.type === 'incident.triggered') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
    expect(recorded.some((e) => e.type === 'incident.triggered')).toBe(true);
    expect(recorded.map((e) => e.type)).toEqual(seen.slice(0, recorded.length));
    expect(closed).toBe(1);
  });

  it('a slow team history holds neither the feed nor the start; the Team view waits for it', async () => {
    let release: () => void = () => {};
    const opened = new Promise<void>((r) => (release = r));
    const handle: TeamHandle = {
      service: { getTeamLoad: async () => ({ from: 'slow port' }) as never, record: () => {} },
      close: async () => {},
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'oncall-team-'));
    const runtime = createPreviewRuntime({
      openSource: (req) => openSource(openSourceOptions(req, dataDir, silentLogger, { scenario: 'none' })),
      logger: silentLogger,
      team: { open: () => opened.then(() => handle) },
    });
    cleanup.push(async () => {
      release();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    await runtime.start();
    expect(runtime.companion()).not.toBeNull();
    let answered: unknown = null;
    const asked = teamLoad(runtime, null).then((v) => (answered = v));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBeNull();
    release();
    await asked;
    expect(answered).toEqual({ from: 'slow port' });
  });

  it('a host without a team history says so', async () => {
    const { runtime } = await start(undefined);
    const res = await callHandler(runtime.handlers, 'getTeamLoad', [null], { logger: silentLogger });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('unavailable');
      expect(res.error.message).toMatch(/keeps no team history/);
    }
  });
});
