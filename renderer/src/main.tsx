import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import './shell/theme';
import { App } from './App';
import { connectBridge } from './api';
import { browserEnv } from './page-env';
import { installDataLayer } from './store/current';
import { createDataLayer } from './store/layer';
import { notifyNewEvents } from './notifications/notify';
import { notifyDrift } from './shapes/notifyDrift';
import './styles.css';

// The one place the real engine bridge is built (IPC in the desktop window, HTTP + SSE in a browser).
const data = installDataLayer(
  createDataLayer(connectBridge(), {
    env: browserEnv,
    onArrived: (items) => {
      notifyNewEvents(items);
      notifyDrift(items);
    },
  }),
);
data.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={data.client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
