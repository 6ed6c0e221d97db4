import { z } from 'zod';

/*
 * The messages between the desktop app's three processes. The engine runs in an Electron utility
 * process (engine-host/index.ts); the main process only starts, restarts and stops it and hands
 * each window a MessagePort to it; the window's preload then speaks the contract over that port.
 */

/** What the main process tells the engine's process at start. */
export const hostConfig = z.object({
  dataDir: z.string().min(1),
  tunnel: z.object({ enabled: z.boolean(), host: z.string().optional() }),
  /** The built renderer, served by the automation API too. */
  staticDir: z.string().min(1),
  /** The token key (base64, 32 bytes) unsealed by the OS keychain; absent where none is usable. */
  secretKey: z.string().optional(),
  secretDescription: z.string().optional(),
});
export type HostConfig = z.infer<typeof hostConfig>;

/** main → engine process (over its parentPort). A `connect` carries the port of one window. */
export const toHost = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), config: hostConfig }),
  z.object({ kind: z.literal('connect') }),
  z.object({ kind: z.literal('stop') }),
]);
export type ToHost = z.infer<typeof toHost>;

/** engine process → main. */
export const fromHost = z.discriminatedUnion('kind', [z.object({ kind: z.literal('ready') }), z.object({ kind: z.literal('failed'), message: z.string() })]);
export type FromHost = z.infer<typeof fromHost>;

/** window → engine process: one contract call. The page is not trusted further than this shape. */
export const portCall = z.object({ id: z.number().int().nonnegative(), name: z.string().max(100), input: z.unknown() });
export type PortCall = z.infer<typeof portCall>;

/** engine process → window: an answer to call `id` (the dispatcher's body as is), or an engine event. */
export type PortMessage = { id: number; answer: unknown } | { event: unknown };
