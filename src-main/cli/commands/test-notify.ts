/**
 * `oncall-companion test-notify`: one test notification through the notifier `watch` uses, with the
 * alert sound; says plainly whether it was shown (exit 0) or why not (exit 1), never "sent" blindly.
 */
import { createHostNotifier } from '../../node/notification-actions.js';
import { createNodeNotifier } from '../../node/notifier.js';
import { createSoundPlayer } from '../../node/sound.js';
import { sendTestNotification } from '../../node/test-notification.js';
import type { CliCommand } from '../args.js';
import { safe } from '../format.js';
import type { CliContext } from '../session.js';

type TestNotifyCommand = Extract<CliCommand, { name: 'test-notify' }>;

/** Run `test-notify`. */
export async function runTestNotify(cmd: TestNotifyCommand, ctx: CliContext): Promise<number> {
  const sound = createSoundPlayer({ logger: ctx.logger });
  const notifier = createHostNotifier({
    appName: 'On-Call Companion',
    logger: ctx.logger,
    sound,
    plain: createNodeNotifier({ appName: 'On-Call Companion', logger: ctx.logger, sound }),
  });
  try {
    const r = await sendTestNotification(notifier);
    if (cmd.json) ctx.out(JSON.stringify({ type: 'notification.delivery', test: true, ...r }));
    else if (r.delivered) ctx.out('Test notification shown.');
    else ctx.out(`Test notification NOT shown: ${safe(r.reason ?? 'unknown reason', 400)}`);
    return r.delivered ? 0 : 1;
  } finally {
    notifier.close();
  }
}
