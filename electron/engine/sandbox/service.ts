import { randomBytes } from 'node:crypto';
import { ApiError } from '@shared/contract';
import { SANDBOX_DEFAULT_RATE, sandboxRate } from '@shared/limits';
import type { Connection } from '../connection/service';
import type { Service, ServiceContext } from '../service';
import { generatedKindFor } from './generator';
import { GENERATED_KINDS, startSandbox, type GeneratedKind, type Sandbox } from './index';

/** The built-in sandbox as the app runs it: started on first use, generating only while it is the active connection. */
export class BuiltInSandbox {
  private sandbox: Sandbox | null = null;
  private token = '';
  /** Events per minute while active; the engine option `sandboxRate` sets the first value. */
  rate: number;

  constructor(private readonly ctx: ServiceContext) {
    this.rate = sandboxRate.parse(ctx.options.sandboxRate ?? SANDBOX_DEFAULT_RATE);
  }

  /** Starts the emulator if needed; returns where to reach it and an admin token. */
  async ensure(): Promise<{ baseUrl: string; token: string }> {
    if (!this.sandbox) {
      this.token = randomBytes(18).toString('base64url');
      this.sandbox = await startSandbox({ adminTokens: [this.token], port: 0, rate: 0, log: (line) => this.ctx.log(`sandbox: ${line}`) });
    }
    return { baseUrl: this.sandbox.baseUrl, token: this.token };
  }

  resume(): void {
    this.sandbox?.setRate(this.rate);
  }

  /** Only the active sandbox generates: events of a connection the user left would only confuse. */
  pause(): void {
    if (this.sandbox && this.sandbox.rate !== 0) this.sandbox.setRate(0);
  }

  running(): Sandbox | null {
    return this.sandbox;
  }

  async stop(): Promise<void> {
    await this.sandbox?.stop();
  }
}

/** The sandbox's generator controls, answered only while the sandbox is the active connection. */
export function sandboxService(ctx: ServiceContext, builtIn: BuiltInSandbox, connection: Connection): Service<'sandbox'> {
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
        if (kind && !(GENERATED_KINDS as readonly string[]).includes(kind)) throw new ApiError('bad_request', `Unknown kind "${kind}": one of ${GENERATED_KINDS.join(', ')}`);
        return { id: sandbox.generate(kind as GeneratedKind | undefined).Id };
      },
      sandboxSetRate: ({ perMinute }) => {
        active().setRate(perMinute);
        builtIn.rate = perMinute;
        return connection.update({ sandboxRate: perMinute });
      },
    },
    async stop() {
      await builtIn.stop();
    },
  };
}
