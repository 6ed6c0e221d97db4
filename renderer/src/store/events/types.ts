import type { StateCreator } from 'zustand';
import type { QueryClient, UseQueryOptions } from '@tanstack/react-query';
import type { SampleKind } from '@shared/samples';
import type { CallInput, CallOutput, EventSummary, RawRequest, Rejection } from '@shared/contract';
import type { DataBridge, PageEnv } from '../bridge';
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

/** The open event and its tab; its detail is a query (detail.ts), so an older answer never shows for a newer pick. */
export interface DetailSlice {
  openId: number | null;
  /** The tab the user picked; null means the default for the event. */
  tab: DetailTab | null;
  open(id: number): void;
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

/** Changes to stored events; the engine announces them too (events.deleted, events.cleared). */
export interface EventCommands {
  /** Deletes events; the answer says how many were. */
  deleteEvents(ids: number[]): Promise<number>;
  clearEvents(): Promise<number>;
  /** Posts a built-in sample webhook to this app's receiver; the answer is the receiver's status. */
  sendSample(kind: SampleKind): Promise<number>;
  /** One request with the receiver secret unmasked (Reveal); read on demand and never cached. */
  revealRequest(eventId: number, requestId: number): Promise<RawRequest | null>;
  /** How many events a list query matches; `listed` (the rows loaded) is part of the key, so arrivals ask again. */
  countQuery(query: CallInput<'countEvents'>, listed: number): CountQuery;
  /** Every event of one record (same Key), for the timeline; re-read when events arrive. */
  recordQuery(recordKey: string): RecordQuery;
}

export interface EventsState extends ListSlice, CursorSlice, DetailSlice, RejectionsSlice, EventCommands {
  /** Restores filters, view and the open event from the URL and loads the first page; settles when that page has (loaded or failed). */
  init(): Promise<void>;
  /** Feeds engine events into the list; returns the stop. */
  start(): () => void;
}

/** What the events store is built on: the bridge, the page, and the shared request cache. */
export interface EventsDeps {
  bridge: DataBridge;
  env: PageEnv;
  client: QueryClient;
}

export type Slice<T> = (deps: EventsDeps) => StateCreator<EventsState, [], [], T>;

export type CountQuery = UseQueryOptions<
  CallOutput<'countEvents'>,
  Error,
  CallOutput<'countEvents'>,
  readonly ['eventCount', CallInput<'countEvents'>, number]
>;
export type RecordQuery = UseQueryOptions<CallOutput<'recordEvents'>, Error, CallOutput<'recordEvents'>, readonly ['record', string]>;
