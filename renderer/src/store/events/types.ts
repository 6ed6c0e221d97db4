import type { StateCreator } from 'zustand';
import type { DriftItem, EventDetail, EventSummary, Rejection } from '@shared/contract';
import type { DetailTab } from '../../detail/tab-choice';
import type { Filters } from '../../events/filters';
import type { Selection } from '../../events/selection';
import type { ListView } from './url';

/** The list: filters, pages, and live arrivals (with pause and unread counting). */
export interface ListSlice {
  filters: Filters;
  items: EventSummary[];
  nextCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Live insertion paused: arrivals wait in `pending` and the list stays still. */
  paused: boolean;
  pending: EventSummary[];
  /** Events that arrived while the user was not watching the top of the list. */
  unread: number;
  /** The list is scrolled to its top, the live edge. */
  atTop: boolean;
  setFilters(patch: Partial<Filters>): void;
  clearFilters(): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  receive(items: EventSummary[]): void;
  /** Events deleted (here or by another window): they leave the list, the selection and the detail. */
  removed(ids: number[]): void;
  setAtTop(atTop: boolean): void;
  markSeen(): void;
  togglePaused(): void;
}

/** The keyboard cursor and the multi-row selection. */
export interface CursorSlice {
  /** Keyboard cursor (highlighted row). */
  cursor: number | null;
  selection: Selection;
  setCursor(id: number | null): void;
  /** ↑/↓: moves the cursor; with `extend` (Shift) the selection grows from its anchor. */
  moveCursor(delta: number, extend?: boolean): void;
  /** A click on a row: plain opens it, Ctrl/⌘ toggles it, Shift extends to it. */
  clickRow(id: number, modifiers: { toggle: boolean; extend: boolean }): void;
  toggleSelected(id: number): void;
  selectAll(): void;
  clearSelection(): void;
}

/** The open event and its tab. */
export interface DetailSlice {
  openId: number | null;
  detail: EventDetail | null;
  detailError: string | null;
  /** Set when the open event is the first of its shape with a higher major (stored by the engine). */
  versionWarning: DriftItem | null;
  /** The tab the user picked; null means the default for the event. */
  tab: DetailTab | null;
  open(id: number): Promise<void>;
  close(): void;
  setTab(tab: DetailTab): void;
}

/** The Rejected view: requests the receiver refused. */
export interface RejectionsSlice {
  view: ListView;
  rejections: Rejection[];
  setView(view: ListView): void;
  loadRejections(): Promise<void>;
}

export interface EventsState extends ListSlice, CursorSlice, DetailSlice, RejectionsSlice {
  init(): void;
}

export type Slice<T> = StateCreator<EventsState, [], [], T>;
