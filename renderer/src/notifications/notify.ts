import { create } from 'zustand';
import type { EventSummary } from '@shared/contract';
import { isDesktop } from '../api';
import { plural } from '../common/format';
import { toast } from '../common/toast';

const STORAGE = 'mwi.notifications';

interface NotifyState {
  /** Desktop: on unless turned off. Browser: opt-in, because it needs the permission prompt. */
  enabled: boolean;
  setEnabled(enabled: boolean): Promise<void>;
}

const stored = localStorage.getItem(STORAGE);

export const useNotify = create<NotifyState>((set) => ({
  enabled: stored === null ? isDesktop : stored === '1',
  async setEnabled(enabled) {
    if (enabled && !isDesktop) {
      if (typeof Notification === 'undefined') {
        toast('This browser has no desktop notifications', 'error');
        return;
      }
      const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      if (permission !== 'granted') {
        toast('Notifications are blocked for this page in the browser settings', 'error');
        return;
      }
    }
    localStorage.setItem(STORAGE, enabled ? '1' : '0');
    set({ enabled });
  },
}));

let batch: EventSummary[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

export function show(title: string, body: string): void {
  if (isDesktop) window.mwi!.notify(title, body);
  else if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    const n = new Notification(title, { body, tag: 'mwi-events' });
    n.onclick = () => window.focus();
  }
}

/**
 * New events while the window is in the background become one notification per
 * short burst ("12 new webhooks"), never one per event.
 */
export function notifyNewEvents(items: readonly EventSummary[]): void {
  if (!useNotify.getState().enabled || !items.length) return;
  if (document.hasFocus() && document.visibilityState === 'visible') return;
  batch.push(...items);
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    const events = batch;
    batch = [];
    if (events.length === 1) {
      const e = events[0]!;
      show(`${e.entity ?? 'Webhook'} · ${e.op ?? 'unparsed'}`, e.parseError ? `Parse error: ${e.parseError}` : e.summary);
    } else {
      const first = events.at(-1)!;
      show(`${plural(events.length, 'new webhook')}`, `Latest: ${first.entity ?? 'Webhook'} ${first.op ?? ''} — ${first.summary}`);
    }
  }, 1200);
}
