import { connectBridge } from './api';
import { browserEnv } from './page-env';
import { installDataLayer } from './store/current';
import { createDataLayer } from './store/layer';
import { notifyNewEvents } from './notifications/notify';
import { notifyDrift } from './shapes/notifyDrift';
import { firstPaint } from './shell/first-paint-signal';

// The one place the real engine bridge is built (IPC in the desktop window, HTTP + SSE in a browser).
// main.tsx imports this module before react-dom and the views: modules run in import order, so the
// first page of events is asked for while the rest of the scripts are still being evaluated.
export const data = installDataLayer(
  createDataLayer(connectBridge(), {
    env: browserEnv,
    restAfter: firstPaint,
    onArrived: (items) => {
      notifyNewEvents(items);
      notifyDrift(items);
    },
  }),
);
data.start();
