import type { ReactNode } from 'react';
import { create } from 'zustand';

export interface ConfirmOptions {
  title: string;
  body: ReactNode;
  /** The confirming button's label, e.g. "Delete 3 events". */
  confirm: string;
  /** A destructive action: the button is red, and Cancel has the focus. */
  danger?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve: (ok: boolean) => void;
}

/** The question waiting for an answer; ConfirmHost (its own chunk, loaded after the first paint) shows it. */
export const useConfirm = create<{ pending: Pending | null }>(() => ({ pending: null }));

/** Asks in an in-app dialog instead of the browser's `confirm()`; resolves true when confirmed. */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  useConfirm.getState().pending?.resolve(false);
  return new Promise((resolve) => useConfirm.setState({ pending: { ...options, resolve } }));
}
