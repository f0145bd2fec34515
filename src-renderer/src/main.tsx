/**
 * Renderer entry: pick the API (preload or preview bridge), create the store, render the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickApi } from './api';
import { AppProvider } from './store/context';
import { createAppStore } from './store/store';
import { App } from './views/App';
import './styles/base.css';
import './styles/layout.css';
import './styles/overlays.css';
import './styles/list.css';
import './styles/detail.css';
import './styles/settings.css';
import './styles/narrow.css';

const api = pickApi();
const store = createAppStore(api);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppProvider store={store} api={api}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
}
