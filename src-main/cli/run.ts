/**
 * The headless command's dispatcher: parse, run the command, and turn every failure into one stderr
 * line and an exit code. Free of process globals so it can be driven in-process by tests.
 */
import { createNodeLogger, levelFor, type NodeLogger } from '../node/logger.js';
import { parseCli, type CliCommand } from './args.js';
import { runAction } from './commands/actions.js';
import { runIncidentWork } from './commands/incident-work.js';
import { runServices } from './commands/services.js';
import { runBackfill } from './commands/backfill.js';
import { runLoad } from './commands/load.js';
import { runReview } from './commands/review.js';
import { runLogin, runLogout } from './commands/login.js';
import { runPreview } from './commands/preview.js';
import { runReport } from './commands/report.js';
import { runSimulator } from './commands/simulator.js';
import { runStatus } from './commands/status.js';
import { runOverride, runShifts } from './commands/shifts.js';
import { runTestNotify } from './commands/test-notify.js';
import { runWatch } from './commands/watch.js';
import { describeFailure } from './errors.js';
import { helpText } from './help.js';
import type { CliContext } from './session.js';

/** The process around one run. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop. */
  stopped: Promise<void>;
  version: string;
  /** stderr is a terminal (default false: plain progress lines). */
  errTty?: boolean;
  /** stdout is a terminal (default false: no colour, no line rewriting). */
  outTty?: boolean;
  /** Write raw text to stdout, no newline added (default: through `out`). */
  write?(text: string): void;
  /** The command that runs this CLI again (node and the launcher), for status bar menu items. */
  self?: readonly string[];
}

/** What the status-bar outputs need to know about stdout and this program. */
export interface OutputTerminal {
  tty: boolean;
  self: readonly string[];
  write(text: string): void;
}

function terminalOf(io: CliIo): OutputTerminal {
  return {
    tty: io.outTty === true,
    self: io.self ?? ['oncall-companion'],
    write: io.write ?? ((text) => io.out(text.replace(/\n$/, ''))),
  };
}

/** Run the command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let logger: NodeLogger = createNodeLogger({ write: io.err });
  try {
    const cmd = parseCli(argv);
    const verbose = 'source' in cmd ? cmd.source.verbose : 'verbose' in cmd ? cmd.verbose : false;
    logger = createNodeLogger({ level: levelFor(verbose), write: io.err });
    // The environment's token is a secret from the start, whatever the command does with it.
    logger.addSecret(io.env.PAGERDUTY_TOKEN);
    const ctx: CliContext = {
      out: io.out,
      err: (text) => io.err(logger.redact(text)),
      errTty: io.errTty === true,
      env: io.env,
      logger,
      stopped: io.stopped,
    };
    return await dispatch(cmd, ctx, io);
  } catch (err) {
    const { line, exitCode } = describeFailure(err, logger.redact);
    io.err(line + '\n');
    logger.debug('failure details', {
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return exitCode;
  }
}

async function dispatch(cmd: CliCommand, ctx: CliContext, io: CliIo): Promise<number> {
  switch (cmd.name) {
    case 'help':
      io.out(helpText(cmd.topic).trimEnd());
      return 0;
    case 'version':
      io.out(io.version);
      return 0;
    case 'watch':
      return runWatch(cmd, ctx, terminalOf(io));
    case 'status':
      return runStatus(cmd, ctx, terminalOf(io));
    case 'shifts':
      return runShifts(cmd, ctx);
    case 'login':
      return runLogin(cmd, ctx);
    case 'logout':
      return runLogout(cmd, ctx);
    case 'override':
      return runOverride(cmd, ctx);
    case 'test-notify':
      return runTestNotify(cmd, ctx);
    case 'ack':
    case 'resolve':
    case 'snooze':
      return runAction(cmd, ctx);
    case 'reassign':
    case 'escalate':
    case 'responders':
    case 'priority':
    case 'urgency':
    case 'status-update':
    case 'merge':
      return runIncidentWork(cmd, ctx);
    case 'services':
    case 'who':
      return runServices(cmd, ctx);
    case 'simulator':
      return runSimulator(cmd, ctx);
    case 'preview':
      return runPreview(cmd, ctx);
    case 'report':
      return runReport(cmd, ctx);
    case 'backfill':
      return runBackfill(cmd, ctx);
    case 'load':
      return runLoad(cmd, ctx);
    case 'review':
      return runReview(cmd, ctx);
  }
}
