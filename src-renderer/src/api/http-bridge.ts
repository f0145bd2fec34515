/**
 * The browser preview's stand-in for the preload: the same `OncallApi`, carried over HTTP to the
 * preview server (POST /api/invoke/<name>, token in a header) with events over Server-Sent Events.
 */
import type {
  EventName,
  EventPayloads,
  InvokeName,
  InvokeResults,
  IpcResult,
  OncallApi,
} from '../../../src-main/ipc/contract';
import { eventChannels, invokeChannels } from '../../../src-main/ipc/contract';

/** The header that carries the preview's access token. */
export const TOKEN_HEADER = 'x-oncall-token';

/** Connection state of the bridge's event stream. */
export type BridgeConnection = 'connecting' | 'open' | 'lost';

/** The preload API plus what only a bridge knows: whether the event stream is up. */
export type RendererApi = OncallApi & {
  /** Observe the event stream (bridge only); returns the unsubscribe function. */
  onConnection?(listener: (state: BridgeConnection) => void): () => void;
};

/** What the bridge needs from the page. */
export interface BridgeOptions {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  EventSource: typeof EventSource;
}

/** Create the HTTP bridge. */
export function createHttpBridge(opts: BridgeOptions): RendererApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(state: BridgeConnection) => void>();
  let source: EventSource | null = null;
  let state: BridgeConnection = 'connecting';

  const setState = (next: BridgeConnection): void => {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const ensureStream = (): void => {
    if (source) return;
    const url = `${opts.baseUrl}/api/events?token=${encodeURIComponent(opts.token)}`;
    source = new opts.EventSource(url);
    source.addEventListener('open', () => setState('open'));
    source.addEventListener('error', () => setState('lost'));
    for (const name of Object.keys(eventChannels) as EventName[]) {
      source.addEventListener(name, (ev) => {
        let payload: unknown;
        try {
          payload = JSON.parse((ev as unknown as { data: string }).data);
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) (l as (p: unknown) => void)(payload);
      });
    }
  };

  const invoke = async <K extends InvokeName>(
    name: K,
    args: unknown[],
  ): Promise<IpcResult<InvokeResults[K]>> => {
    try {
      const res = await opts.fetch(`${opts.baseUrl}/api/invoke/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: opts.token },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as IpcResult<InvokeResults[K]>;
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return { ok: false, error: { code: 'failed', message: `The preview server answered ${res.status}.` } };
    } catch {
      return {
        ok: false,
        error: { code: 'unavailable', message: 'The preview server is not answering; is it still running?' },
      };
    }
  };

  const api: Record<string, unknown> = {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      ensureStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onConnection(listener: (s: BridgeConnection) => void): () => void {
      ensureStream();
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
  for (const name of Object.keys(invokeChannels) as InvokeName[]) {
    api[name] = (...args: unknown[]) => invoke(name, args);
  }
  return api as RendererApi;
}
