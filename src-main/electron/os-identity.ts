/**
 * How the app names itself to the OS. On Windows, toasts show the name and icon of the Start menu
 * shortcut whose AppUserModelID matches the process's: electron-builder's NSIS installer gives the
 * shortcut the `appId` of electron-builder.yml, so the process and node-notifier's SnoreToast use the
 * same id (a test keeps the two equal).
 */
export const APP_USER_MODEL_ID = 'dev.oncall-companion.app';

/** Set the Windows AppUserModelID; other platforms have no such thing. */
export function applyOsIdentity(
  app: { setAppUserModelId(id: string): void },
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}
