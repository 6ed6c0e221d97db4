import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './shell/theme';
import { App } from './App';
import { useEvents } from './store/events';
import './styles.css';

// The first page of events is asked for before React mounts: the browser allows a handful of
// requests per origin at once, and the list must not queue behind the status bar's calls, which
// mounting starts first (child effects run before the App's).
useEvents.getState().init();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
