/**
 * Entry point of `oncall-companion` (bundled to dist/cli/main.mjs; `bin/oncall-companion.mjs` runs it).
 * Wires the process (stdout, stderr, signals) to {@link runCli}.
 */
import pkg from '../../package.json';
import { runCli } from './run.js';

let stop!: () => void;
const stopped = new Promise<void>((resolve) => (stop = resolve));
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  // The first signal stops cleanly (state is persisted); a second one means "now".
  if (signals > 1) process.exit(130);
  stop();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// A closed stdout (e.g. `watch | head`) ends the run like a signal, without an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') stop();
});

const code = await runCli(process.argv.slice(2), {
  out: (line) => void process.stdout.write(line + '\n'),
  err: (line) => void process.stderr.write(line),
  env: process.env,
  stopped,
  version: (pkg as { version: string }).version,
  errTty: process.stderr.isTTY === true,
  outTty: process.stdout.isTTY === true,
  write: (text) => void process.stdout.write(text),
  // bin/oncall-companion.mjs (or whatever launched this bundle), run by this same node.
  self: process.argv[1] ? [process.execPath, process.argv[1]] : ['oncall-companion'],
});
// stdout and stderr are synchronous for files and pipes on POSIX, so nothing is lost by exiting now;
// exiting also ends any handle a library left open.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
