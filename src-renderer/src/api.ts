/**
 * The one way the renderer reaches the core: `window.oncall` when the Electron preload exposes it,
 * otherwise an HTTP bridge to the browser preview server, with the access token from `?token=`.
 */
import type { OncallApi } from '../../src-main/ipc/contract';
import { createHttpBridge, type RendererApi } from './api/http-bridge';

declare global {
  interface Window {
    oncall?: OncallApi;
  }
}

/** The API of this window. */
export function pickApi(win: Window = window): RendererApi {
  if (win.oncall) return win.oncall;
  const token = new URL(win.location.href).searchParams.get('token') ?? '';
  return createHttpBridge({
    baseUrl: win.location.origin,
    token,
    fetch: win.fetch.bind(win),
    EventSource: (win as unknown as { EventSource: typeof EventSource }).EventSource,
  });
}

export type { RendererApi } from './api/http-bridge';
