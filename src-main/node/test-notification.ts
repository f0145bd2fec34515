/**
 * "Send a test notification" (Settings, `oncall-companion test-notify`): one notification through
 * the same notifier and sound as a real page, reported honestly as shown or failed with the reason.
 */
import type { NotificationRequest } from '../core/events.js';

/** The outcome of a test notification. */
export interface TestNotifyResult {
  delivered: boolean;
  reason: string | null;
}

/** The test notification itself (high urgency, with sound, so it sounds like a page). */
export function testNotificationRequest(now = Date.now()): NotificationRequest {
  return {
    key: `test:${now}`,
    kind: 'info',
    title: 'On-Call Companion test notification',
    body: 'If you can see and hear this, pages will reach you.',
    urgency: 'critical',
    incidentId: null,
    incidentIds: [],
    sound: true,
  };
}

/** Show the test notification through a notifier. */
export async function sendTestNotification(notifier: {
  show(n: NotificationRequest): Promise<{ status: string; reason?: string }>;
}): Promise<TestNotifyResult> {
  try {
    const r = await notifier.show(testNotificationRequest());
    return r.status === 'shown'
      ? { delivered: true, reason: null }
      : { delivered: false, reason: r.reason ?? r.status };
  } catch (e) {
    return { delivered: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
