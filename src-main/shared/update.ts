/**
 * What the tray and the window say about an update: shared by the shell and the renderer, which
 * imports it from here (never from the core's update rules).
 */
import type { ShownUpdateStatus as UpdateStatus } from './types.js';

/** The message the tray and the window show, or null when there is nothing to say. */
export function updateMessage(s: UpdateStatus): string | null {
  switch (s.state) {
    case 'ready':
      return `Update ready: restart to install (version ${s.version})`;
    case 'downloading':
      return `Downloading update ${s.version} (${Math.round(s.percent)}%)`;
    default:
      return null;
  }
}
