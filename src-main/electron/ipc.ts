/**
 * The IPC gate: one `ipcMain.handle` per contract channel, carrying calls to the runtime's handlers
 * (src-main/app/handlers.ts). Each call is answered only for the main window's top frame showing the
 * app's own renderer file; `callHandler` validates its arguments against the contract and always
 * answers an `IpcResult` envelope: nothing is thrown across the bridge.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { invokeChannels, type InvokeName, type IpcErrorCode, type IpcResult } from '../ipc/contract.js';
import type { Logger } from '../core/ports.js';
import { callHandler, type Handlers } from '../app/handlers.js';

/** Options of the gate. */
export interface IpcOptions {
  handlers: Handlers;
  /** The main window, when one exists. */
  mainWindow: () => BrowserWindow | null;
  /** The renderer's file URL (file:///…/dist/renderer/index.html). */
  rendererUrl: string;
  logger: Logger;
  /** Removes secrets from error messages before they cross the bridge. */
  redact?: (text: string) => string;
}

function pathOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? decodeURIComponent(u.pathname) : null;
  } catch {
    return null;
  }
}

/** True when the frame is the main window's top frame on the app's renderer file. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  win: BrowserWindow | null,
  rendererUrl: string,
): boolean {
  const frame: WebFrameMain | null = event.senderFrame;
  if (!frame || !win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  const top = contents.mainFrame;
  if (frame !== top && (frame.processId !== top.processId || frame.routingId !== top.routingId)) return false;
  if (frame.parent !== null) return false;
  const expected = pathOf(rendererUrl);
  return expected !== null && pathOf(frame.url) === expected;
}

function fail(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Register every channel; returns a function that removes them. */
export function registerIpc(opts: IpcOptions): () => void {
  const redact = opts.redact ?? ((t: string) => t);
  const names = Object.keys(invokeChannels) as InvokeName[];
  for (const name of names) {
    const { channel } = invokeChannels[name];
    ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
      if (!isTrustedSender(event, opts.mainWindow(), opts.rendererUrl)) {
        opts.logger.warn('ipc: refused a call from an unknown sender', {
          channel,
          url: event.senderFrame?.url ?? null,
        });
        return fail('bad_sender', `${name}: refused: the call did not come from the app's window`);
      }
      return callHandler(opts.handlers, name, raw, { logger: opts.logger, redact });
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(invokeChannels[name].channel);
  };
}
