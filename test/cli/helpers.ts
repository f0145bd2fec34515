/**
 * Helpers of the CLI end-to-end tests: build the bundled CLI once (shared by test files running in
 * parallel), spawn `node bin/oncall-companion.mjs ...` with an isolated HOME, read its lines, and
 * talk to a simulator's control API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'oncall-companion.mjs');
const BUNDLE = join(ROOT, 'dist', 'cli', 'main.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function bundleFresh(): boolean {
  try {
    return (
      statSync(BUNDLE).mtimeMs >
      Math.max(newestSource(join(ROOT, 'src-main')), statSync(join(ROOT, 'package.json')).mtimeMs)
    );
  } catch {
    return false;
  }
}

/** Build dist/cli/main.mjs unless it is newer than every source file; one builder at a time. */
export async function buildCli(): Promise<void> {
  const lock = join(ROOT, 'dist', '.cli-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another CLI build');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (!bundleFresh()) {
      const r = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`CLI build failed: ${r.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A fresh environment: own HOME and data folder, no token unless given. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'occ-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), ...extra };
  delete env.PAGERDUTY_TOKEN;
  delete env.ONCALL_COMPANION_DATA_DIR;
  if (extra.PAGERDUTY_TOKEN) env.PAGERDUTY_TOKEN = extra.PAGERDUTY_TOKEN;
  return env;
}

/** `watch --json --no-notify` against the API at `apiUrl`, on the data folder `dataDir`, polling every 2 s. */
export function watchJsonArgs(apiUrl: string, dataDir: string): string[] {
  return [
    'watch',
    '--json',
    '--no-notify',
    '--api-url',
    apiUrl,
    '--data-dir',
    dataDir,
    '--poll-interval',
    '2',
  ];
}

/** The result of a finished run. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI to completion. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cliEnv(),
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oncall-companion ${args.join(' ')} did not finish; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running CLI process (watch, simulator) whose output lines are collected. */
export class CliProcess {
  readonly lines: string[] = [];
  stderr = '';
  private partial = '';
  private waiters: Array<() => void> = [];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited = false;

  constructor(
    readonly child: ChildProcess,
    readonly args: string[],
  ) {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.partial += d;
      const parts = this.partial.split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const w of this.waiters.splice(0)) w();
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exit = new Promise((resolve) =>
      child.on('close', (code, signal) => {
        this.exited = true;
        for (const w of this.waiters.splice(0)) w();
        resolve({ code, signal });
      }),
    );
  }

  /** Start `oncall-companion <args>`. */
  static start(args: string[], env: NodeJS.ProcessEnv = cliEnv()): CliProcess {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new CliProcess(child, args);
  }

  /** Wait for an output line matching `match` (searching from line `from`); throws after `timeoutMs`. */
  async waitForLine(match: (line: string) => boolean, timeoutMs: number, from = 0): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(match);
      if (found !== undefined) return found;
      if (this.exited) throw new Error(`process exited before the line came; stderr: ${this.stderr}`);
      const left = end - Date.now();
      if (left <= 0) {
        throw new Error(
          `no matching line within ${timeoutMs} ms; last lines: ${this.lines.slice(-5).join('\n')}; stderr: ${this.stderr.slice(-500)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** JSON events printed so far (every stdout line must be one). */
  events(): Array<Record<string, unknown> & { type: string }> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown> & { type: string });
  }

  /** Send a signal and wait for the exit. */
  async stop(
    signal: NodeJS.Signals = 'SIGINT',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) this.child.kill(signal);
    return this.exit;
  }
}

/** Start `oncall-companion simulator` and return it with its URL (its first stdout line). */
export async function startSimulatorCli(
  args: string[] = ['--scenario', 'none'],
): Promise<{ proc: CliProcess; url: string }> {
  const proc = CliProcess.start(['simulator', '--port', '0', ...args]);
  const url = await proc.waitForLine((l) => l.startsWith('http://'), 20_000);
  return { proc, url };
}

/** Call the simulator's control API. */
export async function sim<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Create an incident assigned to me; returns its id. */
export async function createIncident(
  url: string,
  title: string,
  urgency: 'high' | 'low' = 'high',
): Promise<string> {
  const r = await sim<{ incident: { id: string } }>(url, 'POST', '/__sim/incidents', { title, urgency });
  return r.incident.id;
}

/** The simulator's view of one incident. */
export async function simIncident(
  url: string,
  id: string,
): Promise<{ status: string; ackedBy: string | null; history: Array<{ type: string }> } | undefined> {
  const r = await sim<{
    incidents: Array<{
      id: string;
      status: string;
      ackedBy: string | null;
      history: Array<{ type: string }>;
    }>;
  }>(url, 'GET', '/__sim/state');
  return r.incidents.find((i) => i.id === id);
}

/** Forward one request (its body already read) to `target` and its answer back: a test proxy's core. */
export function forward(target: string, req: IncomingMessage, res: ServerResponse, body: Buffer[]): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
  void fetch(`${target}${req.url}`, {
    method: req.method,
    headers,
    body: body.length ? Buffer.concat(body) : undefined,
  }).then(async (r) => {
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
}
