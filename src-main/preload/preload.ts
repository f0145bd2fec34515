/**
 * The preload: the renderer's only bridge to main. Exposes `window.oncall` with one method per
 * contract channel (each invokes exactly that channel) and `on` for the fixed list of events.
 * Nothing generic is exposed: no raw invoke, send or ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannels,
  invokeChannels,
  type EventName,
  type InvokeName,
  type OncallApi,
} from '../ipc/contract.js';

/** Build the API object (exported for tests). */
export function buildOncallApi(): OncallApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(invokeChannels) as InvokeName[]) {
    const channel = invokeChannels[name].channel;
    api[name] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!Object.prototype.hasOwnProperty.call(eventChannels, event)) {
      throw new Error(`oncall.on: unknown event "${String(event)}"`);
    }
    if (typeof listener !== 'function') throw new Error('oncall.on: the listener must be a function');
    const channel = eventChannels[event];
    // The Electron event object never reaches the page: only the payload does.
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
  return Object.freeze(api) as unknown as OncallApi;
}

contextBridge.exposeInMainWorld('oncall', buildOncallApi());
