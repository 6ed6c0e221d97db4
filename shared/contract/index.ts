import type { z } from 'zod';
import type { CallSpec } from './define';
import { inspectorCalls, inspectorEvents } from './inspector';
import { receiverCalls } from './receiver';
import { forwardingCalls, forwardingEvents } from './forwarding';
import { replayCalls } from './replay';
import { transferCalls } from './transfer';
import { simulationCalls } from './simulation';
import { tunnelCalls, tunnelEvents } from './tunnel';
import { connectionCalls, connectionEvents } from './connection';
import { subscriptionCalls } from './subscriptions';
import { sandboxCalls } from './sandbox';
import { statusCalls, statusEvents } from './status';
import { shapesCalls } from './shapes';
import { latencyCalls } from './latency';

/**
 * The one contract between the UI and the engine, in sections: one engine service answers
 * each section (electron/engine/<section>/service.ts). Adding a call touches its section's
 * declaration and that service only; the compiler then demands the handler.
 */
export const sections = {
  inspector: { ...statusCalls, ...inspectorCalls },
  receiver: receiverCalls,
  forwarding: forwardingCalls,
  replay: replayCalls,
  transfer: transferCalls,
  simulation: simulationCalls,
  tunnel: tunnelCalls,
  connection: connectionCalls,
  subscriptions: subscriptionCalls,
  sandbox: sandboxCalls,
  shapes: shapesCalls,
  latency: latencyCalls,
} satisfies Record<string, Record<string, CallSpec>>;

export const calls = {
  ...statusCalls,
  ...inspectorCalls,
  ...receiverCalls,
  ...forwardingCalls,
  ...replayCalls,
  ...transferCalls,
  ...simulationCalls,
  ...tunnelCalls,
  ...connectionCalls,
  ...subscriptionCalls,
  ...sandboxCalls,
  ...shapesCalls,
  ...latencyCalls,
} satisfies Record<string, CallSpec>;

export const events = {
  ...statusEvents,
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
  [K in CallName]: undefined extends CallInput<K> ? (input?: CallInput<K>) => Promise<CallOutput<K>> : (input: CallInput<K>) => Promise<CallOutput<K>>;
};

export type Handler<K extends CallName> = (input: CallArgs<K>) => Promise<CallOutput<K>> | CallOutput<K>;
export type Handlers = { [K in CallName]: Handler<K> };

export type Sections = typeof sections;
export type SectionName = keyof Sections;
/** Exactly the handlers of one section: a missing or extra call is a compile error. */
export type SectionHandlers<S extends SectionName> = { [K in keyof Sections[S] & CallName]: Handler<K> };

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type KeysOf<T> = T extends unknown ? keyof T : never;
/** Names declared in more than one section of `T` (spreading the sections would silently keep the last). */
export type CallsInSeveralSections<T> = {
  [K in KeysOf<T[keyof T]>]: true extends IsUnion<{ [S in keyof T]: K extends keyof T[S] ? S : never }[keyof T]> ? K : never;
}[KeysOf<T[keyof T]>];
type Duplicated = CallsInSeveralSections<Sections>;
/** Compile-time proof that every call has exactly one section, hence exactly one handler. */
export const everyCallInOneSection: [Duplicated] extends [never] ? true : { duplicated: Duplicated } = true;

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
export * from './status';
export * from './shapes';
export * from './receiver';
export * from './replay';
export * from './transfer';
export * from './simulation';
export * from './subscriptions';
export * from './sandbox';
export * from './latency';
export * from './errors';
