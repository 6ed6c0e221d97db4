import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import type { data as Data } from './data';

/** Mounts the app on #root: React, the views and their code, loaded by main.tsx after the data layer has started. */
export function render(data: typeof Data): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={data.client}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
