import { useStore, type StoreApi } from 'zustand';
import type { DataLayer } from './layer';

let installed: DataLayer | undefined;

/** main.tsx installs the one data layer (built on the real bridge) before the first render. */
export function installDataLayer(layer: DataLayer): DataLayer {
  installed = layer;
  return layer;
}

export function dataLayer(): DataLayer {
  if (!installed) throw new Error('The data layer is not installed: main.tsx installs it before rendering');
  return installed;
}

/** A store of the installed layer as a hook (`useX(selector)`), with `getState` for event handlers. */
export interface BoundStore<T> {
  (): T;
  <U>(selector: (state: T) => U): U;
  getState(): T;
  setState: StoreApi<T>['setState'];
}

export function bound<T>(pick: (layer: DataLayer) => StoreApi<T>): BoundStore<T> {
  const store = () => pick(dataLayer());
  const hook = (<U>(selector?: (state: T) => U) => useStore(store(), selector ?? ((s: T) => s as unknown as U))) as BoundStore<T>;
  hook.getState = () => store().getState();
  hook.setState = ((...args: unknown[]) => (store().setState as (...a: unknown[]) => void)(...args)) as StoreApi<T>['setState'];
  return hook;
}
