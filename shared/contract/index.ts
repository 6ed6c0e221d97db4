import type { z } from 'zod';
import type { CallSpec } from './define';
import { inspectorCalls, inspectorEvents } from './inspector';
import { forwardingCalls, forwardingEvents } from './forwarding';
import { tunnelCalls, tunnelEvents } from './tunnel';
import { connectionCalls, connectionEvents } from './connection';
import { shapesCalls } from './shapes';

/**
 * The one contract between the UI and the engine. Each domain declares its calls
 * and events in its own file; adding a call touches that file and its handler only.
 */
export const calls = {
  ...inspectorCalls,
  ...forwardingCalls,
  ...tunnelCalls,
  ...connectionCalls,
  ...shapesCalls,
} satisfies Record<string, CallSpec>;

export const events = {
  ...inspectorEvents,
  ...forwardingEvents,
  ...tunnelEvents,
  ...connectionEvents,
} satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives: the input after zod applied defaults. */
export type CallArgs<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.infer<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** The UI's view of the engine, identical over IPC and over HTTP. */
export type Api = {
  [K in CallName]: undefined extends CallInput<K>
    ? (input?: CallInput<K>) => Promise<CallOutput<K>>
    : (input: CallInput<K>) => Promise<CallOutput<K>>;
};

export type Handlers = {
  [K in CallName]: (input: CallArgs<K>) => Promise<CallOutput<K>> | CallOutput<K>;
};

export interface EngineEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}

export const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);

export * from './define';
export * from './inspector';
export * from './forwarding';
export * from './tunnel';
export * from './connection';
export * from './shapes';
export * from './errors';
