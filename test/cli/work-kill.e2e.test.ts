/**
 * Kill -9 with a queued reassign, for real: the built `oncall-companion reassign` (its own data
 * folder) against `simulator --port 0` whose PUT /incidents/{id} fails (hangs, answers 500, or is
 * applied with its answer lost) is SIGKILLed while the reassign is queued; the fault is cleared and
 * `watch` starts on the same data folder. The simulator's own request log (`/__sim/requests`) and
 * state (`/__sim/state`) must show exactly one PUT with the assignment that took effect, nothing
 * sent again, and the incident assigned to the teammate.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_ME, SIM_TEAMMATES } from '../../src-main/core/simulator/index.js';
import type { SimIncidentRecord } from '../../src-main/core/simulator/index.js';
import { buildCli, CliProcess, cliEnv, createIncident, sim, startSimulatorCli } from './helpers.js';

const TOKEN = 'e2e-token-kill-Zr55aa';
const [alex] = SIM_TEAMMATES;
let url = '';
let simProc: CliProcess;
const dirs: string[] = [];

beforeAll(async () => {
  await buildCli();
  ({ proc: simProc, url } = await startSimulatorCli());
}, 120_000);
afterAll(async () => {
  await simProc?.stop('SIGTERM');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Req = { method: string; path: string; body: unknown; status: number | null; fault: string | null };
const requests = async () => (await sim<{ requests: Req[] }>(url, 'GET', '/__sim/requests')).requests;
const record = async (id: string) =>
  (await sim<{ incidents: SimIncidentRecord[] }>(url, 'GET', '/__sim/state')).incidents.find(
    (i) => i.id === id,
  )!;

async function until(cond: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The queue file of the source (`<data dir>/pagerduty-<api>/actions.json`, written before the first send). */
function queued(dataDir: string): Array<{ kind: string; incidentIds: string[] }> {
  const folders = readdirSync(dataDir).filter((d) => d.startsWith('pagerduty-'));
  expect(folders).toHaveLength(1);
  const file = join(dataDir, folders[0]!, 'actions.json');
  if (!existsSync(file)) return [];
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const list = Array.isArray(raw) ? raw : ((raw as { value?: unknown }).value ?? []);
  return list as Array<{ kind: string; incidentIds: string[] }>;
}

const FAULTS = [
  { name: 'hangs', fault: { mode: 'hang' }, applied: false },
  { name: 'answers 500', fault: { mode: 'error', status: 500 }, applied: false },
  { name: 'is applied and its answer lost', fault: { mode: 'apply_hang', count: 1 }, applied: true },
] as const;

describe('kill -9 with a queued reassign (real processes)', () => {
  it.each(FAULTS)(
    'the PUT $name: after the restart it is delivered exactly once',
    async ({ fault, applied }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'occ-kill-'));
      dirs.push(dataDir);
      const env = cliEnv({ PAGERDUTY_TOKEN: TOKEN });
      const id = await createIncident(url, `kill -9: reassign ${fault.mode}`);
      const path = `/incidents/${id}`;
      await sim(url, 'DELETE', '/__sim/requests');
      await sim(url, 'POST', '/__sim/faults', { ...fault, method: 'PUT', path });
      const puts = async () => (await requests()).filter((q) => q.method === 'PUT' && q.path === path);

      const src = ['--api-url', url, '--data-dir', dataDir, '--poll-interval', '2'];
      const first = CliProcess.start(['reassign', id, '--to', 'alex', ...src], env);
      await until(async () => (await puts()).some((q) => q.fault === fault.mode), 'the faulted PUT');
      expect(queued(dataDir).map((a) => [a.kind, a.incidentIds])).toEqual([['reassign', [id]]]);
      expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
      await sim(url, 'POST', '/__sim/faults', { mode: 'none' });
      expect((await record(id)).assignees).toEqual(applied ? [alex!.id] : [SIM_ME.id]);

      const second = CliProcess.start(['watch', '--json', '--no-notify', ...src], env);
      try {
        await second.waitForLine((l) => l.includes('"action.done"') && l.includes('"reassign"'), 30_000);
      } finally {
        await second.stop('SIGINT');
      }
      expect(queued(dataDir)).toEqual([]);
      expect((await record(id)).assignees).toEqual([alex!.id]);
      const all = await puts();
      const effective = all.filter((q) => (q.status !== null && q.status < 300) || q.fault === 'apply_hang');
      expect(effective).toHaveLength(1);
      expect(effective[0]!.body).toMatchObject({
        incident: { assignments: [{ assignee: { id: alex!.id, type: 'user_reference' } }] },
      });
      // Every PUT before the kill met the fault; after it, at most the one delivery.
      const afterKill = all.filter((q) => q.fault === null);
      expect(afterKill).toHaveLength(applied ? 0 : 1);
      const events = second.events().filter((e) => e.type === 'action.done');
      expect(events).toHaveLength(1);
    },
    90_000,
  );
});
