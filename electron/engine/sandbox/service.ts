import { ApiError, type ConnectionStatus } from '@shared/contract';
import type { Service } from '../service';
import type { BuiltInSandbox } from './built-in';
import { generatedKindFor } from './generator';
import { GENERATED_KINDS, type GeneratedKind, type Sandbox } from './index';

/**
 * What the sandbox section needs of the active connection. The connection service provides it and
 * is the one writer of the connection status, so the rate it shows cannot disagree with the generator.
 */
export interface SandboxConnection {
  status(): Pick<ConnectionStatus, 'kind'>;
  /** Sets the generator's rate and shows it in the connection status (not_connected unless the sandbox is active). */
  setSandboxRate(perMinute: number): ConnectionStatus;
}

/** The sandbox's generator controls, answered only while the sandbox is the active connection. */
export function sandboxService(builtIn: BuiltInSandbox, connection: SandboxConnection): Service<'sandbox'> {
  const active = (): Sandbox => {
    const sandbox = builtIn.running();
    if (!sandbox || connection.status().kind !== 'sandbox')
      throw new ApiError('unavailable', 'The sandbox is not the active connection', { reason: 'not_connected' });
    return sandbox;
  };
  return {
    handlers: {
      sandboxGenerate: ({ kind, entity, op }) => {
        const sandbox = active();
        if (entity || op) {
          if (!entity || !op) throw new ApiError('bad_request', 'Give both an entity and an op (e.g. Lead and create)');
          const known = generatedKindFor(entity, op);
          return { id: (known ? sandbox.generate(known) : sandbox.emit({ Entity: entity, Op: op })).Id };
        }
        if (kind && !(GENERATED_KINDS as readonly string[]).includes(kind))
          throw new ApiError('bad_request', `Unknown kind "${kind}": one of ${GENERATED_KINDS.join(', ')}`);
        return { id: sandbox.generate(kind as GeneratedKind | undefined).Id };
      },
      sandboxSetRate: ({ perMinute }) => connection.setSandboxRate(perMinute),
    },
    async stop() {
      await builtIn.stop();
    },
  };
}
