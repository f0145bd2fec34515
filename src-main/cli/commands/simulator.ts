/**
 * `oncall-companion simulator`: runs the PagerDuty-compatible simulator alone on 127.0.0.1 and prints
 * its URL as the first line of stdout, until SIGINT or SIGTERM.
 */
import { startSimulator } from '../../core/simulator/index.js';
import type { CliCommand } from '../args.js';
import { CliError } from '../errors.js';
import type { CliContext } from '../session.js';

type SimulatorCommand = Extract<CliCommand, { name: 'simulator' }>;

/** Run `simulator`; resolves with the exit code once stopped. */
export async function runSimulator(cmd: SimulatorCommand, ctx: CliContext): Promise<number> {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      port: cmd.port,
      host: '127.0.0.1',
      scenario: cmd.scenario,
      ...(cmd.seed !== null ? { seed: cmd.seed } : {}),
      speed: cmd.speed,
      logger: ctx.logger,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new CliError(`port ${cmd.port} is in use: pick another with --port, or --port 0`);
    if (code === 'EACCES') throw new CliError(`port ${cmd.port} needs privileges: use a port above 1024`);
    throw err;
  }
  ctx.out(sim.url);
  ctx.logger.info('simulator running', { url: sim.url, scenario: cmd.scenario });
  try {
    await ctx.stopped;
  } finally {
    await sim.close();
  }
  return 0;
}
