import type { Bridge } from '@shared/contract/client';

/**
 * What the renderer's stores need from the engine: the typed calls, the event stream, and
 * whether that stream is up. main.tsx builds the real one (IPC in the desktop window, HTTP + SSE
 * in browser mode, see ../api.ts); unit tests pass a fake, so no store needs a window.
 */
export interface DataBridge extends Bridge {
  /** Whether live events currently reach this UI (always true over desktop IPC). */
  streamConnected(): boolean;
  /** Told when the event stream connects or drops (browser mode; IPC never drops). */
  onStreamConnection(listener: (connected: boolean) => void): () => void;
}

/** What the stores read from the page they run in; the browser's by default, a fake in tests. */
export interface PageEnv {
  /** The user can see the window (focused and visible): new events are not "unread". */
  watched(): boolean;
  /** The events screen's part of the query string (filters, open event, tab, view). */
  readSearch(): string;
  writeSearch(update: (search: string) => string): void;
  /** Calls `listener` whenever the user may have started watching again. */
  onWatch(listener: () => void): () => void;
}
