/**
 * React access to the store and the API: one provider at the root, `useApp(selector)` to read
 * state (re-rendering only when the selected value changes) and `useApi()` for H7's views.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../api/http-bridge';
import type { AppActions, AppState, AppStore } from './store';

const StoreContext = createContext<{ store: AppStore; api: RendererApi } | null>(null);

/** Provide the store and API to the tree. */
export function AppProvider(props: { store: AppStore; api: RendererApi; children: ReactNode }) {
  return (
    <StoreContext.Provider value={{ store: props.store, api: props.api }}>
      {props.children}
    </StoreContext.Provider>
  );
}

function useCtx() {
  const ctx = useContext(StoreContext);
  if (!ctx) throw new Error('AppProvider is missing');
  return ctx;
}

/** Read a slice of the state (or an action). */
export function useApp<T>(selector: (s: AppState & AppActions) => T): T {
  return useStore(useCtx().store, selector);
}

/** The store itself, for event handlers that read fresh state. */
export function useAppStore(): AppStore {
  return useCtx().store;
}

/** The API of this window. */
export function useApi(): RendererApi {
  return useCtx().api;
}
